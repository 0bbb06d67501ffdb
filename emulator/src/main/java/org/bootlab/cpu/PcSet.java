package org.bootlab.cpu;

/**
 * An immutable set of addresses with a lookup cheap enough for the step loop to make per
 * instruction: open addressing in a power-of-two table at most a quarter full.
 */
final class PcSet {

    private static final long EMPTY = 1; // pcs are even, so 1 is never one of them
    private final long[] table;
    private final int mask;

    PcSet(long[] pcs) {
        int size = Integer.highestOneBit(Math.max(4, pcs.length * 4) - 1) << 1;
        table = new long[size];
        mask = size - 1;
        java.util.Arrays.fill(table, EMPTY);
        for (long pc : pcs) {
            int i = slot(pc);
            while (table[i] != EMPTY && table[i] != pc) {
                i = (i + 1) & mask;
            }
            table[i] = pc;
        }
    }

    private int slot(long pc) {
        return (int) ((pc >>> 1) ^ (pc >>> 17)) & mask;
    }

    boolean contains(long pc) {
        int i = slot(pc);
        while (true) {
            long v = table[i];
            if (v == pc) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }
}
