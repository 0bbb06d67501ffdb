package org.bootlab.debug;

import org.bootlab.symbols.SysinitEntry;

/**
 * Why execution stopped, and where: every run-control command ends with one. Fields that do not
 * apply to the kind are zero (or null for {@code sysinit}).
 *
 * @param kind          what stopped the machine
 * @param position      the hart's step count (instructions attempted) when it stopped: the
 *                      machine's position in its history, which reverse execution moves along
 * @param pc            the pc it stopped at (the next instruction to execute)
 * @param id            the breakpoint or watchpoint id for those kinds
 * @param address       a watchpoint's accessed address (virtual or physical, as the watchpoint
 *                      was set); the target address for {@link Kind#REACHED}
 * @param value         the value a watched access loaded or stored
 * @param width         the watched access's width in bytes
 * @param write         whether the watched access was a store
 * @param cause         the trap cause number for {@link Kind#TRAP}
 * @param interrupt     whether that trap was an interrupt
 * @param fromPrivilege the privilege left, for traps and privilege changes (0 U, 1 S, 3 M)
 * @param toPrivilege   the privilege entered
 * @param sysinit       the SYSINIT entered, for {@link Kind#SYSINIT}
 * @param reverse       whether reverse execution got here
 */
public record StopReason(Kind kind, long position, long pc, int id, long address, long value, int width,
                         boolean write, int cause, boolean interrupt, int fromPrivilege, int toPrivilege,
                         SysinitEntry sysinit, boolean reverse) {

    public enum Kind {
        /** One instruction executed (or, in reverse, undone). */
        STEP,
        /** A breakpoint was reached (its condition held and its ignore count ran out). */
        BREAKPOINT,
        /** A watched load or store executed; the machine stopped after that instruction. */
        WATCHPOINT,
        /** A trap with a cause we break on was taken; pc is its handler. */
        TRAP,
        /** The privilege level changed (trap or xRET). */
        PRIVILEGE_CHANGE,
        /** A SYSINIT function was entered from mi_startup. */
        SYSINIT,
        /** The target of run-to, step over or step out was reached. */
        REACHED,
        /** Someone asked to pause. */
        PAUSED,
        /** The guest powered off or asked for a reset. */
        EXITED,
        /** The hart sleeps in WFI and nothing can wake it. */
        HALTED,
        /** Reverse execution reached the oldest state it keeps. */
        HISTORY_START
    }

    static StopReason of(Kind kind) {
        return new StopReason(kind, 0, 0, 0, 0, 0, 0, false, 0, false, 0, 0, null, false);
    }

    static StopReason breakpoint(int id) {
        return new StopReason(Kind.BREAKPOINT, 0, 0, id, 0, 0, 0, false, 0, false, 0, 0, null, false);
    }

    static StopReason watchpoint(int id, long address, long value, int width, boolean write) {
        return new StopReason(Kind.WATCHPOINT, 0, 0, id, address, value, width, write, 0, false, 0, 0, null, false);
    }

    static StopReason trap(boolean interrupt, int cause, int from, int to) {
        return new StopReason(Kind.TRAP, 0, 0, 0, 0, 0, 0, false, cause, interrupt, from, to, null, false);
    }

    static StopReason privilegeChange(int from, int to) {
        return new StopReason(Kind.PRIVILEGE_CHANGE, 0, 0, 0, 0, 0, 0, false, 0, false, from, to, null, false);
    }

    static StopReason sysinit(SysinitEntry entry) {
        return new StopReason(Kind.SYSINIT, 0, 0, 0, entry.function(), 0, 0, false, 0, false, 0, 0, entry, false);
    }

    static StopReason reached(long target) {
        return new StopReason(Kind.REACHED, 0, 0, 0, target, 0, 0, false, 0, false, 0, 0, null, false);
    }

    /** This reason, placed where the machine now stands. */
    StopReason at(long position, long pc) {
        return new StopReason(kind, position, pc, id, address, value, width, write, cause, interrupt,
                fromPrivilege, toPrivilege, sysinit, reverse);
    }

    StopReason reversed() {
        return new StopReason(kind, position, pc, id, address, value, width, write, cause, interrupt,
                fromPrivilege, toPrivilege, sysinit, true);
    }

    /** Whether this stop is a hit of a user's break condition (what reverse continue looks for). */
    public boolean isBreakHit() {
        return kind == Kind.BREAKPOINT || kind == Kind.WATCHPOINT || kind == Kind.TRAP
                || kind == Kind.PRIVILEGE_CHANGE;
    }

    /** One line for people: "breakpoint 2 at 0x80200e94 (step 1234)". */
    public String describe() {
        String where = String.format(" at 0x%x (step %d)", pc, position);
        String what = switch (kind) {
            case BREAKPOINT -> "breakpoint " + id;
            case WATCHPOINT -> String.format("watchpoint %d: %s of %d bytes at 0x%x, value 0x%x",
                    id, write ? "store" : "load", width, address, value);
            case TRAP -> String.format("%s %d (privilege %d -> %d)", interrupt ? "interrupt" : "exception",
                    cause, fromPrivilege, toPrivilege);
            case PRIVILEGE_CHANGE -> String.format("privilege %d -> %d", fromPrivilege, toPrivilege);
            case SYSINIT -> "SYSINIT #" + sysinit.index() + " " + sysinit.name() + " (" + sysinit.subsystemName() + ")";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
        return (reverse ? "reverse: " : "") + what + where;
    }
}
