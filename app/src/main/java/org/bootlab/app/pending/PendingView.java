package org.bootlab.app.pending;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The place of a view whose emulator API is not merged yet: it says what it will show and which
 * API it waits for, instead of pretending.
 */
public final class PendingView extends VBox {

    public PendingView(String id, String what, String waitsFor) {
        setId(id);
        getStyleClass().add("pending-view");
        setAlignment(Pos.CENTER);
        setSpacing(6);
        Label title = new Label(what);
        title.getStyleClass().add("pending-title");
        Label note = new Label("Not available yet: waits for " + waitsFor + ".");
        note.setWrapText(true);
        note.getStyleClass().add("pending-note");
        getChildren().addAll(title, note);
    }
}
