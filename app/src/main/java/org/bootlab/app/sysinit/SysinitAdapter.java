package org.bootlab.app.sysinit;

import java.util.List;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.CallTracking;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.symbols.SysinitEntry;

/**
 * Adapter for the SYSINIT table: the kernel's SYSINITs in sorted order (its ELF file's
 * {@code set_sysinit_set}, read by {@code SysinitTable}) with each one's state and virtual time
 * at the machine's current time, from the call stack tracker's SYSINIT frames.
 */
public final class SysinitAdapter implements MachineProbe<SysinitModel> {

    @Override
    public SysinitModel capture(BootedGuest guest) {
        List<SysinitEntry> entries = guest.image().sysinits();
        long now = guest.machine().hart().cycles();
        CallTracking calls = guest.calls();
        return new SysinitModel(entries, calls.sysinitStates(now), calls.sysinitNanos(now), calls.currentSysinit(now));
    }
}
