package org.bootlab.app.disassembly;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.debug.Breakpoint;

/**
 * Adapter for the breakpoint gutter: execution breakpoints of the debugger's run control
 * ({@code RunControl.addBreakpoint}/{@code removeBreakpoint}), set again on each new machine so
 * they survive Reset and Boot.
 */
public final class BreakpointsAdapter implements MachineProbe<Set<Long>> {

    private final EmulatorSession session;
    /** Breakpoint pc to its id in the current run control; emulator thread only. */
    private final Map<Long, Integer> ids = new TreeMap<>();

    public BreakpointsAdapter(EmulatorSession session) {
        this.session = session;
    }

    /** Sets a breakpoint at {@code pc}, or clears the one there. */
    public void toggle(long pc) {
        session.submit(guest -> {
            Integer id = ids.remove(pc);
            if (id != null) {
                guest.control().removeBreakpoint(id);
            } else {
                ids.put(pc, guest.control().addBreakpoint(pc).id());
            }
        });
    }

    @Override
    public void attach(BootedGuest guest) {
        for (Map.Entry<Long, Integer> e : ids.entrySet()) {
            Breakpoint b = guest.control().addBreakpoint(e.getKey());
            e.setValue(b.id());
        }
    }

    @Override
    public Set<Long> capture(BootedGuest guest) {
        return Set.copyOf(ids.keySet());
    }
}
