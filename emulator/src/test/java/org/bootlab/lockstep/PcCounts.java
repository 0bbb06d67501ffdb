package org.bootlab.lockstep;

import java.util.Arrays;

/**
 * A map from pc to a small number (how often it was reached, or what kind of instruction is
 * there): open addressing, cheap enough to update per instruction.
 */
final class PcCounts {

    private long[] keys = new long[1 << 12];
    private int[] counts = new int[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int size;

    void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    void increment(long pc) {
        put(pc, get(pc) + 1);
    }

    void put(long pc, int value) {
        int i = slot(pc, keys, used);
        if (!used[i]) {
            used[i] = true;
            keys[i] = pc;
            counts[i] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
            return;
        }
        counts[i] = value;
    }

    int get(long pc) {
        int i = slot(pc, keys, used);
        return used[i] ? counts[i] : 0;
    }

    private static int slot(long pc, long[] keys, boolean[] used) {
        int mask = keys.length - 1;
        int i = (int) ((pc * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (used[i] && keys[i] != pc) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldUsed[j]) {
                int i = slot(oldKeys[j], keys, used);
                used[i] = true;
                keys[i] = oldKeys[j];
                counts[i] = oldCounts[j];
            }
        }
    }
}
