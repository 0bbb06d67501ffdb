package org.bootlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.css.PseudoClass;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;

import javafx.stage.Stage;

import org.bootlab.app.callstack.StackFrame;
import org.bootlab.app.disassembly.DisassemblyLine;
import org.bootlab.app.registers.RegisterRow;
import org.bootlab.app.session.RunState;
import org.bootlab.app.virtio.VirtioView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The views wired to the debugger, the symbols, the call stack tracker and the virtio
 * inspector, driven through the window's keys with the embedded guest kernel.
 */
class DebuggerViewsTest extends WorkbenchWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void stepSysinitUpdatesTheTableTheDisassemblyAndTheRegistersTogether(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        robot.clickOn("#disassembly").press(KeyCode.CONTROL).type(KeyCode.F11).release(KeyCode.CONTROL);
        waitFor(() -> window.session().latest().message().startsWith("SYSINIT #0 "));
        waitFor(() -> window.sysinits().current() == 0);
        long pc = window.session().latest().pc();
        waitFor(() -> currentLine(robot) != null && currentLine(robot).address() == pc);
        assertEquals(String.format("0x%016x", pc), integerRows(robot).getItems().get(0).value());
        TableView<?> table = robot.lookup("#sysinit-table").queryTableView();
        assertEquals(1125, table.getItems().size());
        assertTrue(text(robot, "#status-sysinit").startsWith("SYSINIT #0 "), text(robot, "#status-sysinit"));

        // The next one: the first is done, the second runs, and every view moved with it.
        robot.press(KeyCode.CONTROL).type(KeyCode.F11).release(KeyCode.CONTROL);
        waitFor(() -> window.session().latest().message().startsWith("SYSINIT #1 "));
        waitFor(() -> window.sysinits().current() == 1);
        long next = window.session().latest().pc();
        waitFor(() -> currentLine(robot) != null && currentLine(robot).address() == next);
        assertEquals(String.format("0x%016x", next), integerRows(robot).getItems().get(0).value());
        assertTrue(robot.lookup(".table-row-cell").queryAll().stream().anyMatch(n -> n.getPseudoClassStates()
                .contains(PseudoClass.getPseudoClass("done"))), "SYSINIT #0 is shown as done");

        // The call stack has mi_startup under the SYSINIT, and the source view a C line.
        robot.clickOn("Call Stack");
        TableView<StackFrame> stack = robot.lookup("#callstack").queryTableView();
        waitFor(() -> stack.getItems().stream().anyMatch(f -> f.function().equals("mi_startup")));
        assertTrue(stack.getItems().get(0).sysinit().startsWith("SYSINIT #1"), stack.getItems().toString());
        robot.clickOn("Source");
        waitFor(() -> window.source().currentLocation().matches("src/.+\\.c:\\d+"));
    }

    @Test
    void aBreakpointToggledWithF9StopsContinueAndStepOverUsesF10(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        waitFor(() -> robot.lookup(".disassembly-line").queryAll().size() > 8);
        long entry = window.session().latest().pc();
        DisassemblyLine target = lines(robot).get(lineIndex(robot, entry) + 4);
        robot.clickOn(cellText(robot, target)).type(KeyCode.F9);
        waitFor(() -> breakpointShown(robot, target.address()));
        robot.type(KeyCode.F5);
        waitFor(() -> window.session().latest().message().startsWith("Breakpoint 1 at"));
        assertEquals(target.address(), window.session().latest().pc());

        // F10 steps (the menu bar does not take it), F9 again clears the breakpoint.
        long before = window.session().latest().position();
        robot.type(KeyCode.F10);
        waitFor(() -> window.session().latest().position() > before
                && window.session().latest().state() == RunState.PAUSED);
        robot.clickOn(cellText(robot, target)).type(KeyCode.F9);
        waitFor(() -> !breakpointShown(robot, target.address()));
    }

    @Test
    void theConsoleShowsInitsGreetingAndTheInspectorTheBlockQueue(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        robot.clickOn("#console").type(KeyCode.F5);
        waitFor(() -> window.session().latest().state() == RunState.FINISHED);
        waitFor(() -> window.console().text().contains("init: hello from /sbin/init"));

        robot.clickOn("Virtio");
        WaitForAsyncUtils.asyncFx(() -> window.virtio().selectQueue("virtio-blk", 0)).get(5, TimeUnit.SECONDS);
        waitFor(() -> !window.virtio().requestRows().isEmpty());
        List<VirtioView.Row> rows = window.virtio().requestRows();
        assertTrue(rows.stream().anyMatch(r -> r.cells().get(1).startsWith("used") && r.cells().get(2).contains("sector")),
                rows.toString());
        TableView<?> descriptors = robot.lookup("#virtio-descriptors").queryTableView();
        assertTrue(descriptors.getItems().size() > 0);

        // Selecting a request dumps its buffer.
        robot.clickOn("Requests");
        TableView<VirtioView.Row> requests = robot.lookup("#virtio-requests").queryTableView();
        WaitForAsyncUtils.asyncFx(() -> requests.getSelectionModel().select(0)).get(5, TimeUnit.SECONDS);
        waitFor(() -> robot.lookup("#virtio-dump").queryTextInputControl().getText().startsWith("0000"));
    }

    @Test
    void reverseStepRestoresTheRegistersView(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        robot.clickOn("#disassembly");
        for (int i = 0; i < 6; i++) {
            long before = window.session().latest().position();
            robot.type(KeyCode.F11);
            waitFor(() -> window.session().latest().position() == before + 1);
        }
        List<String> earlier = values(robot);
        robot.type(KeyCode.F11);
        waitFor(() -> window.session().latest().position() == 7);
        waitFor(() -> !values(robot).equals(earlier));
        assertNotEquals(earlier, values(robot));

        robot.press(KeyCode.ALT).type(KeyCode.F11).release(KeyCode.ALT);
        waitFor(() -> window.session().latest().position() == 6);
        waitFor(() -> values(robot).equals(earlier));
        assertTrue(window.session().latest().message().startsWith("Stepped back"), window.session().latest().message());
    }

    private static List<String> values(FxRobot robot) {
        return integerRows(robot).getItems().stream().map(RegisterRow::value).toList();
    }

    private static List<DisassemblyLine> lines(FxRobot robot) {
        return robot.lookup("#disassembly").queryListView().getItems().stream().map(o -> (DisassemblyLine) o).toList();
    }

    private static int lineIndex(FxRobot robot, long address) {
        List<DisassemblyLine> all = lines(robot);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).address() == address) {
                return i;
            }
        }
        throw new AssertionError(String.format("0x%x is not listed", address));
    }

    private static javafx.scene.Node cellText(FxRobot robot, DisassemblyLine line) {
        return robot.lookup(".disassembly-line").queryAll().stream()
                .map(n -> (ListCell<?>) n)
                .filter(c -> c.isVisible() && c.getItem() instanceof DisassemblyLine l && l.address() == line.address())
                .map(c -> c.lookup(".disassembly-text"))
                .findFirst().orElseThrow();
    }

    /** Whether the line at {@code address} is drawn with a breakpoint in its gutter. */
    private static boolean breakpointShown(FxRobot robot, long address) {
        return robot.lookup(".disassembly-line").queryAll().stream()
                .map(n -> (ListCell<?>) n)
                .filter(c -> c.getItem() instanceof DisassemblyLine l && l.address() == address)
                .anyMatch(c -> c.getPseudoClassStates().contains(PseudoClass.getPseudoClass("breakpoint")));
    }

    /** Longer than the common wait: these commands run whole stretches of the boot. */
    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
    }
}
