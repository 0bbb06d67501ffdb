package org.bootlab.debug;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Hart;

/**
 * The hart's registers at one moment, copied so that any thread can read them: what the
 * registers view, the gdb stub's {@code g} packet and tests compare.
 */
public record MachineState(long position, long pc, int privilege, long[] x, long[] f, Map<Integer, Long> csrs,
                           long instret, long cycles, boolean waitingForInterrupt) {

    /** The CSRs a debugger shows, in display order. */
    static final int[] SHOWN_CSRS = {
        Csr.MSTATUS, Csr.MISA, Csr.MEDELEG, Csr.MIDELEG, Csr.MIE, Csr.MIP, Csr.MTVEC, Csr.MSCRATCH,
        Csr.MEPC, Csr.MCAUSE, Csr.MTVAL, Csr.MCOUNTEREN, Csr.SSTATUS, Csr.SIE, Csr.SIP, Csr.STVEC,
        Csr.SSCRATCH, Csr.SEPC, Csr.SCAUSE, Csr.STVAL, Csr.SCOUNTEREN, Csr.SATP, Csr.FCSR,
    };

    public MachineState {
        x = x.clone();
        f = f.clone();
        csrs = Collections.unmodifiableMap(new LinkedHashMap<>(csrs));
    }

    static MachineState of(Hart hart) {
        long[] x = new long[32];
        long[] f = new long[32];
        for (int i = 0; i < 32; i++) {
            x[i] = hart.x(i);
            f[i] = hart.f(i);
        }
        Map<Integer, Long> csrs = new LinkedHashMap<>();
        for (int csr : SHOWN_CSRS) {
            Long v = hart.peekCsr(csr);
            if (v != null) {
                csrs.put(csr, v);
            }
        }
        return new MachineState(hart.steps(), hart.pc(), hart.privilege(), x, f, csrs,
                hart.instructionsRetired(), hart.cycles(), hart.isWaitingForInterrupt());
    }

    @Override
    public long[] x() {
        return x.clone();
    }

    @Override
    public long[] f() {
        return f.clone();
    }

    public long x(int i) {
        return x[i];
    }

    /** Equal registers, pc, privilege, CSRs and counters: the same architectural state. */
    public boolean sameAs(MachineState o) {
        return position == o.position && pc == o.pc && privilege == o.privilege
                && java.util.Arrays.equals(x, o.x) && java.util.Arrays.equals(f, o.f)
                && csrs.equals(o.csrs) && instret == o.instret && cycles == o.cycles
                && waitingForInterrupt == o.waitingForInterrupt;
    }
}
