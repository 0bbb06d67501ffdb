package org.bootlab.isa;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bootlab.testing.Tools;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proves the ISA tests themselves right: each committed test ELF passes on the reference
 * machine, QEMU 7.2's virt board, entered as firmware the way BootLab enters it. QEMU runs with
 * -icount shift=0 (one instruction per virtual nanosecond, BootLab's clock model), which the
 * instret and timer checks rely on. QEMU exits 0 on the pass code and with the test number
 * (mod 256) on a failure.
 */
class IsaQemuTest {

    private static final long TIMEOUT_SECONDS = 60;

    @TestFactory
    Stream<DynamicTest> everyTestPassesOnQemu() {
        return IsaElfs.all().stream().map(elf -> DynamicTest.dynamicTest(
                elf.getFileName().toString(), () -> runOnQemu(elf)));
    }

    private static void runOnQemu(Path elf) throws Exception {
        Path qemu = Tools.require("qemu-system-riscv64");
        Process p = new ProcessBuilder(qemu.toString(), "-M", "virt", "-m", "128", "-nographic",
                "-icount", "shift=0", "-bios", elf.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail(elf.getFileName() + " did not finish on QEMU within " + TIMEOUT_SECONDS + " s");
        }
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> elf.getFileName() + " failed on QEMU: "
                + IsaElfs.describe(p.exitValue()) + "\n" + console);
    }
}
