package org.bootlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bootlab.testing.Tools;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** profile, export, compare and boot --tslog-out, end to end on the guest kernel and profiles/. */
class ProfileCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BootLabCli.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true));
    }

    private static Path kernel() {
        return Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bubble", "merge", "qsort"})
    void aFreshProfileReproducesTheSavedOneByteForByte(String sort) throws Exception {
        Path fresh = dir.resolve(sort + ".bltrace");
        assertEquals(0, run("profile", "--bootargs", "sysinit.sort=" + sort, "-o", fresh.toString()), err.toString());
        Path saved = Tools.repoRoot().resolve("profiles/sysinit-" + sort + ".bltrace");
        assertArrayEquals(Files.readAllBytes(saved), Files.readAllBytes(fresh),
                "profiles/ is out of date: run profiles/regenerate.sh");
    }

    @Test
    void aProfileRecordsSbiCallsAndVirtioEvents() throws Exception {
        Trace t = TraceFiles.read(Tools.repoRoot().resolve("profiles/sysinit-merge.bltrace"));
        java.util.EnumSet<org.bootlab.trace.InstantKind> seen = java.util.EnumSet.noneOf(org.bootlab.trace.InstantKind.class);
        for (var track : t.tracks()) {
            for (int i = 0; i < track.instants().size(); i++) {
                seen.add(track.instants().kind(i));
            }
        }
        assertTrue(seen.contains(org.bootlab.trace.InstantKind.SBI_CALL), "SBI calls under direct boot: " + seen);
        assertTrue(seen.contains(org.bootlab.trace.InstantKind.VIRTIO_NOTIFY), "virtio notifications: " + seen);
        assertTrue(seen.contains(org.bootlab.trace.InstantKind.VIRTIO_INTERRUPT), "virtio interrupts: " + seen);
    }

    @Test
    void compareShowsTheSortRatioAndTheBootTimes() {
        Path profiles = Tools.repoRoot().resolve("profiles");
        assertEquals(0, run("compare", profiles.resolve("sysinit-bubble.bltrace").toString(),
                profiles.resolve("sysinit-merge.bltrace").toString()), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher ratio = Pattern.compile("sort ratio \\(A/B\\): ([\\d.]+)x instructions").matcher(text);
        assertTrue(ratio.find(), text);
        assertTrue(Double.parseDouble(ratio.group(1)) >= 40, text);
        assertTrue(Pattern.compile("boot time\\s+\\d+\\.\\d{3} ms\\s+\\d+\\.\\d{3} ms").matcher(text).find(), text);
        assertTrue(text.contains("bubblesort") && text.contains("mergesort"), text);
        assertTrue(text.contains("SYSINIT order: the same in both"), text);
    }

    @Test
    void qsortRunsTiesInAnotherOrderAndJsonSaysSo() {
        Path profiles = Tools.repoRoot().resolve("profiles");
        assertEquals(0, run("compare", profiles.resolve("sysinit-merge.bltrace").toString(),
                profiles.resolve("sysinit-qsort.bltrace").toString(), "--json"), err.toString());
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"orderChanges\" : [ {"), json.substring(0, 400));
        assertTrue(json.contains("\"algorithm\" : \"qsort\""));
    }

    @Test
    void exportWritesEachFormatAndReadsItBack() throws Exception {
        Path in = Tools.repoRoot().resolve("profiles/sysinit-merge.bltrace");
        for (String format : new String[] {"chrome", "folded", "tslog", "native"}) {
            Path target = dir.resolve("merge." + format);
            assertEquals(0, run("export", "--format", format, in.toString(), target.toString()), err.toString());
            Trace back = TraceFiles.read(target);
            assertTrue(back.tracks().get(0).frames().size() > 0, format);
        }
    }

    @Test
    void aMalformedTraceIsOneLineAndExitStatus2() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"traceEvents\": [ {\"ph\": \"E\", \"ts\": 1} ]}");
        assertEquals(2, run("export", "--format", "folded", bad.toString(), dir.resolve("o").toString()));
        assertEquals("bootlab: " + bad + ": line 1 column 19: expected a B event before this E event on pid 0 tid 0\n",
                err.toString());
        err.reset();
        assertEquals(2, run("compare", bad.toString(), dir.resolve("missing").toString()));
        assertTrue(err.toString().startsWith("bootlab: " + bad), err.toString());
    }

    @Test
    void bootSavesTheGuestsTslogDump() throws Exception {
        Path log = dir.resolve("boot.tslog");
        assertEquals(0, run("boot", "--kernel", kernel().toString(), "--tslog-out", log.toString()), err.toString());
        String text = Files.readString(log);
        assertTrue(text.lines().anyMatch(l -> l.matches("0x[0-9a-f]+ \\d+ ENTER mi_startup mergesort")), text);
        Trace t = TraceFiles.read(log);
        assertTrue(t.tracks().get(0).name().startsWith("tslog swapper"), t.tracks().get(0).name());
    }
}
