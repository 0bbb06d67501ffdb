package org.bootlab.app.disassembly;

import java.util.ArrayList;
import java.util.List;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.cpu.Hart;
import org.bootlab.machine.Bus;
import org.bootlab.symbols.Disassembler;
import org.bootlab.symbols.Instruction;
import org.bootlab.symbols.SymbolTable;

/**
 * Adapter for the disassembly view: reads the instructions around pc through the current
 * translation ({@code Hart.translateForDebugger}, {@code Bus.peekByte}) and prints them as
 * objdump does, with its aliases ({@link Disassembler}).
 *
 * <p>The listing stays put while pc moves inside it, so stepping moves the highlight rather
 * than the text; when pc leaves it, it starts again a few instructions before pc. A view may
 * ask to show another address instead (a call stack frame's function) until pc next moves.
 */
public final class DisassemblyAdapter implements MachineProbe<DisassemblyWindow> {

    static final int LINES = 48;
    /** How close to the end pc may come before the listing moves on. */
    private static final int MARGIN = 8;
    /** How far before pc a new listing starts, at most (bytes). */
    private static final int LEAD = 24;

    /** An address to show instead of pc's surroundings, and the pc it was asked at. */
    private record Focus(long address, long askedAtPc) {
    }

    /** The current listing's addresses; emulator thread only. */
    private List<Long> listing = List.of();
    private volatile Focus focus;

    @Override
    public void attach(BootedGuest guest) {
        listing = List.of();
        focus = null;
    }

    /** Shows the code at {@code address} from the next snapshot on, until pc moves. */
    public void show(long address, long currentPc) {
        focus = new Focus(address, currentPc);
    }

    @Override
    public DisassemblyWindow capture(BootedGuest guest) {
        Hart hart = guest.machine().hart();
        long pc = hart.pc();
        Focus f = focus;
        if (f != null && f.askedAtPc() != pc) {
            focus = f = null;
        }
        long centre = f != null ? f.address() : pc;
        int at = listing.indexOf(centre);
        if (at < 0 || at > listing.size() - MARGIN) {
            listing = addresses(guest, f != null ? centre : startBefore(guest, centre));
        }
        List<DisassemblyLine> lines = new ArrayList<>();
        SymbolTable symbols = guest.symbols();
        Disassembler disassembler = guest.image().disassembler();
        for (long address : listing) {
            int raw = fetch(guest, address);
            String label = symbols.containing(address).filter(s -> s.address() == address).map(s -> s.name()).orElse("");
            String text = "(not mapped)";
            if (raw != -1) {
                int length = length(raw);
                byte[] code = new byte[length];
                for (int i = 0; i < length; i++) {
                    code[i] = (byte) (raw >>> (8 * i));
                }
                Instruction insn = disassembler.next(code, 0, address);
                // objdump's tab after the mnemonic, as a column.
                int tab = insn.text().indexOf('\t');
                text = tab < 0 ? insn.text() : String.format("%-8s %s", insn.mnemonic(), insn.text().substring(tab + 1));
            }
            lines.add(new DisassemblyLine(address, label, hex(raw), text));
        }
        return new DisassemblyWindow(pc, f != null ? f.address() : pc, lines);
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
