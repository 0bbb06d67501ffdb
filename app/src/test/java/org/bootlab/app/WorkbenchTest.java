package org.bootlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;

import javafx.stage.Stage;

import org.bootlab.app.disassembly.DisassemblyLine;
import org.bootlab.app.registers.RegisterRow;
import org.bootlab.app.session.RunState;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/** The workbench window, driven through its keys and mouse, headless with Monocle. */
class WorkbenchTest extends WorkbenchWindowTest {

    private static final long KERNEL_ENTRY = 0x8020_0000L;

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void startsWithTheEmbeddedKernelStoppedAtItsEntry(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        waitFor(() -> text(robot, "#status-state").equals("Paused"));
        assertEquals(String.format("0x%016x", KERNEL_ENTRY), integerRows(robot).getItems().get(0).value());
        assertEquals("S-mode", text(robot, "#status-privilege"));
    }

    @Test
    void stepInstructionUpdatesRegistersAndDisassemblyTogether(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        robot.clickOn("#disassembly").type(KeyCode.F11);
        waitFor(() -> text(robot, "#status-instructions").equals("1 instr"));
        waitFor(() -> !integerRows(robot).getItems().get(0).value().equals(String.format("0x%016x", KERNEL_ENTRY)));
        RegisterRow pcRow = integerRows(robot).getItems().get(0);
        assertTrue(pcRow.changed(), "pc is highlighted as changed by the step");
        long pc = Long.decode(pcRow.value().replace("0x", "#"));
        assertEquals(pc, window.session().latest().pc());
        // The disassembly's current line is the new pc.
        ListView<?> disassembly = robot.lookup("#disassembly").queryAs(ListView.class);
        waitFor(() -> currentLine(robot) != null && currentLine(robot).address() == pc);
        assertTrue(disassembly.getItems().size() > 10);
    }

    @Test
    void runShowsTheKernelsBootLinesInTheConsole(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        robot.clickOn("#console").type(KeyCode.F5);
        waitFor(() -> window.session().latest().state() == RunState.FINISHED);
        waitFor(() -> window.console().text().contains("Powering off"));
        String console = window.console().text();
        assertTrue(console.contains("BootLab guest kernel: a teaching kernel modelled on FreeBSD's boot."), console);
        assertTrue(console.contains("sysinit: sorted 1125 entries with mergesort"), console);
        waitFor(() -> text(robot, "#status-state").equals("Finished"));
    }

    @Test
    void aBreakpointSetInTheGutterStopsTheRun(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        waitFor(() -> robot.lookup(".breakpoint-gutter").queryAll().size() > 5);
        // The fifth instruction of the listing, a few instructions after the entry.
        // The gutter of a visible line a few instructions after the entry.
        long pc = window.session().latest().pc();
        ListView<?> list = robot.lookup("#disassembly").queryAs(ListView.class);
        int at = 0;
        while (((DisassemblyLine) list.getItems().get(at)).address() != pc) {
            at++;
        }
        long target = ((DisassemblyLine) list.getItems().get(at + 3)).address();
        Node gutter = robot.lookup(".disassembly-line").queryAll().stream()
                .map(n -> (ListCell<?>) n)
                .filter(c -> c.isVisible() && c.getItem() instanceof DisassemblyLine l && l.address() == target)
                .map(c -> c.lookup(".breakpoint-gutter"))
                .findFirst().orElseThrow();
        robot.clickOn(gutter);
        waitFor(() -> robot.lookup(".disassembly-line:breakpoint").tryQuery().isPresent());
        robot.type(KeyCode.F5);
        waitFor(() -> window.session().latest().message().startsWith("Breakpoint 1 at"));
        assertEquals(RunState.PAUSED, window.session().latest().state());
        assertEquals(target, window.session().latest().pc());
        assertTrue(window.session().latest().message().startsWith(String.format("Breakpoint 1 at 0x%x", target)),
                window.session().latest().message());
    }

    @Test
    void memoryViewReadsPhysicalMemoryAtAnAddress(FxRobot robot) throws Exception {
        waitFor(() -> window.session().latest().state() == RunState.PAUSED);
        robot.clickOn("Memory");
        robot.doubleClickOn("#memory-address").eraseText(20).write("0x80200000").type(KeyCode.ENTER);
        ListView<?> rows = robot.lookup("#memory-rows").queryAs(ListView.class);
        waitFor(() -> !rows.getItems().isEmpty() && rows.getItems().get(0).toString().startsWith("0000000080200000"));
    }
}
