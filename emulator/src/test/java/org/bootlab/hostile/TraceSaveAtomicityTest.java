package org.bootlab.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.NativeTraceReader;
import org.bootlab.trace.NativeTraceWriter;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceFiles;
import org.bootlab.trace.Track;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Saving a trace over a good one never leaves half a file: the writers write a temporary file
 * and rename it over the target only once it is complete. A write that fails half way (here the
 * temporary file is a link to /dev/full, so the disk is "full" after the first buffer) and a
 * profiler that dies before finishing leave the old file as it was.
 */
class TraceSaveAtomicityTest {

    private static Trace big;
    private static Trace small;

    @TempDir
    Path dir;

    @BeforeAll
    static void traces() throws Exception {
        Path root = Path.of(System.getProperty("bootlab.repoRoot", "."));
        Path profile = root.resolve("profiles/sysinit-bubble.bltrace");
        if (!Files.exists(profile)) {
            profile = root.resolve("../profiles/sysinit-bubble.bltrace"); // run from emulator/
        }
        big = TraceFiles.read(profile);
        small = new Trace();
        Track hart = small.addTrack(Track.Kind.HART, "hart 0", 0);
        int kernel = hart.frames().open(small.names().intern("kernel"), -1, 0, 0, FrameList.NO_SYSINIT);
        hart.frames().close(kernel, 100, 90);
        small.finish(100, 90);
    }

    @ParameterizedTest
    @EnumSource(TraceFiles.OutputFormat.class)
    void aWriteThatFailsHalfWayKeepsTheOldFile(TraceFiles.OutputFormat format) throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "needs /dev/full (Linux) to fail a write half way");
        Path target = dir.resolve("boot." + format.name().toLowerCase());
        TraceFiles.write(small, format, target);
        byte[] good = Files.readAllBytes(target);

        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.createSymbolicLink(part, devFull);
        IOException e = assertThrows(IOException.class, () -> TraceFiles.write(big, format, target));
        assertEquals("No space left on device", e.getMessage(), "the failure is the disk's, mid-write");

        assertArrayEquals(good, Files.readAllBytes(target), "the old file, untouched");
        assertFalse(Files.exists(part, java.nio.file.LinkOption.NOFOLLOW_LINKS), "no temporary file left behind");
    }

    @Test
    void aProfilerThatDiesBeforeFinishingKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("boot.bltrace");
        TraceFiles.write(small, TraceFiles.OutputFormat.NATIVE, target);
        byte[] good = Files.readAllBytes(target);

        NativeTraceWriter live = NativeTraceWriter.open(big, target);
        live.flush(); // chunks reach the disk, then the process "dies": no finish(), no close()

        assertArrayEquals(good, Files.readAllBytes(target), "the old file, untouched");
        NativeTraceReader.read(target);
        live.close();
        assertArrayEquals(good, Files.readAllBytes(target), "closing without finish() does not replace it either");
    }
}
