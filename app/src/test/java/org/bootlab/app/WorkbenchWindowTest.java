package org.bootlab.app;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.Preferences;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import org.bootlab.app.disassembly.DisassemblyLine;
import org.bootlab.app.registers.RegisterRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What every test of the real workbench window shares: a fresh window per test with
 * preferences of its own (cleared), closed afterwards, and lookups of what the views show.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WorkbenchWindowTest {

    protected MainWindow window;
    protected Stage stage;

    /**
     * Opens the window; each test class calls it from its own {@code @Start} method, because
     * TestFX looks for that annotation on the test class itself, not on its superclasses.
     */
    void open(Stage stage) throws Exception {
        this.stage = stage;
        Preferences prefs = Preferences.userRoot().node("bootlab-test-" + getClass().getSimpleName());
        prefs.clear();
        window = new MainWindow(stage, prefs);
        stage.show();
    }

    @AfterEach
    void closeWindow() throws Exception {
        WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
    }

    /** The line of the disassembly cell drawn as the current instruction, or null. */
    static DisassemblyLine currentLine(FxRobot robot) {
        return robot.lookup(".disassembly-line").queryAll().stream()
                .map(n -> (ListCell<?>) n)
                .filter(c -> c.getItem() != null && c.getPseudoClassStates().contains(PseudoClass.getPseudoClass("current")))
                .map(c -> (DisassemblyLine) c.getItem())
                .findFirst().orElse(null);
    }

    static TableView<RegisterRow> integerRows(FxRobot robot) {
        return robot.lookup("#registers-integer").queryTableView();
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }
}
