package org.bootlab.lockstep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Decoder;
import org.bootlab.cpu.Hart;
import org.bootlab.cpu.Op;

/**
 * The known ways QEMU 7.2 differs from BootLab where BootLab follows the privileged
 * specification. Each shows at one kind of instruction (a "hazard"); lockstep ends a chunk
 * right after such an instruction, checks that QEMU differs exactly in the known way, and then
 * patches QEMU's state to BootLab's so that the comparison goes on. The patches are register
 * writes through the gdbstub, recorded and replayed like the rest of QEMU's path.
 *
 * <ul>
 * <li>Counters: QEMU's cycle/instret/mcycle/minstret are its instruction count, which includes
 *     the reading instruction itself and instructions that trapped; BootLab's (like Spike's)
 *     count neither, and the two treat a written counter differently. A read may differ by up
 *     to 1 + the number of exceptions so far; the counters' exact semantics are the ISA
 *     suite's business (zicntr), not lockstep's.</li>
 * <li>mideleg, mie, mip (and sie, sip): QEMU lets VSSIP, VSTIP, VSEIP and LCOFIP be set even
 *     with H and Sscofpmf off; those bits are ignored.</li>
 * <li>mip.MTIP before the guest first writes mtimecmp: QEMU's ACLINT resets mtimecmp to 0, so
 *     MTIP is pending from reset; BootLab's to all ones (the ACLINT spec leaves it unknown).</li>
 * <li>mepc, sepc: QEMU keeps bit 0 of a written value; the spec makes it read as zero.</li>
 * <li>mcounteren, scounteren: 32-bit registers in the spec; QEMU 7.2 keeps the upper half of
 *     a 64-bit write (OpenSBI writes all ones).</li>
 * <li>MRET/SRET to a mode below M: the spec (1.12) clears mstatus.MPRV; QEMU 7.2 leaves it.</li>
 * <li>pmpcfg4..15 and pmpaddr16..63: the spec (1.12) has every PMP CSR exist, reading zero for
 *     entries not implemented, as BootLab and Spike do; QEMU 7.2, with 16 entries, raises an
 *     illegal-instruction exception instead (OpenSBI probes these in its PMP count). The patch
 *     takes QEMU back out of that trap: pc, privilege, the destination register and the trap
 *     CSRs get BootLab's values. QEMU's instruction count, and so its clock, then lags
 *     BootLab's by one for each trap taken back (the trapping instruction never completed
 *     there): counter reads may differ by that much more, and time reads by one tick.</li>
 * <li>mip.MTIP timing (not patched: lockstep stops there, see {@link Lockstep}): a write of a
 *     future deadline makes QEMU's ACLINT arm a timer for now + (mtimecmp - mtime) * 100 ns,
 *     counting from the write rather than from the start of the current mtime tick, so MTIP
 *     rises up to 99 ns (instructions) after mtime reaches mtimecmp. BootLab raises it exactly
 *     then, as the privileged spec defines MTIP (mtime &gt;= mtimecmp). A deadline already past
 *     raises MTIP at once on both.</li>
 * </ul>
 */
final class QemuQuirks {

    /** VSSIP, VSTIP, VSEIP and LCOFIP. */
    private static final long VS_AND_LCOF = (1L << 2) | (1L << 6) | (1L << 10) | (1L << 13);

    private QemuQuirks() {
    }

    /** Bits of a CSR in which QEMU may differ from BootLab without either being wrong about it. */
    static long extraBits(int csr) {
        return switch (csr) {
            case Csr.MIDELEG, Csr.MIE, Csr.MIP, Csr.SIE, Csr.SIP -> VS_AND_LCOF;
            case Csr.MEPC, Csr.SEPC -> 1L;
            case Csr.MCOUNTEREN, Csr.SCOUNTEREN -> 0xffff_ffff_0000_0000L;
            default -> 0L;
        };
    }

    private static boolean isCounter(int csr) {
        return csr == Csr.CYCLE || csr == Csr.INSTRET || csr == Csr.MCYCLE || csr == Csr.MINSTRET || csr == Csr.TIME;
    }

