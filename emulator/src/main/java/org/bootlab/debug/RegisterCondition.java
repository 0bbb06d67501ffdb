package org.bootlab.debug;

import org.bootlab.cpu.Hart;

/**
 * A breakpoint's condition on one register: {@code x[register] <op> value}, or the pc when
 * {@code register} is {@link #PC}. Comparisons other than equality are signed unless the
 * operator says unsigned.
 */
public record RegisterCondition(int register, Op op, long value) {

    /** The register number that stands for the pc. */
    public static final int PC = 32;

    public enum Op { EQ, NE, LT, LE, GT, GE, LTU, GEU }

    public RegisterCondition {
        if (register < 0 || register > PC) {
            throw new IllegalArgumentException("no register x" + register);
        }
        if (op == null) {
            throw new IllegalArgumentException("no comparison");
        }
    }

    public boolean holds(Hart hart) {
        long v = register == PC ? hart.pc() : hart.x(register);
        return switch (op) {
            case EQ -> v == value;
            case NE -> v != value;
            case LT -> v < value;
            case LE -> v <= value;
            case GT -> v > value;
            case GE -> v >= value;
            case LTU -> Long.compareUnsigned(v, value) < 0;
            case GEU -> Long.compareUnsigned(v, value) >= 0;
        };
    }
}
