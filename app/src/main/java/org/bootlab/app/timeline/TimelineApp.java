package org.bootlab.app.timeline;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The timeline on its own, for trying it and for screenshots: {@code TimelineApp [FILE...]} opens
 * the traces given (one opens as a timeline, two or three as a comparison), or the samples menu
 * otherwise.
 */
public final class TimelineApp extends Application {

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        TimelineWorkspace workspace = TimelineWorkspace.withMenuBar(stage,
                java.util.prefs.Preferences.userNodeForPackage(TimelineApp.class));
        Scene scene = new Scene(workspace, 1500, 950);
        scene.getStylesheets().add(TimelinePane.STYLESHEET);
        stage.setTitle("BootLab timeline");
        stage.setScene(scene);
        stage.show();
        List<Path> files = new ArrayList<>();
        for (String a : getParameters().getRaw()) {
            files.add(Path.of(a));
        }
        if (files.size() == 1) {
            workspace.open(files.get(0));
        } else if (files.size() > 1) {
            workspace.compareFiles(files);
        }
    }

    public static void main(String[] args) {
        launch(args);
    }
}
