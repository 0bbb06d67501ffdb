package org.bootlab.app.disassembly;

import java.util.Set;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import org.bootlab.app.session.SessionSnapshot;

/**
 * The instructions around pc: a breakpoint gutter (click to toggle), the current instruction
 * highlighted, the listing following pc as it moves.
 */
public final class DisassemblyView extends BorderPane {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass BREAKPOINT = PseudoClass.getPseudoClass("breakpoint");

    private final DisassemblyAdapter adapter;
    private final BreakpointsAdapter breakpoints;
    private final ObservableList<DisassemblyLine> lines = FXCollections.observableArrayList();
    private final ListView<DisassemblyLine> list = new ListView<>(lines);
    private Set<Long> breakpointPcs = Set.of();
    private long pc = -1;
    private long focus = -1;

    public DisassemblyView(DisassemblyAdapter adapter, BreakpointsAdapter breakpoints) {
        this.adapter = adapter;
        this.breakpoints = breakpoints;
        getStyleClass().add("disassembly-view");
        list.setId("disassembly");
        list.setCellFactory(l -> new LineCell());
        list.setPlaceholder(new Label("No machine"));
        list.setFixedCellSize(22);
        setCenter(list);
    }

    public void show(SessionSnapshot snapshot) {
        breakpointPcs = snapshot.model(breakpoints).orElse(Set.of());
        snapshot.model(adapter).ifPresentOrElse(window -> {
            boolean moved = window.pc() != pc || window.focus() != focus;
            pc = window.pc();
            focus = window.focus();
            if (!lines.equals(window.lines())) {
                lines.setAll(window.lines());
            } else {
                list.refresh();
            }
            if (moved) {
                int at = indexOf(focus);
                if (at >= 0) {
                    list.scrollTo(Math.max(0, at - 3));
                }
            }
        }, lines::clear);
    }

    /** Shows the code at {@code address} (a call stack frame's function) until pc moves. */
    public void showAddress(long address) {
        adapter.show(address, pc);
    }

    /** Toggles a breakpoint on the selected line, or on the current instruction. */
    public void toggleBreakpointAtSelection() {
        DisassemblyLine selected = list.getSelectionModel().getSelectedItem();
        long at = selected != null ? selected.address() : pc;
        if (at >= 0) {
            breakpoints.toggle(at);
        }
    }

    private int indexOf(long address) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).address() == address) {
                return i;
            }
        }
        return -1;
    }

    private final class LineCell extends ListCell<DisassemblyLine> {

        private final Region dot = new Region();
        private final Label address = new Label();
        private final Label bytes = new Label();
        private final Label text = new Label();
        private final Label label = new Label();
        private final HBox row;

        LineCell() {
            getStyleClass().add("disassembly-line");
            dot.getStyleClass().add("breakpoint-dot");
            Region gutter = new HBox(dot);
            gutter.getStyleClass().add("breakpoint-gutter");
            gutter.setOnMouseClicked(e -> {
                if (getItem() != null) {
                    breakpoints.toggle(getItem().address());
                    e.consume();
                }
            });
            address.getStyleClass().add("disassembly-address");
            bytes.getStyleClass().add("disassembly-bytes");
            text.getStyleClass().add("disassembly-text");
            label.getStyleClass().add("disassembly-label");
            row = new HBox(8, gutter, address, bytes, label, text);
            row.getStyleClass().add("disassembly-row");
        }

        @Override
        protected void updateItem(DisassemblyLine line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            if (empty || line == null) {
                setGraphic(null);
                pseudoClassStateChanged(CURRENT, false);
                pseudoClassStateChanged(BREAKPOINT, false);
                return;
            }
            address.setText(String.format("%016x", line.address()));
            bytes.setText(line.bytes());
            text.setText(line.text());
            pseudoClassStateChanged(CURRENT, line.address() == pc);
            pseudoClassStateChanged(BREAKPOINT, breakpointPcs.contains(line.address()));
            // A function's first instruction carries its name, so every line has the same height.
            label.setText(line.label().isEmpty() ? "" : "<" + line.label() + ">:");
            label.setManaged(!line.label().isEmpty());
            setGraphic(row);
        }
    }
}
