package org.bootlab.app.callstack;

import java.util.List;
import java.util.function.LongConsumer;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.bootlab.app.session.SessionSnapshot;

/** The tracked call stack, innermost first; clicking a frame shows its code. */
public final class CallStackView extends BorderPane {

    private final CallStackAdapter adapter;
    private final ObservableList<StackFrame> frames = FXCollections.observableArrayList();
    private final TableView<StackFrame> table = new TableView<>(frames);

    /** @param showCode called with a clicked frame's code address */
    public CallStackView(CallStackAdapter adapter, LongConsumer showCode) {
        this.adapter = adapter;
        setId("callstack-view");
        getStyleClass().add("callstack-view");
        table.setId("callstack");
        table.getStyleClass().add("register-table");
        table.setFixedCellSize(24);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No machine"));
        table.getColumns().add(column("#", 36, f -> Integer.toString(f.level())));
        table.getColumns().add(column("Function", 260, StackFrame::function));
        table.getColumns().add(column("Entered", 110, f -> String.format("%,.3f µs ago", f.nanos() / 1000.0)));
        table.getColumns().add(column("SYSINIT", 170, StackFrame::sysinit));
        table.setOnMouseClicked(e -> {
            StackFrame f = table.getSelectionModel().getSelectedItem();
            if (f != null && f.address() >= 0) {
                showCode.accept(f.address());
            }
        });
        setCenter(table);
    }

    public void show(SessionSnapshot snapshot) {
        List<StackFrame> model = snapshot.model(adapter).orElse(List.of());
        if (!model.equals(frames)) {
            frames.setAll(model);
        }
    }

    private static TableColumn<StackFrame, String> column(String title, double width,
                                                         java.util.function.Function<StackFrame, String> value) {
        TableColumn<StackFrame, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
