package org.bootlab.trace;

import java.util.Arrays;

/**
 * Interned strings of a trace (function names, console lines, TSLOG strings): events hold an int
 * id, so a million events naming a hundred functions hold a hundred strings. Ids are dense and
 * assigned in first-use order, which the native format relies on.
 *
 * <p>A recording interns a few strings per traced event, most of them new (every SYSINIT's name,
 * every console line), so the lookup is an open-addressing table of ids with the strings' hashes
 * beside them: no entry objects or boxed ids to allocate, and a mismatch rarely compares strings.
 */
public final class NameTable {

    private String[] names = new String[64];
    private volatile int size;
    /** Per slot: the id plus one (0 for an empty slot), and that name's hash. Never more than half full. */
    private int[] slots = new int[128];
    private int[] hashes = new int[128];

    /** The id of {@code name}, adding it if new. */
    public int intern(String name) {
        int hash = name.hashCode();
        int i = slotOf(name, hash);
        if (slots[i] != 0) {
            return slots[i] - 1;
        }
        int id = size;
        if (id == names.length) {
            names = Arrays.copyOf(names, id * 2);
        }
        names[id] = name;
        slots[i] = id + 1;
        hashes[i] = hash;
        size = id + 1;
        if (2 * (id + 1) > slots.length) {
            rehash();
        }
        return id;
    }

    /** The id of {@code name}, or -1 when it was never interned. */
    public int find(String name) {
        return slots[slotOf(name, name.hashCode())] - 1;
    }

    /** The slot that holds {@code name}, or the empty slot where it would go. */
    private int slotOf(String name, int hash) {
        int mask = slots.length - 1;
        int i = slot(hash, mask);
        for (int s; (s = slots[i]) != 0; i = (i + 1) & mask) {
            if (hashes[i] == hash && names[s - 1].equals(name)) {
                return i;
            }
        }
        return i;
    }

    public String name(int id) {
        return names[id];
    }

    public int size() {
        return size;
    }

    private static int slot(int hash, int mask) {
        int h = hash * 0x9e37_79b9; // String hashes of similar strings differ in their low bits only
        return (h ^ (h >>> 16)) & mask;
    }

    private void rehash() {
        int n = slots.length * 2;
        int mask = n - 1;
        int[] newSlots = new int[n];
        int[] newHashes = new int[n];
        for (int id = 0; id < size; id++) {
            int hash = names[id].hashCode();
            int i = slot(hash, mask);
            while (newSlots[i] != 0) {
                i = (i + 1) & mask;
            }
            newSlots[i] = id + 1;
            newHashes[i] = hash;
        }
        slots = newSlots;
        hashes = newHashes;
    }
}
