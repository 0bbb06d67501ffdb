package org.bootlab.lockstep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bootlab.testing.Tools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ISA test ELF, from reset to its power-off, on BootLab and QEMU in lockstep; those that
 * take timer interrupts up to the first one (see {@link QemuQuirks}: QEMU raises mip.MTIP late).
 */
class IsaLockstepTest {

    /** Each test powers off well within this; the cap only bounds a runaway. */
    private static final long MAX = 20_000_000L;
    private static final long CHUNK = 20_000L;

    @TestFactory
    Stream<DynamicTest> everyIsaTestRunsInLockstep() throws IOException {
        return elfs().stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            Lockstep.Result r = LockstepRunner.compare(new Lockstep.Guest(elf.getFileName().toString(), 128, "", elf, null),
                    MAX, CHUNK);
            assertTrue(r.poweredOff() || r.endedAtTimerInterrupt(),
                    elf.getFileName() + " did not power off on both: " + r.summary());
        }));
    }

    private static List<Path> elfs() throws IOException {
        try (Stream<Path> files = Files.list(Tools.repoRoot().resolve("emulator/src/test/resources/isa"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".elf")).sorted().toList();
        }
    }
}
