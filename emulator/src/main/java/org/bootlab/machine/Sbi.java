package org.bootlab.machine;

import org.bootlab.cpu.Hart;

/**
 * The RISC-V Supervisor Binary Interface (SBI 2.0), implemented by the VMM for direct kernel
 * boot, as KVM implements it for its guests: Base, TIME, IPI, RFENCE, HSM, SRST, DBCN and the
 * legacy console, timer and shutdown calls. Arguments come in a0..a5, the extension in a7, the
 * function in a6; the error code goes back in a0 and the value in a1.
 */
final class Sbi {

    static final long EXT_BASE = 0x10;
    static final long EXT_TIME = 0x54494D45L;
    static final long EXT_IPI = 0x735049L;
    static final long EXT_RFENCE = 0x52464E43L;
    static final long EXT_HSM = 0x48534DL;
    static final long EXT_SRST = 0x53525354L;
    static final long EXT_DBCN = 0x4442434EL;

    static final long SUCCESS = 0, ERR_FAILED = -1, ERR_NOT_SUPPORTED = -2, ERR_INVALID_PARAM = -3;
    static final long ERR_INVALID_ADDRESS = -5, ERR_ALREADY_AVAILABLE = -6;

    /** SBI 2.0. */
    private static final long SPEC_VERSION = 2L << 24;
    /** Implementation id: not a registered one; BootLab's SBI says who it is through this. */
    static final long IMPL_ID = 0xB007;
    private static final long IMPL_VERSION = 1;

    private static final int A0 = 10, A1 = 11, A2 = 12, A6 = 16, A7 = 17;

    private final Machine machine;

    Sbi(Machine machine) {
        this.machine = machine;
    }

    /** Handles the ECALL; always true: unknown calls answer SBI_ERR_NOT_SUPPORTED. */
    boolean call(Hart hart) {
        long ext = hart.x(A7);
        long fid = hart.x(A6);
        machine.sbiCalled(ext, fid, hart.cycles());
        if (ext <= 8) {
            legacy(hart, (int) ext);
            return true;
        }
        long[] result = dispatch(hart, ext, fid);
        hart.setX(A0, result[0]);
        if (result.length > 1) {
            hart.setX(A1, result[1]);
        }
        return true;
    }

    private long[] dispatch(Hart hart, long ext, long fid) {
        long a0 = hart.x(A0), a1 = hart.x(A1), a2 = hart.x(A2);
        if (ext == EXT_BASE) {
            switch ((int) fid) {
                case 0: return ok(SPEC_VERSION);
                case 1: return ok(IMPL_ID);
                case 2: return ok(IMPL_VERSION);
                case 3: return ok(supported(a0) ? 1 : 0);
                case 4: case 5: case 6: return ok(0);
                default: return error(ERR_NOT_SUPPORTED);
            }
        }
        if (ext == EXT_TIME && fid == 0) {
            setTimer(a0);
            return ok(0);
        }
        if (ext == EXT_IPI && fid == 0) {
            if (targetsHart0(a0, a1)) {
                hart.setSoftwareInterruptPending(Hart.IRQ_SSI);
            }
            return ok(0);
        }
        if (ext == EXT_RFENCE && fid <= 2) {
            hart.flushTlb();
            return ok(0);
        }
        if (ext == EXT_HSM) {
            switch ((int) fid) {
                case 0: return error(a0 == hart.hartId() ? ERR_ALREADY_AVAILABLE : ERR_INVALID_PARAM);
                case 1: return error(ERR_FAILED);
                case 2: return a0 == hart.hartId() ? ok(0) : error(ERR_INVALID_PARAM);
                default: return error(ERR_NOT_SUPPORTED);
            }
        }
        if (ext == EXT_SRST && fid == 0) {
            return systemReset(a0, a1);
        }
        if (ext == EXT_DBCN) {
            switch ((int) fid) {
                case 0: return consoleWrite(a0, a1, a2);
                case 1: return consoleRead(a0, a1, a2);
                case 2: machine.emitConsole((int) (a0 & 0xff), hart.cycles()); return ok(0);
                default: return error(ERR_NOT_SUPPORTED);
            }
        }
        return error(ERR_NOT_SUPPORTED);
    }

    private static boolean supported(long ext) {
        return ext == EXT_BASE || ext == EXT_TIME || ext == EXT_IPI || ext == EXT_RFENCE || ext == EXT_HSM
                || ext == EXT_SRST || ext == EXT_DBCN || (ext >= 0 && ext <= 8);
    }

    /** hart_mask_base -1 means "all harts"; otherwise bit (0 - base) of the mask names hart 0. */
    private static boolean targetsHart0(long mask, long base) {
        return base == -1 || (base == 0 && (mask & 1) != 0);
    }

    private void setTimer(long mtimecmp) {
        machine.clint().write(0x4000, 8, mtimecmp);
        machine.clint().update();
    }

    private long[] systemReset(long type, long reason) {
        if (type > 2 || reason > 1) {
            return error(ERR_INVALID_PARAM);
        }
        if (type == 0) {
            machine.powerOff(reason == 0 ? ExitStatus.POWER_OFF : ExitStatus.FAILED, reason == 0 ? 0 : 1);
        } else {
            machine.powerOff(ExitStatus.RESET, 0);
        }
        return ok(0);
    }

    private long[] consoleWrite(long count, long lo, long hi) {
        Bus bus = machine.bus();
        long base = lo; // RV64: the address fits in the low word
        for (long i = 0; i < count; i++) {
            long pa = base + i;
            long off = pa - bus.ramBase();
            if (hi != 0 || off < 0 || off >= bus.ram().size()) {
                return new long[] {ERR_INVALID_ADDRESS, i};
            }
        }
        for (long i = 0; i < count; i++) {
            machine.emitConsole(bus.ram().readByte(base + i - bus.ramBase()), machine.hart().cycles());
        }
        return ok(count);
    }

    private long[] consoleRead(long count, long lo, long hi) {
        Bus bus = machine.bus();
        long off = lo - bus.ramBase();
        if (hi != 0 || off < 0 || off + count > bus.ram().size()) {
            return error(ERR_INVALID_ADDRESS);
        }
        int n = 0;
        Uart16550 uart = machine.uart();
        while (n < count) {
            int b = uart.takeHostInput();
            if (b < 0) {
                break;
            }
            bus.ram().writeByte(off + n, b);
            n++;
        }
        return ok(n);
    }

    private void legacy(Hart hart, int ext) {
        long a0 = hart.x(A0);
        switch (ext) {
            case 0: setTimer(a0); hart.setX(A0, 0); break;
            case 1: machine.emitConsole((int) (a0 & 0xff), hart.cycles()); hart.setX(A0, 0); break;
            case 2: hart.setX(A0, machine.uart().takeHostInput()); break;
            case 3: hart.clearSoftwareInterruptPending(Hart.IRQ_SSI); hart.setX(A0, 0); break;
            case 4: hart.setSoftwareInterruptPending(Hart.IRQ_SSI); hart.setX(A0, 0); break;
            case 5: case 6: case 7: hart.flushTlb(); hart.setX(A0, 0); break;
            default: machine.powerOff(ExitStatus.POWER_OFF, 0); hart.setX(A0, 0); break;
        }
    }

    private static long[] ok(long value) {
        return new long[] {SUCCESS, value};
    }

    private static long[] error(long code) {
        return new long[] {code, 0};
    }
}
