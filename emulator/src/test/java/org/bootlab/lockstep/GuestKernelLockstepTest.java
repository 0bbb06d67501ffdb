package org.bootlab.lockstep;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The guest kernel booted by OpenSBI fw_jump (QEMU has no firmware-less direct boot), from
 * reset through mi_startup and to the end of the SYSINIT sort, in lockstep.
 */
class GuestKernelLockstepTest {

    private static final String BOOTARGS = "sysinit.sort=merge";
    /** The sort's result line: printed once the sort is over. */
    private static final String AFTER_SORT = "sysinit: order checksum";

    @Test
    void bootThroughTheSortMatchesQemu() throws Exception {
        Path fw = Tools.requireFile(LockstepRunner.FW_JUMP, "opensbi");
        Path kernel = Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
        long miStartup = symbol(kernel, "mi_startup");

        // Where mi_startup and the end of the sort fall, found on BootLab alone (it is fast).
        Machine m = new Machine(new MachineConfig(128, BOOTARGS, ImageLoader.load(fw, MemoryMap.DRAM_BASE),
                ImageLoader.load(kernel, MemoryMap.KERNEL_LOAD)));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        m.addConsoleListener((b, t) -> console.write(b));
        m.hart().setBreakpoints(new long[] {miStartup});
        m.run(50_000_000L);
        assertTrue(m.hart().stoppedAtBreakpoint(), "mi_startup was not reached");
        long atMiStartup = m.hart().steps();
        m.hart().setBreakpoints(new long[0]);
        while (!console.toString(StandardCharsets.ISO_8859_1).contains(AFTER_SORT)) {
            if (m.isFinished() || m.hart().steps() > 100_000_000L) {
                fail("the sort never ended on BootLab:\n" + console);
            }
            m.run(10_000);
        }
        long afterSort = m.hart().steps();
        System.out.printf("guest kernel: mi_startup at instruction %d, sort over by %d%n", atMiStartup, afterSort);

        Lockstep.Result r = LockstepRunner.compare(new Lockstep.Guest("guest kernel under OpenSBI", 128, BOOTARGS,
                fw, kernel), afterSort, 100_000L);
        assertTrue(r.instructions() >= afterSort, r.summary());
    }

    /** A symbol's address, from the cross binutils' nm. */
    private static long symbol(Path elf, String name) throws Exception {
        Path nm = Tools.require("riscv64-unknown-elf-nm");
        Process p = new ProcessBuilder(nm.toString(), elf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        p.waitFor(30, TimeUnit.SECONDS);
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        fail("no symbol " + name + " in " + elf);
        return 0;
    }
}
