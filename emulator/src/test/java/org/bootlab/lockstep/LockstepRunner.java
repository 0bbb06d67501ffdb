package org.bootlab.lockstep;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bootlab.testing.Tools;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a {@link Lockstep} comparison for a test and fails it with the divergence report. */
final class LockstepRunner {

    static final String FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf";

    private LockstepRunner() {
    }

    /** Compares up to {@code max} instructions; returns the result, which has no divergence. */
    static Lockstep.Result compare(Lockstep.Guest guest, long max, long chunk) throws Exception {
        Path qemu = Tools.require("qemu-system-riscv64");
        Path work = Files.createTempDirectory("lockstep-");
        long t0 = System.nanoTime();
        Lockstep.Result r;
        String console;
        try (Lockstep lockstep = new Lockstep(guest, qemu, work)) {
            r = lockstep.run(max, chunk);
            console = lockstep.qemuConsole();
        }
        System.out.printf("lockstep %s: %s in %.1f s%n", guest.name(), r.summary(), (System.nanoTime() - t0) / 1e9);
        Lockstep.Result result = r;
        assertNull(r.divergence(), () -> result.divergence() + "\n" + result.summary() + "\nQEMU's console:\n" + console);
        assertTrue(r.instructions() > 0, "nothing compared");
        return r;
    }
}
