package org.bootlab.app.session;

/** What the emulator thread is doing, as the toolbar and status bar show it. */
public enum RunState {
    /** No machine: nothing booted yet, or the last boot failed. */
    NO_MACHINE("No machine"),
    /** Built and stopped before its first instruction, or paused by the user or a breakpoint. */
    PAUSED("Paused"),
    /** A command (continue, a step, a reverse step...) is executing. */
    RUNNING("Running"),
    /** The guest powered off, reset or halted for good; reverse execution and Reset still work. */
    FINISHED("Finished");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether forward commands (continue, steps, run to) may start. */
    public boolean canRun() {
        return this == PAUSED;
    }

    /** Whether reverse step and reverse continue may start. */
    public boolean canReverse() {
        return this == PAUSED || this == FINISHED;
    }
}
