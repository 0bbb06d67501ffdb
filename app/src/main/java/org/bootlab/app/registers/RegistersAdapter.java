package org.bootlab.app.registers;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Hart;

/**
 * Adapter for the registers view: reads pc, x0-x31, f0-f31 and the CSRs the view decodes
 * through the hart's debugger accessors ({@code x(i)}, {@code f(i)}, {@code peekCsr}). When the
 * debugger's {@code MachineState} lands (it holds the same values), this can read that instead.
 */
public final class RegistersAdapter implements MachineProbe<RegisterFile> {

    /** The CSRs shown, in this order. */
    static final int[] CSRS = {
        Csr.MSTATUS, Csr.SSTATUS, Csr.SATP, Csr.MCAUSE, Csr.SCAUSE, Csr.MEPC, Csr.SEPC,
        Csr.MTVAL, Csr.STVAL, Csr.MTVEC, Csr.STVEC, Csr.MIP, Csr.MIE, Csr.SIP, Csr.SIE,
        Csr.MEDELEG, Csr.MIDELEG, Csr.MSCRATCH, Csr.SSCRATCH, Csr.FCSR, Csr.TIME, Csr.CYCLE, Csr.INSTRET,
    };

    @Override
    public RegisterFile capture(BootedGuest guest) {
        Hart hart = guest.machine().hart();
        long[] x = new long[32];
        long[] f = new long[32];
        for (int i = 0; i < 32; i++) {
            x[i] = hart.x(i);
            f[i] = hart.f(i);
        }
        Map<Integer, Long> csrs = new LinkedHashMap<>();
        for (int csr : CSRS) {
            Long v = hart.peekCsr(csr);
            if (v != null) {
                csrs.put(csr, v);
            }
        }
        return new RegisterFile(hart.pc(), hart.privilege(), x, f, csrs);
    }
}
