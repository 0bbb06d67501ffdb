package org.bootlab.trace;

import java.nio.charset.StandardCharsets;
import org.bootlab.cpu.Hart;
import org.bootlab.machine.Bus;

/**
 * Reads NUL-terminated strings from guest virtual memory into a trace's {@link NameTable}, for
 * the TSLOG records the tracker follows: cut at {@link #MAX_LENGTH} bytes, ending early where the
 * translation fails.
 *
 * <p>A boot logs the same few string constants (function names, "SYSINIT") thousands of times,
 * so the name last read at each address is remembered: when the guest's bytes there still spell
 * it, that id is the answer without building and looking up a new String. The bytes are read
 * every time, so a guest that rewrites a string gets the new text.
 */
final class GuestStrings {

    private static final int MAX_LENGTH = 256;
    /** Addresses remembered at most; beyond that, new addresses are read the plain way. */
    private static final int MAX_REMEMBERED = 1 << 14;

    private final Hart hart;
    private final Bus bus;
    private final NameTable names;
    private final byte[] buffer = new byte[MAX_LENGTH];
    private final LongIntMap nameAt = new LongIntMap();

    GuestStrings(Hart hart, Bus bus, NameTable names) {
        this.hart = hart;
        this.bus = bus;
        this.names = names;
    }

    /** The name id of the string at {@code va} (not 0). */
    int intern(long va) {
        int n = read(va);
        int id = nameAt.get(va);
        if (id != LongIntMap.MISSING && spells(names.name(id), n)) {
            return id;
        }
        id = names.intern(new String(buffer, 0, n, StandardCharsets.UTF_8));
        if (nameAt.size() < MAX_REMEMBERED) {
            nameAt.put(va, id);
        }
        return id;
    }

    /** Reads the string at {@code va} into the buffer and returns its length. */
    private int read(long va) {
        int n = 0;
        long pagePa = -1;
        long page = -1;
        while (n < MAX_LENGTH) {
            long a = va + n;
            if (a >>> 12 != page) {
                page = a >>> 12;
                pagePa = hart.translateForDebugger(a & ~0xfffL);
                if (pagePa == -1) {
                    break;
                }
            }
            int b = bus.peekByte(pagePa + (a & 0xfff));
            if (b <= 0) {
                break;
            }
            buffer[n++] = (byte) b;
        }
        return n;
    }

    /** Whether the buffer's first {@code n} bytes are ASCII and spell {@code name}, as decoding them would. */
    private boolean spells(String name, int n) {
        if (name.length() != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            byte b = buffer[k];
            if (b < 0 || name.charAt(k) != b) {
                return false;
            }
        }
        return true;
    }
}
