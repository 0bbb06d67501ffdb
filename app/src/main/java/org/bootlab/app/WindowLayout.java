package org.bootlab.app;

import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import javafx.scene.control.SplitPane;
import javafx.stage.Stage;

/** Remembers the window's size, its split panes' dividers and the theme between runs. */
final class WindowLayout {

    private final Preferences prefs;

    WindowLayout(Preferences prefs) {
        this.prefs = prefs;
    }

    boolean dark() {
        return prefs.getBoolean("theme.dark", false);
    }

    void setDark(boolean dark) {
        prefs.putBoolean("theme.dark", dark);
    }

    void restore(Stage stage, Map<String, SplitPane> splits) {
        stage.setWidth(prefs.getDouble("window.width", 1480));
        stage.setHeight(prefs.getDouble("window.height", 920));
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
        splits.forEach((name, split) -> {
            double[] positions = split.getDividerPositions();
            for (int i = 0; i < positions.length; i++) {
                positions[i] = prefs.getDouble("split." + name + "." + i, positions[i]);
            }
            split.setDividerPositions(positions);
        });
    }

    void save(Stage stage, Map<String, SplitPane> splits) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("window.width", stage.getWidth());
            prefs.putDouble("window.height", stage.getHeight());
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
        }
        splits.forEach((name, split) -> {
            double[] positions = split.getDividerPositions();
            for (int i = 0; i < positions.length; i++) {
                prefs.putDouble("split." + name + "." + i, positions[i]);
            }
        });
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // The layout is a convenience: a read-only home folder only means it is not remembered.
        }
    }
}