    private static boolean isCsrOp(Op op) {
        return op == Op.CSRRW || op == Op.CSRRS || op == Op.CSRRC || op == Op.CSRRWI || op == Op.CSRRSI
                || op == Op.CSRRCI;
    }

    /** The PMP CSRs QEMU 7.2 (16 entries) does not have, though the spec says they exist. */
    private static boolean isBeyondQemu(int csr) {
        return (csr >= Csr.PMPCFG0 + 4 && csr <= Csr.PMPCFG15) || (csr >= Csr.PMPADDR0 + 16 && csr <= Csr.PMPADDR63);
    }

    /** Whether QEMU may show this (expanded) instruction's effect in one of the known ways. */
    static boolean isHazard(int insn) {
        Op op = Decoder.decode(insn);
        if (op == Op.MRET || op == Op.SRET) {
            return true;
        }
        if (isCsrOp(op) && isBeyondQemu(insn >>> 20)) {
            return true;
        }
        if (isCsrOp(op) && ((insn >>> 7) & 31) != 0) {
            int csr = insn >>> 20;
            return isCounter(csr) || extraBits(csr) != 0;
        }
        return false;
    }

    /**
     * After hazard instruction {@code insn}: patches what QEMU shows differently in a known way
     * and returns the register writes made (gdb register number, value), empty if none applied.
     * {@code trapsTakenBack} counts the PMP traps patched away so far.
     */
    static List<long[]> reconcile(int insn, BootLabGuest bootlab, QemuGuest qemu, HartState b, HartState q,
            long trapsTakenBack) throws IOException {
        List<long[]> writes = new ArrayList<>();
        Op op = Decoder.decode(insn);
        if (isCsrOp(op) && isBeyondQemu(insn >>> 20)) {
            if (q.pc() != b.pc() && qemu.csr(Csr.MCAUSE) == 2) {
                Hart hart = bootlab.hart();
                int rd = (insn >>> 7) & 31;
                List<long[]> undo = new ArrayList<>();
                undo.add(new long[] {QemuGuest.pcRegister(), b.pc()});
                undo.add(new long[] {qemu.privRegister(), b.priv()});
                if (rd != 0) {
                    undo.add(new long[] {rd, b.x()[rd]});
                }
                for (int csr : new int[] {Csr.MSTATUS, Csr.MEPC, Csr.MCAUSE, Csr.MTVAL}) {
                    undo.add(new long[] {qemu.csrRegister(csr), hart.peekCsr(csr)});
                }
                for (long[] w : undo) {
                    qemu.writeRegister((int) w[0], w[1]);
                    writes.add(w);
                }
            }
            return writes;
        }
        if (isCsrOp(op)) {
            int rd = (insn >>> 7) & 31;
            int csr = insn >>> 20;
            long mine = b.x()[rd];
            long theirs = q.x()[rd];
            boolean known;
            if (csr == Csr.TIME) {
                known = trapsTakenBack > 0 && mine - theirs == 1;
            } else if (isCounter(csr)) {
                long exceptions = bootlab.hart().steps() - bootlab.hart().instructionsRetired();
                known = Math.abs(theirs - mine) <= 1 + exceptions + trapsTakenBack;
            } else {
                long extra = extraBits(csr);
                if (csr == Csr.MIP && bootlab.machine().clint().mtimecmp() == -1L) {
                    extra |= 1L << Hart.IRQ_MTI;
                }
                known = ((mine ^ theirs) & ~extra) == 0;
            }
            if (rd != 0 && mine != theirs && known) {
                qemu.writeRegister(rd, mine);
                writes.add(new long[] {rd, mine});
            }
        } else if ((op == Op.MRET || op == Op.SRET) && b.priv() != Hart.PRIV_M) {
            long mstatus = qemu.csr(Csr.MSTATUS);
            if ((mstatus & Hart.MSTATUS_MPRV) != 0 && (bootlab.hart().peekCsr(Csr.MSTATUS) & Hart.MSTATUS_MPRV) == 0) {
                int reg = qemu.csrRegister(Csr.MSTATUS);
                qemu.writeRegister(reg, mstatus & ~Hart.MSTATUS_MPRV);
                writes.add(new long[] {reg, mstatus & ~Hart.MSTATUS_MPRV});
            }
        }
        return writes;
    }
}
