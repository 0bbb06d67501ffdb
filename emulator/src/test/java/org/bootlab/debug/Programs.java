package org.bootlab.debug;

import static org.bootlab.debug.Asm.*;

import org.bootlab.cpu.Csr;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;

/** Hand-assembled M-mode test programs (addresses relative to 0x80000000). */
final class Programs {

    static final long BASE = 0x8000_0000L;

    /** {@link #calls()}: the call to func in the loop, func itself, and its return. */
    static final long CALL = BASE + 0x18, AFTER_CALL = BASE + 0x1c, STORE = BASE + 0x28, ECALL_AT = BASE + 0x2c;
    static final long LOAD = BASE + 0x30, FUNC = BASE + 0x60, FUNC_BODY = BASE + 0x68, HANDLER = BASE + 0x80;
    static final long DATA = BASE + 0x1000;

    private Programs() {
    }

    /**
     * Calls func five times (func: push ra, a0++, store a0 on the stack, pop, return), stores a0
     * at DATA, takes an ECALL trap (the handler skips it), loads DATA into a1, powers off.
     */
    static BootImage calls() {
        return new Asm(0x100)
                .at(0x00, auipc(SP, 0x10))
                .at(0x04, auipc(T0, 0))
                .at(0x08, addi(T0, T0, 0x7c))
                .at(0x0c, csrrw(ZERO, Csr.MTVEC, T0))
                .at(0x10, addi(A0, ZERO, 0))
                .at(0x14, addi(S1, ZERO, 5))
                .at(0x18, jal(RA, 0x60 - 0x18))
                .at(0x1c, addi(S1, S1, -1))
                .at(0x20, bne(S1, ZERO, -8))
                .at(0x24, auipc(T1, 1))
                .at(0x28, sd(A0, T1, -0x24))
                .at(0x2c, ECALL)
                .at(0x30, ld(A1, T1, -0x24))
                .at(0x34, lui(T5, 0x100))
                .at(0x38, lui(T6, 0x5))
                .at(0x3c, addi(T6, T6, 0x555))
                .at(0x40, sw(T6, T5, 0))
                .at(0x44, jal(ZERO, 0))
                .at(0x60, addi(SP, SP, -16))
                .at(0x64, sd(RA, SP, 8))
                .at(0x68, addi(A0, A0, 1))
                .at(0x6c, sd(A0, SP, 0))
                .at(0x70, ld(RA, SP, 8))
                .at(0x74, addi(SP, SP, 16))
                .at(0x78, jalr(ZERO, RA, 0))
                .at(0x80, csrrs(T2, Csr.MEPC, ZERO))
                .at(0x84, addi(T2, T2, 4))
                .at(0x88, csrrw(ZERO, Csr.MEPC, T2))
                .at(0x8c, MRET)
                .image();
    }

    static final long USER = BASE + 0x40, PRIV_HANDLER = BASE + 0x60;

    /** MRET from M-mode to U-mode code at USER, which ECALLs back to M-mode; the handler powers off. */
    static BootImage privilege() {
        return new Asm(0x100)
                .at(0x00, auipc(T0, 0))
                .at(0x04, addi(T0, T0, 0x40))
                .at(0x08, csrrw(ZERO, Csr.MEPC, T0))
                .at(0x0c, auipc(T0, 0))
                .at(0x10, addi(T0, T0, 0x54))
                .at(0x14, csrrw(ZERO, Csr.MTVEC, T0))
                .at(0x18, MRET)
                .at(0x40, addi(A0, ZERO, 7))
                .at(0x44, ECALL)
                .at(0x48, jal(ZERO, 0))
                .at(0x60, lui(T5, 0x100))
                .at(0x64, lui(T6, 0x5))
                .at(0x68, addi(T6, T6, 0x555))
                .at(0x6c, sw(T6, T5, 0))
                .at(0x70, jal(ZERO, 0))
                .image();
    }

    static final long TIMER_HANDLER = BASE + 0x80, TIMER_LOOP = BASE + 0x28;

    /**
     * An endless loop counting in s2, interrupted by the machine timer about every 3,700 steps;
     * the handler counts in s3 and re-arms mtimecmp 37 ticks later.
     */
    static BootImage timer() {
        return new Asm(0x100)
                .at(0x00, auipc(T0, 0))
                .at(0x04, addi(T0, T0, 0x80))
                .at(0x08, csrrw(ZERO, Csr.MTVEC, T0))
                .at(0x0c, lui(T5, 0x2004))
                .at(0x10, addi(T6, ZERO, 50))
                .at(0x14, sd(T6, T5, 0))
                .at(0x18, addi(T0, ZERO, 0x80))
                .at(0x1c, csrrw(ZERO, Csr.MIE, T0))
                .at(0x20, csrrsi(ZERO, Csr.MSTATUS, 8))
                .at(0x24, addi(S2, ZERO, 0))
                .at(0x28, addi(S2, S2, 1))
                .at(0x2c, jal(ZERO, -4))
                .at(0x80, addi(S3, S3, 1))
                .at(0x84, ld(T6, T5, 0))
                .at(0x88, addi(T6, T6, 37))
                .at(0x8c, sd(T6, T5, 0))
                .at(0x90, MRET)
                .image();
    }

    static Machine machine(BootImage program) {
        try {
            return new Machine(new MachineConfig(MachineConfig.MIN_MEM_MIB, "", program, null));
        } catch (ImageException e) {
            throw new IllegalStateException(e);
        }
    }
}
