package org.bootlab.lockstep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bootlab.testing.Tools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every ISA test ELF, from reset to its power-off, on BootLab and QEMU in lockstep. */
class IsaLockstepTest {

    /** Each test powers off well within this; the cap only bounds a runaway. */
    private static final long MAX = 20_000_000L;
    private static final long CHUNK = 20_000L;

    /**
     * Tests QEMU cannot be compared on through its gdbstub: they arm the timer and wait for it,
     * and QEMU 7.2 warps its icount clock to the next timer deadline at every debugger stop
     * (docs/lockstep.md), so its timer interrupts come at other instructions than BootLab's.
     */
    private static final Map<String, String> QEMU_CANNOT = Map.of(
            "interrupts.elf", "timer interrupts and WFI wake-ups: QEMU's clock warps at debugger stops",
            "vectored.elf", "vectored timer interrupts: QEMU's clock warps at debugger stops");

    @TestFactory
    Stream<DynamicTest> everyIsaTestRunsInLockstep() throws IOException {
        return elfs().stream().map(elf -> DynamicTest.dynamicTest(elf.getFileName().toString(), () -> {
            String why = QEMU_CANNOT.get(elf.getFileName().toString());
            assumeTrue(why == null, () -> "not compared: " + why);
            Lockstep.Result r = LockstepRunner.compare(new Lockstep.Guest(elf.getFileName().toString(), 128, "", elf, null),
                    MAX, CHUNK);
            assertTrue(r.poweredOff(), elf.getFileName() + " did not power off on both: " + r.summary());
        }));
    }

    private static List<Path> elfs() throws IOException {
        try (Stream<Path> files = Files.list(Tools.repoRoot().resolve("emulator/src/test/resources/isa"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".elf")).sorted().toList();
        }
    }
}
