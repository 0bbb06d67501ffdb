/**
 * A GDB remote serial protocol server on the debugger core ({@link org.bootlab.debug.Debugger}):
 * gdb-multiarch attaches to the microVM with {@code target remote}, with breakpoints,
 * watchpoints, reverse step and continue, and monitor commands for SYSINITs and virtio.
 *
 * <p>{@link org.bootlab.debug.gdb.GdbServer} listens and admits one client at a time;
 * {@code GdbSession} answers its packets; {@code PacketChannel} frames them; {@code Registers}
 * lays out the registers and the target description; {@code DebugPoints} maps Z packets to the
 * run control's breakpoints and watchpoints; {@code MonitorCommands} answers qRcmd.
 */
package org.bootlab.debug.gdb;
