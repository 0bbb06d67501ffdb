package org.bootlab.app;

import java.util.List;

import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import org.controlsfx.control.action.Action;

/** The Help menu's dialogs: the keyboard shortcuts and About. */
final class HelpDialogs {

    private HelpDialogs() {
    }

    static Alert shortcuts(Window owner, DebugActions actions) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(4);
        int row = 0;
        List<Action> all = new java.util.ArrayList<>(List.of(actions.boot));
        actions.runMenu().stream().filter(a -> a != null).forEach(all::add);
        for (Action a : all) {
            Label keys = new Label(a.getAccelerator().getDisplayText());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(row++, keys, new Label(a.getText()), new Label(a.getLongText()));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("Keyboard Shortcuts");
        alert.setHeaderText("BootLab follows " + DebugActions.SCHEME + "'s debugger keys.");
        alert.getDialogPane().setContent(grid);
        return alert;
    }

    static Alert about(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("About BootLab");
        alert.setHeaderText("BootLab");
        alert.setContentText("A workbench for watching an operating system boot on a RISC-V microVM.");
        return alert;
    }
}
