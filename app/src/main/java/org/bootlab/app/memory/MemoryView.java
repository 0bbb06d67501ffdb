package org.bootlab.app.memory;

import java.util.ArrayList;
import java.util.List;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.SessionSnapshot;
import org.controlsfx.control.SegmentedButton;

/** Guest memory as hex and ASCII, at an address or symbol, virtual or physical. */
public final class MemoryView extends BorderPane {

    private final MemoryAdapter adapter;
    private final EmulatorSession session;
    private final TextField address = new TextField("0x80000000");
    private final ToggleButton virtual = new ToggleButton("Virtual");
    private final ToggleButton physical = new ToggleButton("Physical");
    private final ObservableList<String> rows = FXCollections.observableArrayList();
    private final Label error = new Label();
    private long shownAddress;

    public MemoryView(MemoryAdapter adapter, EmulatorSession session) {
        this.adapter = adapter;
        this.session = session;
        getStyleClass().add("memory-view");
        address.setId("memory-address");
        address.setPromptText("address or symbol");
        address.setPrefColumnCount(18);
        address.setOnAction(e -> go());
        virtual.setSelected(true);
        SegmentedButton space = new SegmentedButton(virtual, physical);
        space.getToggleGroup().selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one of the two is always chosen
            } else {
                go();
            }
        });
        Button goButton = new Button("Go");
        goButton.setOnAction(e -> go());
        Button previous = new Button("◀");
        previous.setOnAction(e -> page(-MemoryAdapter.LENGTH));
        Button next = new Button("▶");
        next.setOnAction(e -> page(MemoryAdapter.LENGTH));
        error.getStyleClass().add("view-problem");
        HBox bar = new HBox(6, address, goButton, space, previous, next, error);
        bar.getStyleClass().add("view-toolbar");
        bar.setPadding(new Insets(4));
        HBox.setHgrow(error, Priority.ALWAYS);
        setTop(bar);
        ListView<String> list = new ListView<>(rows);
        list.setId("memory-rows");
        list.getStyleClass().add("monospace");
        list.setPlaceholder(new Label("No machine"));
        list.setFixedCellSize(20);
        setCenter(list);
    }

    public void show(SessionSnapshot snapshot) {
        snapshot.model(adapter).ifPresentOrElse(block -> {
            error.setText(block.error());
            shownAddress = block.address();
            rows.setAll(format(block));
        }, rows::clear);
    }

    private void go() {
        adapter.request(address.getText(), physical.isSelected() ? AddressSpace.PHYSICAL : AddressSpace.VIRTUAL);
        session.refresh();
    }

    private void page(int delta) {
        address.setText(String.format("0x%x", shownAddress + delta));
        go();
    }

    static List<String> format(MemoryBlock block) {
        List<String> out = new ArrayList<>();
        int[] b = block.bytes();
        for (int row = 0; row < b.length; row += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + 16 && i < b.length; i++) {
                hex.append(b[i] < 0 ? "??" : String.format("%02x", b[i])).append(i == row + 7 ? "  " : " ");
                ascii.append(b[i] >= 0x20 && b[i] < 0x7f ? (char) b[i] : '.');
            }
            out.add(String.format("%016x  %s |%s|", block.address() + row, hex, ascii));
        }
        return out;
    }
}
