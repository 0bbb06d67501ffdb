package org.bootlab.app.sysinit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import org.bootlab.app.session.CallTracking.SysinitState;
import org.bootlab.app.session.SessionSnapshot;
import org.bootlab.symbols.SysinitEntry;

/**
 * Every SYSINIT in sorted order: index, SI_SUB name, order, function, state (done, running,
 * pending) and the virtual time it took; a filter box; double-click runs to one; the current one
 * highlighted and scrolled into view.
 */
public final class SysinitView extends BorderPane {

    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");

    /** One row; state and time change in place as the machine runs. */
    public static final class Row {
        final SysinitEntry entry;
        final SimpleObjectProperty<SysinitState> state = new SimpleObjectProperty<>(SysinitState.PENDING);
        final SimpleObjectProperty<Long> nanos = new SimpleObjectProperty<>(0L);
        final String search;

        Row(SysinitEntry entry) {
            this.entry = entry;
            this.search = (entry.index() + " " + entry.subsystemName() + " " + entry.name() + " "
                    + entry.functionName()).toLowerCase(Locale.ROOT);
        }

        public SysinitEntry entry() {
            return entry;
        }

        public SysinitState state() {
            return state.get();
        }
    }

    private final SysinitAdapter adapter;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> filtered = new FilteredList<>(rows);
    private final TableView<Row> table = new TableView<>(filtered);
    private final TextField filter = new TextField();
    private final Label summary = new Label();
    private List<SysinitEntry> shownEntries;
    private int current = -1;

    /** @param runTo called with a double-clicked row */
    public SysinitView(SysinitAdapter adapter, Consumer<Row> runTo) {
        this.adapter = adapter;
        setId("sysinit-view");
        getStyleClass().add("sysinit-view");
        filter.setId("sysinit-filter");
        filter.setPromptText("Filter: index, SI_SUB, name or function");
        filter.textProperty().addListener((o, old, now) -> {
            String q = now.strip().toLowerCase(Locale.ROOT);
            filtered.setPredicate(q.isEmpty() ? null : r -> r.search.contains(q));
        });
        HBox.setHgrow(filter, Priority.ALWAYS);
        summary.getStyleClass().add("view-note");
        HBox bar = new HBox(8, filter, summary);
        bar.getStyleClass().add("view-toolbar");
        bar.setPadding(new Insets(4));
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setTop(bar);

        table.setId("sysinit-table");
        table.getStyleClass().add("register-table");
        table.setFixedCellSize(24);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No SYSINIT table: the booted image has no set_sysinit_set"));
        table.getColumns().add(column("#", 44, r -> r.entry.index()));
        table.getColumns().add(column("Subsystem", 150, r -> r.entry.subsystemName()));
        table.getColumns().add(column("Order", 70, r -> String.format("0x%x", r.entry.order())));
        table.getColumns().add(column("Function", 230, r -> r.entry.name().equals(r.entry.functionName())
                ? r.entry.functionName() : r.entry.functionName() + " (" + r.entry.name() + ")"));
        TableColumn<Row, SysinitState> state = new TableColumn<>("State");
        state.setPrefWidth(70);
        state.setCellValueFactory(d -> d.getValue().state);
        state.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(SysinitState s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.name().toLowerCase(Locale.ROOT));
            }
        });
        TableColumn<Row, Long> time = new TableColumn<>("Virtual time");
        time.setPrefWidth(100);
        time.setCellValueFactory(d -> d.getValue().nanos);
        time.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long nanos, boolean empty) {
                super.updateItem(nanos, empty);
                Row r = getTableRow() == null ? null : getTableRow().getItem();
                setText(empty || nanos == null || r == null || r.state() == SysinitState.PENDING ? null
                        : String.format("%,.3f µs", nanos / 1000.0));
            }
        });
        table.getColumns().add(state);
        table.getColumns().add(time);
        table.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>() {
                @Override
                protected void updateItem(Row r, boolean empty) {
                    super.updateItem(r, empty);
                    pseudoClassStateChanged(CURRENT, !empty && r != null && r.entry.index() == current);
                    pseudoClassStateChanged(DONE, !empty && r != null && r.state() == SysinitState.DONE);
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    runTo.accept(row.getItem());
                }
            });
            return row;
        });
        setCenter(table);
    }

    public void show(SessionSnapshot snapshot) {
        Optional<SysinitModel> model = snapshot.model(adapter);
        if (model.isEmpty()) {
            rows.clear();
            shownEntries = null;
            summary.setText("");
            return;
        }
        SysinitModel m = model.get();
        if (m.entries() != shownEntries) {
            shownEntries = m.entries();
            List<Row> fresh = new ArrayList<>();
            for (SysinitEntry e : m.entries()) {
                fresh.add(new Row(e));
            }
            rows.setAll(fresh);
            current = -1;
        }
        int done = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.state.get() != m.states()[i]) {
                r.state.set(m.states()[i]);
            }
            if (r.nanos.get() != m.nanos()[i]) {
                r.nanos.set(m.nanos()[i]);
            }
            if (m.states()[i] == SysinitState.DONE) {
                done++;
            }
        }
        summary.setText(rows.isEmpty() ? "" : String.format("%d of %d done", done, rows.size()));
        boolean moved = m.current() != current;
        current = m.current();
        table.refresh();
        if (moved && current >= 0) {
            int at = filtered.indexOf(rows.get(current));
            if (at >= 0) {
                table.scrollTo(Math.max(0, at - 3));
                table.getSelectionModel().clearAndSelect(at);
            }
        }
    }

    /** The index of the row shown as current, or -1. */
    public int current() {
        return current;
    }

    private static <T> TableColumn<Row, T> column(String title, double width, Function<Row, T> value) {
        TableColumn<Row, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
