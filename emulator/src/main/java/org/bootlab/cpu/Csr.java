package org.bootlab.cpu;

/** CSR numbers the hart implements, and their names for debuggers and disassembly. */
public final class Csr {

    public static final int FFLAGS = 0x001, FRM = 0x002, FCSR = 0x003;
    public static final int CYCLE = 0xc00, TIME = 0xc01, INSTRET = 0xc02;
    public static final int HPMCOUNTER3 = 0xc03, HPMCOUNTER31 = 0xc1f;
    public static final int SSTATUS = 0x100, SIE = 0x104, STVEC = 0x105, SCOUNTEREN = 0x106;
    public static final int SENVCFG = 0x10a, SSCRATCH = 0x140, SEPC = 0x141, SCAUSE = 0x142;
    public static final int STVAL = 0x143, SIP = 0x144, SATP = 0x180;
    public static final int MVENDORID = 0xf11, MARCHID = 0xf12, MIMPID = 0xf13, MHARTID = 0xf14;
    public static final int MCONFIGPTR = 0xf15;
    public static final int MSTATUS = 0x300, MISA = 0x301, MEDELEG = 0x302, MIDELEG = 0x303;
    public static final int MIE = 0x304, MTVEC = 0x305, MCOUNTEREN = 0x306, MENVCFG = 0x30a;
    public static final int MCOUNTINHIBIT = 0x320, MHPMEVENT3 = 0x323, MHPMEVENT31 = 0x33f;
    public static final int MSCRATCH = 0x340, MEPC = 0x341, MCAUSE = 0x342, MTVAL = 0x343;
    public static final int MIP = 0x344, MTINST = 0x34a, MTVAL2 = 0x34b;
    public static final int PMPCFG0 = 0x3a0, PMPCFG15 = 0x3af, PMPADDR0 = 0x3b0, PMPADDR63 = 0x3ef;
    public static final int MCYCLE = 0xb00, MINSTRET = 0xb02;
    public static final int MHPMCOUNTER3 = 0xb03, MHPMCOUNTER31 = 0xb1f;

    private Csr() {
    }

    /** The CSR's name as objdump prints it, or null when the hart does not implement it. */
    public static String name(int csr) {
        switch (csr) {
            case FFLAGS: return "fflags";
            case FRM: return "frm";
            case FCSR: return "fcsr";
            case CYCLE: return "cycle";
            case TIME: return "time";
            case INSTRET: return "instret";
            case SSTATUS: return "sstatus";
            case SIE: return "sie";
            case STVEC: return "stvec";
            case SCOUNTEREN: return "scounteren";
            case SENVCFG: return "senvcfg";
            case SSCRATCH: return "sscratch";
            case SEPC: return "sepc";
            case SCAUSE: return "scause";
            case STVAL: return "stval";
            case SIP: return "sip";
            case SATP: return "satp";
            case MVENDORID: return "mvendorid";
            case MARCHID: return "marchid";
            case MIMPID: return "mimpid";
            case MHARTID: return "mhartid";
            case MCONFIGPTR: return "mconfigptr";
            case MSTATUS: return "mstatus";
            case MISA: return "misa";
            case MEDELEG: return "medeleg";
            case MIDELEG: return "mideleg";
            case MIE: return "mie";
            case MTVEC: return "mtvec";
            case MCOUNTEREN: return "mcounteren";
            case MENVCFG: return "menvcfg";
            case MCOUNTINHIBIT: return "mcountinhibit";
            case MSCRATCH: return "mscratch";
            case MEPC: return "mepc";
            case MCAUSE: return "mcause";
            case MTVAL: return "mtval";
            case MIP: return "mip";
            case MTINST: return "mtinst";
            case MTVAL2: return "mtval2";
            case MCYCLE: return "mcycle";
            case MINSTRET: return "minstret";
            default:
                if (csr >= HPMCOUNTER3 && csr <= HPMCOUNTER31) {
                    return "hpmcounter" + (csr - CYCLE);
                }
                if (csr >= MHPMCOUNTER3 && csr <= MHPMCOUNTER31) {
                    return "mhpmcounter" + (csr - MCYCLE);
                }
                if (csr >= MHPMEVENT3 && csr <= MHPMEVENT31) {
                    return "mhpmevent" + (csr - MCOUNTINHIBIT);
                }
                if (csr >= PMPCFG0 && csr <= PMPCFG15 && (csr & 1) == 0) {
                    return "pmpcfg" + (csr - PMPCFG0);
                }
                if (csr >= PMPADDR0 && csr <= PMPADDR63) {
                    return "pmpaddr" + (csr - PMPADDR0);
                }
                return null;
        }
    }
}
