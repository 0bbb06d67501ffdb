package org.bootlab.app.disassembly;

import java.util.Set;
import java.util.TreeSet;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.MachineProbe;

/**
 * Adapter for the breakpoint gutter: execution breakpoints through {@code Hart.setBreakpoints},
 * kept across Reset. When org.bootlab.debug's run control lands, {@link #toggle} calls its
 * breakpoint API instead (and stepping over and out come from there too).
 */
public final class BreakpointsAdapter implements MachineProbe<Set<Long>> {

    private final EmulatorSession session;
    /** Emulator thread only. */
    private final Set<Long> pcs = new TreeSet<>();

    public BreakpointsAdapter(EmulatorSession session) {
        this.session = session;
    }

    /** Sets a breakpoint at {@code pc}, or clears the one there. */
    public void toggle(long pc) {
        session.submit(guest -> {
            if (!pcs.remove(pc)) {
                pcs.add(pc);
            }
            apply(guest);
        });
    }

    @Override
    public void attach(BootedGuest guest) {
        apply(guest);
    }

    @Override
    public Set<Long> capture(BootedGuest guest) {
        return Set.copyOf(pcs);
    }

    private void apply(BootedGuest guest) {
        guest.machine().hart().setBreakpoints(pcs.stream().mapToLong(Long::longValue).toArray());
    }
}
