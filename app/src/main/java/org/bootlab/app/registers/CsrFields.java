package org.bootlab.app.registers;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.bootlab.cpu.Csr;
import org.bootlab.trace.TrapNames;

/** Decodes CSR values into their fields, as the privileged spec names them. */
public final class CsrFields {

    private static final String[] INTERRUPT_BITS = {
        null, "SSIP", null, "MSIP", null, "STIP", null, "MTIP", null, "SEIP", null, "MEIP",
    };
    private static final String[] FS = {"Off", "Initial", "Clean", "Dirty"};
    private static final String[] ROUNDING = {"RNE", "RTZ", "RDN", "RUP", "RMM", "101", "110", "DYN"};

    private CsrFields() {
    }

    /** The privilege mode's letter: U, S or M. */
    public static String privilege(int priv) {
        return TrapNames.privilege(priv);
    }

    /** The name of an mcause/scause value, e.g. "supervisor timer interrupt" (the trace's names). */
    public static String causeName(long cause) {
        boolean interrupt = cause < 0;
        long code = cause & Long.MAX_VALUE;
        return code <= Integer.MAX_VALUE ? TrapNames.describe(interrupt, (int) code)
                : (interrupt ? "interrupt " : "exception ") + code;
    }

    /** The CSR's fields, e.g. "SIE=1 SPIE=0 SPP=S FS=Initial"; "" when it has none worth decoding. */
    public static String describe(int csr, long v) {
        return switch (csr) {
            case Csr.MSTATUS -> status(v, true);
            case Csr.SSTATUS -> status(v, false);
            case Csr.SATP -> satp(v);
            case Csr.MCAUSE, Csr.SCAUSE -> (v < 0 ? "interrupt " : "exception ") + (v & Long.MAX_VALUE) + ": " + causeName(v);
            case Csr.MIP, Csr.MIE, Csr.SIP, Csr.SIE, Csr.MIDELEG -> interruptBits(v);
            case Csr.MEDELEG -> exceptionBits(v);
            case Csr.MTVEC, Csr.STVEC -> String.format("BASE=0x%x MODE=%s", v & ~3L, (v & 3) == 1 ? "Vectored" : "Direct");
            case Csr.FCSR -> String.format("frm=%s NV=%d DZ=%d OF=%d UF=%d NX=%d", ROUNDING[(int) (v >>> 5) & 7],
                    v >>> 4 & 1, v >>> 3 & 1, v >>> 2 & 1, v >>> 1 & 1, v & 1);
            default -> "";
        };
    }

    private static String status(long v, boolean machine) {
        StringJoiner j = new StringJoiner(" ");
        j.add("SIE=" + bit(v, 1));
        if (machine) {
            j.add("MIE=" + bit(v, 3));
        }
        j.add("SPIE=" + bit(v, 5));
        if (machine) {
            j.add("MPIE=" + bit(v, 7));
        }
        j.add("SPP=" + (bit(v, 8) == 1 ? "S" : "U"));
        if (machine) {
            j.add("MPP=" + privilege((int) (v >>> 11) & 3));
        }
        j.add("FS=" + FS[(int) (v >>> 13) & 3]);
        if (machine) {
            j.add("MPRV=" + bit(v, 17));
        }
        j.add("SUM=" + bit(v, 18)).add("MXR=" + bit(v, 19));
        if (machine) {
            j.add("TVM=" + bit(v, 20)).add("TW=" + bit(v, 21)).add("TSR=" + bit(v, 22));
        }
        return j.add("SD=" + bit(v, 63)).toString();
    }

    private static String satp(long v) {
        int mode = (int) (v >>> 60);
        String name = switch (mode) {
            case 0 -> "Bare";
            case 8 -> "Sv39";
            case 9 -> "Sv48";
            case 10 -> "Sv57";
            default -> "reserved " + mode;
        };
        long ppn = v & ((1L << 44) - 1);
        return String.format("MODE=%s ASID=%d PPN=0x%x (root table at 0x%x)", name, (v >>> 44) & 0xffff, ppn, ppn << 12);
    }

    private static String interruptBits(long v) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < INTERRUPT_BITS.length; i++) {
            if (INTERRUPT_BITS[i] != null && bit(v, i) == 1) {
                set.add(INTERRUPT_BITS[i]);
            }
        }
        return set.isEmpty() ? "none" : String.join(" ", set);
    }

    private static String exceptionBits(long v) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if (bit(v, i) == 1) {
                set.add(Integer.toString(i));
            }
        }
        return set.isEmpty() ? "none" : "causes " + String.join(",", set);
    }

    private static int bit(long v, int i) {
        return (int) (v >>> i) & 1;
    }
}
