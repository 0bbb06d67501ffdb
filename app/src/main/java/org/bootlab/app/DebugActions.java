package org.bootlab.app;

import java.util.List;

import javafx.scene.input.KeyCombination;

import org.bootlab.app.session.RunState;
import org.bootlab.app.session.SessionSnapshot;
import org.controlsfx.control.action.Action;

/**
 * The debugger's commands, each one Action shared by the Run menu and the toolbar. Shortcuts
 * follow Visual Studio Code's debugger keys (F5 continue, F6 pause, F9 breakpoint, F10 step
 * over, F11 step into, Shift+F11 step out, Ctrl+Shift+F5 restart); BootLab's own commands use
 * free combinations near them.
 *
 * <p>Commands whose run-control API is not merged yet stay disabled and say what they wait for.
 */
final class DebugActions {

    static final String SCHEME = "Visual Studio Code";
    private static final String WAITS_FOR_DEBUGGER = "Not available yet: waits for the org.bootlab.debug run-control API";

    /** What the enabled commands do. */
    interface Commands {
        void boot();

        void run();

        void pause();

        void stepInstruction();

        void reset();

        void toggleBreakpoint();
    }

    final Action boot;
    final Action run;
    final Action pause;
    final Action stepInstruction;
    final Action stepOver = pending("Step Over", "F10");
    final Action stepOut = pending("Step Out", "Shift+F11");
    final Action stepSysinit = pending("Step SYSINIT", "Ctrl+F11");
    final Action runToSubsystem = pending("Run to Subsystem…", "Ctrl+F10");
    final Action reverseStep = pending("Reverse Step", "Alt+F11");
    final Action reverseContinue = pending("Reverse Continue", "Alt+F5");
    final Action reset;
    final Action toggleBreakpoint;

    DebugActions(Commands c) {
        boot = action("Boot…", "Shortcut+O", "Choose a kernel, firmware and bootargs, and boot", c::boot);
        run = action("Continue", "F5", "Run until a breakpoint, a pause or the guest's end", c::run);
        pause = action("Pause", "F6", "Stop the guest now", c::pause);
        stepInstruction = action("Step Instruction", "F11", "Execute one instruction (or take one trap)", c::stepInstruction);
        reset = action("Reset", "Ctrl+Shift+F5", "Boot the same guest again from the start", c::reset);
        toggleBreakpoint = action("Toggle Breakpoint", "F9",
                "Set or clear a breakpoint on the selected disassembly line (or at pc)", c::toggleBreakpoint);
    }

    /** In menu order; null separates groups. */
    List<Action> runMenu() {
        return java.util.Arrays.asList(run, pause, null, stepInstruction, stepOver, stepOut, stepSysinit, runToSubsystem,
                null, reverseStep, reverseContinue, null, toggleBreakpoint, null, reset);
    }

    List<Action> toolbar() {
        return java.util.Arrays.asList(boot, null, run, pause, stepInstruction, stepOver, stepOut, stepSysinit, null,
                reverseStep, reverseContinue, null, reset);
    }

    /** Enables what makes sense in this state. */
    void update(SessionSnapshot s) {
        RunState state = s.state();
        run.setDisabled(!state.canRun());
        stepInstruction.setDisabled(!state.canRun());
        pause.setDisabled(state != RunState.RUNNING);
        toggleBreakpoint.setDisabled(state == RunState.NO_MACHINE);
    }

    private static Action action(String text, String keys, String description, Runnable command) {
        Action a = new Action(text, e -> command.run());
        a.setAccelerator(KeyCombination.keyCombination(keys));
        a.setLongText(description);
        return a;
    }

    private static Action pending(String text, String keys) {
        Action a = action(text, keys, WAITS_FOR_DEBUGGER, () -> { });
        a.setDisabled(true);
        return a;
    }
}
