package org.bootlab.lockstep;

import java.nio.file.Path;

import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debian's OpenSBI fw_jump and S-mode U-Boot: the first 200,000 instructions in lockstep. */
class OpenSbiUBootLockstepTest {

    private static final long INSTRUCTIONS = 200_000L;

    @Test
    void firstInstructionsMatchQemu() throws Exception {
        Path fw = Tools.requireFile(LockstepRunner.FW_JUMP, "opensbi");
        Path uboot = Tools.requireFile("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin", "u-boot-qemu");
        Lockstep.Result r = LockstepRunner.compare(new Lockstep.Guest("OpenSBI + U-Boot", 128, "", fw, uboot),
                INSTRUCTIONS, 20_000L);
        assertTrue(r.instructions() >= INSTRUCTIONS, r.summary());
    }
}
