package org.bootlab.app;

import java.util.Arrays;
import java.util.List;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import org.bootlab.app.session.RunState;
import org.bootlab.app.session.SessionSnapshot;
import org.controlsfx.control.action.Action;

/**
 * The debugger's commands, each one Action shared by the Run menu and the toolbar. Shortcuts
 * follow Visual Studio Code's debugger keys (F5 continue, F6 pause, F9 breakpoint, F10 step
 * over, F11 step into, Shift+F11 step out, Ctrl+Shift+F5 restart); BootLab's own commands use
 * free combinations near them.
 */
final class DebugActions {

    static final String SCHEME = "Visual Studio Code";

    /** What the commands do. */
    interface Commands {
        void boot();

        void run();

        void pause();

        void stepInstruction();

        void stepOver();

        void stepOut();

        void stepSysinit();

        void runToSubsystem();

        void reverseStep();

        void reverseContinue();

        void reset();

        void toggleBreakpoint();
    }

    final Action boot;
    final Action run;
    final Action pause;
    final Action stepInstruction;
    final Action stepOver;
    final Action stepOut;
    final Action stepSysinit;
    final Action runToSubsystem;
    final Action reverseStep;
    final Action reverseContinue;
    final Action reset;
    final Action toggleBreakpoint;
    private boolean hasSysinits;

    DebugActions(Commands c) {
        boot = action("Boot…", "Shortcut+O", "Choose a kernel, firmware, disk and bootargs, and boot", c::boot);
        run = action("Continue", "F5", "Run until a breakpoint, a pause or the guest's end", c::run);
        pause = action("Pause", "F6", "Stop the guest now", c::pause);
        stepInstruction = action("Step Instruction", "F11", "Execute one instruction (or take one trap)", c::stepInstruction);
        stepOver = action("Step Over", "F10", "Step one instruction, or over a whole call", c::stepOver);
        stepOut = action("Step Out", "Shift+F11", "Run until the current function returns", c::stepOut);
        stepSysinit = action("Step SYSINIT", "Ctrl+F11", "Run until mi_startup calls the next SYSINIT", c::stepSysinit);
        runToSubsystem = action("Run to Subsystem…", "Ctrl+F10",
                "Choose an SI_SUB subsystem and run until its first SYSINIT", c::runToSubsystem);
        reverseStep = action("Reverse Step", "Alt+F11", "Undo one instruction", c::reverseStep);
        reverseContinue = action("Reverse Continue", "Alt+F5",
                "Run backwards to the latest breakpoint hit before now", c::reverseContinue);
        reset = action("Reset", "Ctrl+Shift+F5", "Boot the same guest again from the start", c::reset);
        toggleBreakpoint = action("Toggle Breakpoint", "F9",
                "Set or clear a breakpoint on the selected disassembly line (or at pc)", c::toggleBreakpoint);
    }

    /** In menu order; null separates groups. */
    List<Action> runMenu() {
        return Arrays.asList(run, pause, null, stepInstruction, stepOver, stepOut, stepSysinit, runToSubsystem,
                null, reverseStep, reverseContinue, null, toggleBreakpoint, null, reset);
    }

    List<Action> toolbar() {
        return Arrays.asList(boot, null, run, pause, stepInstruction, stepOver, stepOut, stepSysinit, runToSubsystem,
                null, reverseStep, reverseContinue, null, reset);
    }

    /** Whether the booted image has a SYSINIT table (Step SYSINIT and Run to Subsystem need one). */
    void setHasSysinits(boolean has) {
        hasSysinits = has;
    }

    /** Enables what makes sense in this state. */
    void update(SessionSnapshot s) {
        RunState state = s.state();
        boolean forward = state.canRun();
        for (Action a : List.of(run, stepInstruction, stepOver, stepOut)) {
            a.setDisabled(!forward);
        }
        stepSysinit.setDisabled(!forward || !hasSysinits);
        runToSubsystem.setDisabled(!forward || !hasSysinits);
        reverseStep.setDisabled(!state.canReverse());
        reverseContinue.setDisabled(!state.canReverse());
        pause.setDisabled(state != RunState.RUNNING);
        toggleBreakpoint.setDisabled(state == RunState.NO_MACHINE);
    }

    /**
     * F10 is Step Over, but JavaFX's menu bar also takes F10 (to focus the menus) in a handler
     * that runs before accelerators; a scene filter runs first and keeps F10 for Step Over.
     */
    void claimF10(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F10 && !e.isControlDown() && !e.isShiftDown() && !e.isAltDown()
                    && !e.isMetaDown()) {
                e.consume();
                if (!stepOver.isDisabled()) {
                    stepOver.handle(new javafx.event.ActionEvent());
                }
            }
        });
    }

    private static Action action(String text, String keys, String description, Runnable command) {
        Action a = new Action(text, e -> command.run());
        a.setAccelerator(KeyCombination.keyCombination(keys));
        a.setLongText(description);
        return a;
    }
}
