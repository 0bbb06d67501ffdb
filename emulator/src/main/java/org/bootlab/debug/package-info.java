/**
 * The debugger core: run control and reverse execution over a {@link org.bootlab.machine.Machine}.
 *
 * <p>{@link org.bootlab.debug.RunControl} is the single-threaded engine (tests and tools drive it
 * directly); {@link org.bootlab.debug.Debugger} puts it on an emulator thread of its own for the
 * GUI and the gdb stub. Every command ends with a {@link org.bootlab.debug.StopReason}. Reverse
 * execution rests on page-diff checkpoints ({@code Checkpoints}), a log of what came in from
 * outside ({@code EventLog}: console input, debugger writes) and the machine's determinism; the
 * {@link org.bootlab.debug.ConsoleHistory} rewinds with it.
 *
 * <p>This package depends on {@code org.bootlab.symbols} for its records only; the DWARF line
 * table plugs in through {@link org.bootlab.debug.AddressResolver} with a method reference.
 */
package org.bootlab.debug;
