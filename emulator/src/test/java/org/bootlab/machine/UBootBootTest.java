package org.bootlab.machine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 2's acceptance: Debian's OpenSBI and U-Boot boot to U-Boot's prompt, answer a command
 * and power the machine off, the same way they do on QEMU's virt machine.
 */
class UBootBootTest {

    private static final String FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf";
    private static final String UBOOT_SMODE = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin";
    private static final String UBOOT_MMODE = "/usr/lib/u-boot/qemu-riscv64/u-boot.bin";
    /** Instructions for the whole session; QEMU needs well under this to reach the prompt. */
    private static final long BUDGET = 300_000_000L;
    private static final long SLICE = 1_000_000L;

    @Test
    void openSbiFwJumpThenSModeUBootAnswersVersionAndPowersOff() throws Exception {
        Path firmware = Tools.requireFile(FW_JUMP, "opensbi");
        Path uboot = Tools.requireFile(UBOOT_SMODE, "u-boot-qemu");
        Session s = new Session(ImageLoader.load(firmware, MemoryMap.DRAM_BASE),
                ImageLoader.load(uboot, MemoryMap.KERNEL_LOAD));
        s.reachPrompt();
        assertTrue(s.console().contains("OpenSBI"), "OpenSBI's banner:\n" + s.console());
        assertTrue(s.console().contains("Platform HART Count       : 1"), s.console());
        // Values OpenSBI can only have taken from BootLab's device tree:
        assertTrue(s.console().contains("Platform Name             : bootlab,microvm"), s.console());
        assertTrue(s.console().contains("Platform Timer Device     : aclint-mtimer @ 10000000Hz"), s.console());
        assertTrue(s.console().contains("Platform Console Device   : uart8250"), s.console());
        s.versionAndPowerOff();
    }

    @Test
    void mModeUBootAloneAsBiosAnswersVersionAndPowersOff() throws Exception {
        Path uboot = Tools.requireFile(UBOOT_MMODE, "u-boot-qemu");
        Session s = new Session(ImageLoader.load(uboot, MemoryMap.DRAM_BASE), null);
        s.reachPrompt();
        s.versionAndPowerOff();
    }

    /** A machine driven in slices, typing at its console as a person would. */
    private static final class Session {
        private final Machine machine;
        private final StringBuilder console = new StringBuilder();
        private long spent;

        Session(BootImage bios, BootImage kernel) throws Exception {
            machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "", bios, kernel));
            machine.addConsoleListener((b, ns) -> console.append((char) (b & 0xff)));
        }

        String console() {
            return console.toString();
        }

        /** Stops U-Boot's autoboot countdown with a key press and waits for the "=> " prompt. */
        void reachPrompt() {
            runUntil(c -> c.contains("Hit any key to stop autoboot"), "the autoboot countdown");
            type(" ");
            runUntil(c -> c.endsWith("=> "), "U-Boot's prompt");
        }

        void versionAndPowerOff() {
            int mark = console.length();
            type("version\n");
            runUntil(c -> c.substring(mark).contains("U-Boot 20") && c.endsWith("=> "), "the version's answer");
            assertTrue(console.substring(mark).matches("(?s).*U-Boot 20\\d\\d\\.\\d\\d.*"), console.substring(mark));
            type("poweroff\n");
            RunResult result = runUntil(c -> false, "power-off");
            assertEquals(ExitStatus.POWER_OFF, result.status(), console());
        }

        private void type(String text) {
            machine.sendConsoleInput(text.getBytes(StandardCharsets.US_ASCII));
        }

        /** Runs until the console satisfies {@code done} or the guest ends the run. */
        private RunResult runUntil(Predicate<String> done, String what) {
            while (spent < BUDGET) {
                RunResult r = machine.run(SLICE);
                spent += SLICE;
                if (r.status() != ExitStatus.INSTRUCTION_LIMIT) {
                    return r;
                }
                if (done.test(console.toString())) {
                    return r;
                }
            }
            fail("no " + what + " within " + BUDGET + " instructions; console so far:\n" + console);
            return null;
        }
    }
}
