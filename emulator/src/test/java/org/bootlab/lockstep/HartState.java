package org.bootlab.lockstep;

import java.util.ArrayList;
import java.util.List;

import org.bootlab.cpu.Csr;

/**
 * One hart's architectural state as both machines can report it: pc, privilege and x0..x31
 * always; at checkpoints also f0..f31 and the CSRs in {@link #CSRS} (null when not read).
 */
record HartState(long pc, int priv, long[] x, long[] f, long[] csrs) {

    /**
     * The CSRs compared at checkpoints. Left out on purpose: mip (QEMU raises MTIP from a
     * host timer callback at a block boundary, so the pending bit may show a few instructions
     * late; interrupts actually taken are compared as traps), the counters (QEMU counts
     * differently, see {@link QemuQuirks}; instructions reading them are checked one by one)
     * and the ID CSRs.
     */
    static final int[] CSRS = {Csr.MSTATUS, Csr.MISA, Csr.MEDELEG, Csr.MIDELEG, Csr.MIE, Csr.MTVEC,
        Csr.MCOUNTEREN, Csr.MSCRATCH, Csr.MEPC, Csr.MCAUSE, Csr.MTVAL, Csr.STVEC, Csr.SSCRATCH,
        Csr.SEPC, Csr.SCAUSE, Csr.STVAL, Csr.SATP, Csr.FCSR};

    /** A CSR value QEMU would not give the debugger; not compared. */
    static final long UNREADABLE = 0x5eadab1e_5eadab1eL;

    static final String[] ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
        "t3", "t4", "t5", "t6"};

    long csr(int csr) {
        for (int i = 0; i < CSRS.length; i++) {
            if (CSRS[i] == csr) {
                return csrs[i];
            }
        }
        throw new IllegalArgumentException("CSR 0x" + Integer.toHexString(csr) + " is not compared");
    }

    /** What differs between this (BootLab) and {@code qemu}, one line per item; empty if equal. */
    List<String> differences(HartState qemu) {
        List<String> d = new ArrayList<>();
        if (pc != qemu.pc) {
            d.add(String.format("pc: BootLab %016x, QEMU %016x", pc, qemu.pc));
        }
        if (priv != qemu.priv) {
            d.add("privilege: BootLab " + priv + ", QEMU " + qemu.priv);
        }
        for (int i = 1; i < 32; i++) {
            if (x[i] != qemu.x[i]) {
                d.add(String.format("x%d (%s): BootLab %016x, QEMU %016x", i, ABI[i], x[i], qemu.x[i]));
            }
        }
        if (f != null && qemu.f != null) {
            for (int i = 0; i < 32; i++) {
                if (f[i] != qemu.f[i]) {
                    d.add(String.format("f%d: BootLab %016x, QEMU %016x", i, f[i], qemu.f[i]));
                }
            }
        }
        if (csrs != null && qemu.csrs != null) {
            for (int i = 0; i < CSRS.length; i++) {
                if (qemu.csrs[i] != UNREADABLE && !sameCsr(CSRS[i], csrs[i], qemu.csrs[i])) {
                    d.add(String.format("%s: BootLab %016x, QEMU %016x", Csr.name(CSRS[i]), csrs[i], qemu.csrs[i]));
                }
            }
        }
        return d;
    }

    /** Equal but for the bits {@link QemuQuirks#extraBits} QEMU has and BootLab has not. */
    static boolean sameCsr(int csr, long bootlab, long qemu) {
        return ((bootlab ^ qemu) & ~QemuQuirks.extraBits(csr)) == 0;
    }

    /** The register file as a table: four registers a line. */
    String registerFile() {
        StringBuilder sb = new StringBuilder(String.format("  pc %016x  priv %d%n", pc, priv));
        for (int i = 0; i < 32; i++) {
            sb.append(String.format("  %-4s %016x", ABI[i], x[i]));
            if (i % 4 == 3) {
                sb.append(System.lineSeparator());
            }
        }
        return sb.toString();
    }
}
