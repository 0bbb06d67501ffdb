package org.bootlab.cpu;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@link Op} of a 32-bit instruction word from the table in {@link Op}: entries are
 * grouped by major opcode (bits 6..0), so a lookup scans only the few entries of one group.
 */
public final class Decoder {

    private static final Op[][] BY_OPCODE = new Op[128][];

    static {
        List<List<Op>> groups = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            groups.add(new ArrayList<>());
        }
        for (Op op : Op.values()) {
            if (op != Op.ILLEGAL) {
                groups.get(op.match & 0x7f).add(op);
            }
        }
        for (int i = 0; i < 128; i++) {
            BY_OPCODE[i] = groups.get(i).toArray(new Op[0]);
        }
    }

    private Decoder() {
    }

    /** The instruction's Op, or {@link Op#ILLEGAL} for an encoding RV64GC does not define. */
    public static Op decode(int insn) {
        for (Op op : BY_OPCODE[insn & 0x7f]) {
            if ((insn & op.mask) == op.match) {
                return op;
            }
        }
        return Op.ILLEGAL;
    }
}
