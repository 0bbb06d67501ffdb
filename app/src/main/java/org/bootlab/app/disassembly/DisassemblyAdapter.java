package org.bootlab.app.disassembly;

import java.util.ArrayList;
import java.util.List;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.cpu.Hart;
import org.bootlab.machine.Bus;
import org.bootlab.symbols.SymbolTable;

/**
 * Adapter for the disassembly view: reads the instructions around pc through the current
 * translation ({@code Hart.translateForDebugger}, {@code Bus.peekByte}) and prints them with
 * {@link SimpleInstructionFormatter} until org.bootlab.symbols.Disassembler is merged (then
 * {@link #text} calls {@code Disassembler.next} instead).
 *
 * <p>The listing stays put while pc moves inside it, so stepping moves the highlight rather
 * than the text; when pc leaves it, it starts again a few instructions before pc.
 */
public final class DisassemblyAdapter implements MachineProbe<DisassemblyWindow> {

    static final int LINES = 48;
    /** How close to the end pc may come before the listing moves on. */
    private static final int MARGIN = 8;
    /** How far before pc a new listing starts, at most (bytes). */
    private static final int LEAD = 24;

    /** The current listing's addresses; emulator thread only. */
    private List<Long> listing = List.of();

    @Override
    public void attach(BootedGuest guest) {
        listing = List.of();
    }

    @Override
    public DisassemblyWindow capture(BootedGuest guest) {
        Hart hart = guest.machine().hart();
        long pc = hart.pc();
        int at = listing.indexOf(pc);
        if (at < 0 || at > listing.size() - MARGIN) {
            listing = addresses(guest, startBefore(guest, pc));
        }
        List<DisassemblyLine> lines = new ArrayList<>();
        SymbolTable symbols = guest.symbols();
        for (long address : listing) {
            int raw = fetch(guest, address);
            String label = symbols.containing(address).filter(s -> s.address() == address).map(s -> s.name()).orElse("");
            lines.add(new DisassemblyLine(address, label, hex(raw), raw == -1 ? "(not mapped)" : text(raw, address, symbols)));
        }
        return new DisassemblyWindow(pc, lines);
    }

    private static String text(int raw, long address, SymbolTable symbols) {
        return SimpleInstructionFormatter.format(raw, address, symbols);
    }

    /**
     * A start address before pc from which decoding lands on pc: instructions are 2 or 4 bytes,
     * so the furthest such start within {@link #LEAD} bytes usually gives a true listing. Zero
     * halfwords (padding, not code) end a candidate, so code after a gap starts at pc.
     */
    private static long startBefore(BootedGuest guest, long pc) {
        for (int back = LEAD; back > 0; back -= 2) {
            long a = pc - back;
            while (a < pc) {
                int raw = fetch(guest, a);
                if (raw == -1 || raw == 0) {
                    break;
                }
                a += length(raw);
            }
            if (a == pc) {
                return pc - back;
            }
        }
        return pc;
    }

    private static List<Long> addresses(BootedGuest guest, long start) {
        List<Long> out = new ArrayList<>();
        long a = start;
        for (int i = 0; i < LINES; i++) {
            out.add(a);
            int raw = fetch(guest, a);
            a += raw == -1 ? 4 : length(raw);
        }
        return out;
    }

    private static int length(int raw) {
        return (raw & 3) == 3 ? 4 : 2;
    }

    /** The instruction at {@code va} (16 bits when compressed), or -1 when it cannot be read. */
    private static int fetch(BootedGuest guest, long va) {
        int low = halfword(guest, va);
        if (low < 0) {
            return -1;
        }
        if ((low & 3) != 3) {
            return low;
        }
        int high = halfword(guest, va + 2);
        return high < 0 ? -1 : (high << 16) | low;
    }

    private static int halfword(BootedGuest guest, long va) {
        Hart hart = guest.machine().hart();
        Bus bus = guest.machine().bus();
        long pa = hart.translateForDebugger(va);
        if (pa == -1) {
            return -1;
        }
        int b0 = bus.peekByte(pa);
        int b1 = bus.peekByte(pa + 1);
        return b0 < 0 || b1 < 0 ? -1 : b0 | (b1 << 8);
    }

    private static String hex(int raw) {
        if (raw == -1) {
            return "????????";
        }
        return (raw & 3) == 3 ? String.format("%08x", raw) : String.format("%04x", raw);
    }
}
