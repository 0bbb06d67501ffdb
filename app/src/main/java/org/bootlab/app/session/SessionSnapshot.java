package org.bootlab.app.session;

import java.util.Map;
import java.util.Optional;

/**
 * Everything the window shows at one moment, captured on the emulator thread and never changed
 * afterwards: the run state, counters, and each registered probe's model.
 *
 * @param sequence      increases with every snapshot, so views can skip what they have shown
 * @param state         the run state
 * @param message       why it is in this state ("Breakpoint 1 at 0x...", "Guest powered off"), or ""
 * @param problem       whether the message reports an error (a kernel that cannot be read, a fault)
 * @param guest         what was booted, or null with {@link RunState#NO_MACHINE}
 * @param position      the hart's step count: the machine's place in its history
 * @param instructions  instructions retired
 * @param virtualNanos  virtual time since power-on
 * @param pc            the program counter
 * @param privilege     the privilege mode, {@code Hart.PRIV_*}
 * @param function      the function containing pc, or "" when unknown
 * @param sysinit       the SYSINIT running now ("#12 SI_SUB_VM vm_mem_init"), or ""
 * @param stopped       whether this snapshot was taken where a command stopped (not during a run):
 *                      views highlight what changed since the previous such snapshot
 */
public record SessionSnapshot(long sequence, RunState state, String message, boolean problem,
                              BootSettings guest, long position,
                              long instructions, long virtualNanos, long pc, int privilege, String function,
                              String sysinit, boolean stopped,
                              Map<MachineProbe<?>, Object> models) {

    public SessionSnapshot {
        models = Map.copyOf(models);
    }

    static SessionSnapshot noMachine(long sequence, String message, boolean problem) {
        return new SessionSnapshot(sequence, RunState.NO_MACHINE, message, problem, null, 0, 0, 0, 0, 0, "", "",
                true, Map.of());
    }

    /** The model {@code probe} captured, if a machine was there to capture it. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> model(MachineProbe<T> probe) {
        return Optional.ofNullable((T) models.get(probe));
    }

    public boolean isStill() {
        return state != RunState.RUNNING;
    }
}
