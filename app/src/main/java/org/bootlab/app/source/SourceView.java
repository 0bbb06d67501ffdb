package org.bootlab.app.source;

import java.util.List;
import java.util.Optional;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;

import org.bootlab.app.session.SessionSnapshot;

/**
 * The C or assembly line of pc (or of a call stack frame that was clicked), from the DWARF line
 * table and the kernel's sources, highlighted and kept in view as pc moves.
 */
public final class SourceView extends BorderPane {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final SourceAdapter adapter;
    private final SourceFiles files = new SourceFiles();
    private final Label header = new Label("No machine");
    private final ObservableList<Integer> numbers = FXCollections.observableArrayList();
    private final ListView<Integer> list = new ListView<>(numbers);
    private List<String> text = List.of();
    private String shownFile;
    private int currentLine;

    public SourceView(SourceAdapter adapter) {
        this.adapter = adapter;
        getStyleClass().add("source-view");
        setId("source-view");
        header.setId("source-location");
        header.getStyleClass().add("view-header");
        header.setPadding(new Insets(4, 6, 4, 6));
        list.setId("source-lines");
        list.setFixedCellSize(20);
        list.setCellFactory(l -> new LineCell());
        list.setPlaceholder(new Label("No source line for this address"));
        setTop(header);
        setCenter(list);
    }

    public void show(SessionSnapshot snapshot) {
        Optional<SourceLocation> model = snapshot.model(adapter);
        if (model.isEmpty()) {
            header.setText("No machine");
            numbers.clear();
            shownFile = null;
            return;
        }
        SourceLocation at = model.get();
        String where = String.format("0x%x", at.address()) + (at.atPc() ? " (pc)" : "");
        if (at.file() == null) {
            header.setText(where + ": no source line (no DWARF line for this address)");
            numbers.clear();
            shownFile = null;
            return;
        }
        Optional<List<String>> source = files.lines(at.file(), at.kernel());
        header.setText(at.file() + ":" + at.line() + "  —  " + where
                + (source.isEmpty() ? "  (the source file is not available)" : ""));
        String key = at.kernel() + "\0" + at.file();
        if (!key.equals(shownFile)) {
            shownFile = key;
            text = source.orElse(List.of());
            numbers.setAll(java.util.stream.IntStream.rangeClosed(1, text.size()).boxed().toList());
        }
        boolean moved = at.line() != currentLine;
        currentLine = at.line();
        list.refresh();
        if (moved && currentLine > 0 && currentLine <= numbers.size()) {
            list.scrollTo(Math.max(0, currentLine - 6));
        }
    }

    /** The line shown as current, for tests: "file:line", or "" when none. */
    public String currentLocation() {
        return shownFile == null ? "" : shownFile.substring(shownFile.indexOf('\0') + 1) + ":" + currentLine;
    }

    private final class LineCell extends ListCell<Integer> {

        LineCell() {
            getStyleClass().add("source-line");
        }

        @Override
        protected void updateItem(Integer number, boolean empty) {
            super.updateItem(number, empty);
            if (empty || number == null || number > text.size()) {
                setText(null);
                pseudoClassStateChanged(CURRENT, false);
                return;
            }
            setText(String.format("%5d  %s", number, text.get(number - 1).replace("\t", "    ")));
            pseudoClassStateChanged(CURRENT, number == currentLine);
        }
    }
}
