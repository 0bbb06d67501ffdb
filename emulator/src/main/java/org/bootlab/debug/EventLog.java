package org.bootlab.debug;

import java.util.ArrayList;
import java.util.List;

import org.bootlab.machine.Machine;
import org.bootlab.machine.MemoryMap;

/**
 * What came into the machine from outside, each at the position it came in: console input from
 * the host and the debugger's own writes to registers and memory. The machine is deterministic
 * otherwise, so re-executing from a checkpoint and applying these at the same positions
 * reproduces the same run. Entries before the cursor have been applied in the current history;
 * those after it are the recorded future, replayed when execution gets there again, and dropped
 * as soon as something new comes in earlier.
 */
final class EventLog {

    /** Something applied to the machine at a position. */
    sealed interface Action permits Input, RegisterWrite, CsrWrite, MemoryWrite {
        void apply(Machine machine);
    }

    /** Bytes handed to the UART's receiver queue; the receiver takes them at the next event. */
    record Input(byte[] bytes) implements Action {
        @Override
        public void apply(Machine machine) {
            machine.uart().offerInput(bytes);
        }
    }

    /** A debugger write to x1..x31, or to the pc as register {@link RegisterCondition#PC}. */
    record RegisterWrite(int register, long value) implements Action {
        @Override
        public void apply(Machine machine) {
            if (register == RegisterCondition.PC) {
                machine.hart().setPc(value);
            } else {
                machine.hart().setX(register, value);
            }
        }
    }

    /** A debugger write to a CSR, as M-mode software would write it. */
    record CsrWrite(int csr, long value) implements Action {
        @Override
        public void apply(Machine machine) {
            machine.hart().pokeCsr(csr, value);
        }
    }

    /** A debugger write to DRAM at a physical address. */
    record MemoryWrite(long address, byte[] bytes) implements Action {
        @Override
        public void apply(Machine machine) {
            machine.ram().load(address - MemoryMap.DRAM_BASE, bytes, 0, bytes.length);
        }
    }

    record Entry(long position, Action action) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private int cursor;

    /** Position of the next recorded entry still to apply, or {@link Long#MAX_VALUE}. */
    long nextPosition() {
        return cursor < entries.size() ? entries.get(cursor).position : Long.MAX_VALUE;
    }

    /** Applies the recorded entries due at {@code position}. */
    void applyDue(long position, Machine machine) {
        while (cursor < entries.size() && entries.get(cursor).position <= position) {
            entries.get(cursor++).action.apply(machine);
        }
    }

    /** Whether an entry was applied at exactly this position (a checkpoint here would hold it). */
    boolean appliedAt(long position) {
        return cursor > 0 && entries.get(cursor - 1).position == position;
    }

    /** After the machine went back to {@code position}: entries from there on are future again. */
    void rewindTo(long position) {
        int i = cursor;
        while (i > 0 && entries.get(i - 1).position >= position) {
            i--;
        }
        while (i < entries.size() && entries.get(i).position < position) {
            i++;
        }
        cursor = i;
    }

    /**
     * Something new comes in at {@code position}: what was recorded as due here is applied
     * first, the recorded future after it is dropped (history diverges), then this is applied.
     */
    void record(long position, Action action, Machine machine) {
        applyDue(position, machine);
        entries.subList(cursor, entries.size()).clear();
        entries.add(new Entry(position, action));
        cursor++;
        action.apply(machine);
    }

    int size() {
        return entries.size();
    }
}
