package org.bootlab.app.source;

import java.util.Optional;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.symbols.LineTable;

/**
 * Adapter for the source view: the DWARF line of pc (from {@link LineTable}), or of an address a
 * view asked for (a call stack frame's function) until pc next moves.
 */
public final class SourceAdapter implements MachineProbe<SourceLocation> {

    private record Focus(long address, long askedAtPc) {
    }

    private volatile Focus focus;

    /** Shows the line of {@code address} from the next snapshot on, until pc moves. */
    public void show(long address, long currentPc) {
        focus = new Focus(address, currentPc);
    }

    @Override
    public void attach(BootedGuest guest) {
        focus = null;
    }

    @Override
    public SourceLocation capture(BootedGuest guest) {
        long pc = guest.machine().hart().pc();
        Focus f = focus;
        if (f != null && f.askedAtPc() != pc) {
            focus = f = null;
        }
        long address = f != null ? f.address() : pc;
        boolean atPc = f == null;
        Optional<LineTable.SourceLine> line = guest.image().line(address);
        String kernel = guest.settings().kernel() == null ? null : guest.settings().kernel().toString();
        return line.map(l -> new SourceLocation(address, l.file(), l.line(), kernel, atPc))
                .orElseGet(() -> new SourceLocation(address, null, 0, kernel, atPc));
    }
}
