package org.bootlab.app.session;

import org.bootlab.machine.Machine;
import org.bootlab.symbols.SymbolTable;

/**
 * A machine built from {@link BootSettings} with the symbols of its kernel. Touch the machine on
 * the emulator thread only (in {@link MachineProbe#capture}).
 */
public record BootedGuest(BootSettings settings, Machine machine, SymbolTable symbols) {
}
