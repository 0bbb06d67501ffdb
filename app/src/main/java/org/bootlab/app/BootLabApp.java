package org.bootlab.app;

import java.util.prefs.Preferences;

import javafx.application.Application;
import javafx.stage.Stage;

/** The BootLab workbench: opens the main window. */
public final class BootLabApp extends Application {

    @Override
    public void start(Stage stage) {
        new MainWindow(stage, Preferences.userNodeForPackage(BootLabApp.class));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
