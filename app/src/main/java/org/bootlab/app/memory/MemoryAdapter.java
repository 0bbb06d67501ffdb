package org.bootlab.app.memory;

import java.util.Locale;
import java.util.Optional;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.cpu.Hart;
import org.bootlab.machine.Bus;
import org.bootlab.symbols.Symbol;

/**
 * Adapter for the memory view: reads {@link #LENGTH} bytes at the requested address, physical
 * through {@code Bus.peekByte} (side-effect free) or virtual through
 * {@code Hart.translateForDebugger} (the current page table, as a load would see it).
 */
public final class MemoryAdapter implements MachineProbe<MemoryBlock> {

    /** Bytes shown: 32 rows of 16. */
    public static final int LENGTH = 512;
    private static final long PAGE = 4096;

    /** An address expression (hex, or a symbol name) and its space; set by the view. */
    private record Request(String where, AddressSpace space) {
    }

    private volatile Request request = new Request("0x80000000", AddressSpace.VIRTUAL);

    /** Shows {@code where} (hex like {@code 0x80200000}, or a symbol) from the next snapshot on. */
    public void request(String where, AddressSpace space) {
        request = new Request(where.strip(), space);
    }

    @Override
    public MemoryBlock capture(BootedGuest guest) {
        Request r = request;
        Optional<Long> address = resolve(r.where(), guest);
        if (address.isEmpty()) {
            return new MemoryBlock(0, r.space(), new int[0], "'" + r.where() + "' is neither an address nor a known symbol");
        }
        long start = address.get() & ~0xfL;
        int[] bytes = new int[LENGTH];
        Bus bus = guest.machine().bus();
        Hart hart = guest.machine().hart();
        long pageBase = -1;
        long pagePhys = -1;
        for (int i = 0; i < LENGTH; i++) {
            long a = start + i;
            if (r.space() == AddressSpace.PHYSICAL) {
                bytes[i] = bus.peekByte(a);
                continue;
            }
            if ((a & ~(PAGE - 1)) != pageBase) {
                pageBase = a & ~(PAGE - 1);
                pagePhys = hart.translateForDebugger(pageBase);
            }
            bytes[i] = pagePhys == -1 ? -1 : bus.peekByte(pagePhys + (a - pageBase));
        }
        return new MemoryBlock(start, r.space(), bytes, "");
    }

    private static Optional<Long> resolve(String where, BootedGuest guest) {
        String s = where.toLowerCase(Locale.ROOT).replace("_", "");
        try {
            if (s.startsWith("0x")) {
                return Optional.of(Long.parseUnsignedLong(s.substring(2), 16));
            }
            if (!s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return Optional.of(Long.parseUnsignedLong(s, 16));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return guest.symbols().byName(where).map(Symbol::address);
    }
}
