package org.bootlab.app.status;

import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;

import org.bootlab.app.registers.CsrFields;
import org.bootlab.app.session.RunState;
import org.bootlab.app.session.SessionSnapshot;
import org.controlsfx.control.StatusBar;

/**
 * The status bar: the last message on the left; run state, virtual time, instructions retired,
 * privilege mode, current function and current SYSINIT on the right.
 */
public final class StatusView extends StatusBar {

    private final Label state = item("status-state", "Run state");
    private final Label time = item("status-time", "Virtual time since power-on");
    private final Label instructions = item("status-instructions", "Instructions retired");
    private final Label privilege = item("status-privilege", "Privilege mode");
    private final Label function = item("status-function", "The function containing pc");
    private final Label sysinit = item("status-sysinit", "The SYSINIT running now: index, subsystem and name");

    public StatusView() {
        setId("status-bar");
        getStyleClass().add("bootlab-status");
        sysinit.setText("SYSINIT —");
        getRightItems().addAll(state, separator(), time, separator(), instructions, separator(),
                privilege, separator(), function, separator(), sysinit);
    }

    public void show(SessionSnapshot s) {
        setText(s.message());
        getStyleClass().remove("problem");
        if (s.problem()) {
            getStyleClass().add("problem");
        }
        state.setText(s.state().label());
        state.getStyleClass().removeAll("state-running", "state-paused", "state-finished");
        if (s.state() != RunState.NO_MACHINE) {
            state.getStyleClass().add("state-" + s.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        boolean machine = s.state() != RunState.NO_MACHINE;
        time.setText(machine ? formatTime(s.virtualNanos()) : "—");
        instructions.setText(machine ? String.format("%,d instr", s.instructions()) : "—");
        privilege.setText(machine ? CsrFields.privilege(s.privilege()) + "-mode" : "—");
        function.setText(!machine ? "—" : s.function().isEmpty() ? String.format("pc 0x%x", s.pc()) : s.function() + "()");
        sysinit.setText(s.sysinit().isEmpty() ? "SYSINIT —" : "SYSINIT " + s.sysinit());
    }

    /** A problem to report once (not tied to a snapshot), such as an error on the JavaFX thread. */
    public void problem(String message) {
        setText(message);
        getStyleClass().add("problem");
    }

    /** Virtual time in microseconds with nanosecond digits: "1,058.673 µs". */
    static String formatTime(long nanos) {
        return String.format("%,d.%03d µs", nanos / 1000, nanos % 1000);
    }

    private static Separator separator() {
        return new Separator(javafx.geometry.Orientation.VERTICAL);
    }

    private static Label item(String id, String tip) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("status-item");
        l.setTooltip(new Tooltip(tip));
        return l;
    }
}
