package org.bootlab.cpu;

/**
 * A synchronous exception raised by the instruction being executed. It unwinds to the hart's
 * step loop, which enters the trap handler as the privileged spec prescribes. One instance per
 * hart is reused and it carries no stack trace, so raising it costs no allocation.
 */
final class Trap extends RuntimeException {

    static final int INSN_MISALIGNED = 0;
    static final int INSN_ACCESS = 1;
    static final int ILLEGAL_INSN = 2;
    static final int BREAKPOINT = 3;
    static final int LOAD_MISALIGNED = 4;
    static final int LOAD_ACCESS = 5;
    static final int STORE_MISALIGNED = 6;
    static final int STORE_ACCESS = 7;
    static final int ECALL_U = 8;
    static final int ECALL_S = 9;
    static final int ECALL_M = 11;
    static final int INSN_PAGE_FAULT = 12;
    static final int LOAD_PAGE_FAULT = 13;
    static final int STORE_PAGE_FAULT = 15;

    int cause;
    long tval;
    /** Set for illegal instructions: the step loop puts the instruction's bits in tval. */
    boolean tvalIsInstruction;

    Trap() {
        super(null, null, false, false);
    }

    Trap set(int cause, long tval) {
        this.cause = cause;
        this.tval = tval;
        this.tvalIsInstruction = false;
        return this;
    }

    Trap illegal() {
        this.cause = ILLEGAL_INSN;
        this.tval = 0;
        this.tvalIsInstruction = true;
        return this;
    }
}
