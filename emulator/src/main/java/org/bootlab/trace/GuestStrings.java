package org.bootlab.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bootlab.cpu.Hart;
import org.bootlab.machine.Bus;
import org.bootlab.machine.Ram;

/**
 * Reads NUL-terminated strings from guest virtual memory into a trace's {@link NameTable}, for
 * the TSLOG records the tracker follows: cut at {@link #MAX_LENGTH} bytes, ending early where the
 * translation fails.
 *
 * <p>A boot logs the same few string constants (function names, "SYSINIT") thousands of times,
 * so the name last read at each address is remembered, with the bytes it was decoded from: when
 * the guest's bytes there are still those, that id is the answer without decoding and looking up
 * a new String. The bytes are read every time, so a guest that rewrites a string gets the new
 * text. They are read from DRAM a word at a time: while the JIT is still warming up, a call per
 * byte made reading most of the cost of a TSLOG record.
 */
final class GuestStrings {

    private static final int MAX_LENGTH = 256;
    private static final int PAGE = 4096;
    /** Addresses remembered at most; beyond that, new addresses are read the plain way. */
    private static final int MAX_REMEMBERED = 1 << 14;

    private final Hart hart;
    private final Bus bus;
    private final Ram ram;
    private final long ramBase;
    private final NameTable names;
    private final byte[] buffer = new byte[MAX_LENGTH];
    private final LongIntMap nameAt = new LongIntMap();
    /** Per name id: the bytes this reader decoded it from, or null. */
    private byte[][] bytesOf = new byte[64][];

    GuestStrings(Hart hart, Bus bus, NameTable names) {
        this.hart = hart;
        this.bus = bus;
        this.ram = bus.ram();
        this.ramBase = bus.ramBase();
        this.names = names;
    }

    /** The name id of the string at {@code va} (not 0). */
    int intern(long va) {
        int n = read(va);
        int id = nameAt.get(va);
        if (id != LongIntMap.MISSING && Arrays.equals(buffer, 0, n, bytesOf[id], 0, bytesOf[id].length)) {
            return id;
        }
        id = names.intern(new String(buffer, 0, n, StandardCharsets.UTF_8));
        if (id >= bytesOf.length) {
            bytesOf = Arrays.copyOf(bytesOf, Math.max(id + 1, bytesOf.length * 2));
        }
        if (bytesOf[id] == null) {
            bytesOf[id] = Arrays.copyOf(buffer, n);
        }
        if (Arrays.equals(buffer, 0, n, bytesOf[id], 0, bytesOf[id].length) && nameAt.size() < MAX_REMEMBERED) {
            nameAt.put(va, id);
        }
        return id;
    }

    /** Reads the string at {@code va} into the buffer and returns its length. */
    private int read(long va) {
        int n = 0;
        while (n < MAX_LENGTH) {
            long a = va + n;
            long pa = hart.translateForDebugger(a);
            if (pa == -1) {
                break;
            }
            int room = (int) Math.min(MAX_LENGTH - n, PAGE - (a & (PAGE - 1)));
            int copied = copy(pa, n, room);
            n += copied;
            if (copied < room) {
                break;
            }
        }
        return n;
    }

    /**
     * Copies at most {@code room} bytes at physical {@code pa} (within one page) into the buffer
     * from index {@code n}, stopping before a NUL or an unmapped byte; returns how many.
     */
    private int copy(long pa, int n, int room) {
        long offset = pa - ramBase;
        if (offset >= 0 && offset + room <= ram.size()) {
            long word = 0;
            for (int k = 0; k < room; k++) {
                long o = offset + k;
                if (k == 0 || (o & 7) == 0) {
                    word = ram.read(o & ~7L, 8) >>> ((o & 7) << 3);
                }
                byte b = (byte) word;
                if (b == 0) {
                    return k;
                }
                buffer[n + k] = b;
                word >>>= 8;
            }
            return room;
        }
        for (int k = 0; k < room; k++) {
            int b = bus.peekByte(pa + k);
            if (b <= 0) {
                return k;
            }
            buffer[n + k] = (byte) b;
        }
        return room;
    }
}
