package org.bootlab.app.session;

import org.bootlab.debug.RunControl;
import org.bootlab.machine.Machine;
import org.bootlab.symbols.SymbolTable;

/**
 * A machine built from {@link BootSettings}, its run control, what its kernel's ELF file says,
 * and the call stack followed as it runs. Touch any of it on the emulator thread only (in
 * {@link MachineProbe#capture}, or in work given to {@link EmulatorSession#submit}).
 */
public record BootedGuest(BootSettings settings, Machine machine, RunControl control, GuestSymbols image,
                          CallTracking calls) {

    public SymbolTable symbols() {
        return image.symbols();
    }
}
