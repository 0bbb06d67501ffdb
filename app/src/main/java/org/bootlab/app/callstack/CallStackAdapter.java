package org.bootlab.app.callstack;

import java.util.ArrayList;
import java.util.List;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.CallTracking;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * Adapter for the call stack view: the frames open at the machine's virtual time, as the
 * session's {@link CallTracking} (a {@code CallStackTracker}) followed them, innermost first.
 */
public final class CallStackAdapter implements MachineProbe<List<StackFrame>> {

    @Override
    public List<StackFrame> capture(BootedGuest guest) {
        long now = guest.machine().hart().cycles();
        long pc = guest.machine().hart().pc();
        List<CallTracking.Frame> frames = guest.calls().stack(now);
        SymbolTable symbols = guest.symbols();
        List<SysinitEntry> sysinits = guest.image().sysinits();
        List<StackFrame> out = new ArrayList<>();
        for (int i = frames.size() - 1; i >= 0; i--) {
            CallTracking.Frame f = frames.get(i);
            boolean innermost = i == frames.size() - 1;
            // The innermost frame's code is where pc is; an outer one's, its function's start.
            long address = innermost ? pc : symbols.byName(f.function()).map(s -> s.address()).orElse(-1L);
            String sysinit = f.sysinit() >= 0 && f.sysinit() < sysinits.size()
                    ? "SYSINIT #" + f.sysinit() + " " + sysinits.get(f.sysinit()).subsystemName() : "";
            out.add(new StackFrame(out.size(), f.function(), address, now - f.startNanos(), sysinit));
        }
        return List.copyOf(out);
    }
}
