package org.bootlab.app;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The BootLab workbench window (a placeholder until the workbench issues). */
public final class BootLabApp extends Application {

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        BorderPane root = new BorderPane(new Label("BootLab"));
        stage.setTitle("BootLab");
        stage.setScene(new Scene(root, 1024, 700));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
