package org.bootlab.app.registers;

import java.util.List;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

import org.bootlab.app.session.SessionSnapshot;

/**
 * The registers: pc and x0-x31 with ABI names, f0-f31, and the CSRs decoded into fields; values
 * changed since the previous stop are highlighted.
 */
public final class RegistersView extends BorderPane {

    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final RegistersAdapter adapter;
    private final RegisterRows rows = new RegisterRows();
    private final ObservableList<RegisterRow> integer = FXCollections.observableArrayList();
    private final ObservableList<RegisterRow> floating = FXCollections.observableArrayList();
    private final ObservableList<RegisterRow> csrs = FXCollections.observableArrayList();
    private final Label empty = new Label("No machine");

    public RegistersView(RegistersAdapter adapter) {
        this.adapter = adapter;
        getStyleClass().add("registers-view");
        TabPane tabs = new TabPane(
                tab("Integer", table("registers-integer", integer, "ABI")),
                tab("Float", table("registers-float", floating, "ABI")),
                tab("CSR", table("registers-csr", csrs, "Number")));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    public void show(SessionSnapshot snapshot) {
        snapshot.model(adapter).ifPresentOrElse(file -> {
            rows.update(file, snapshot.isStill());
            integer.setAll(rows.integer());
            floating.setAll(rows.floating());
            csrs.setAll(rows.csrs());
        }, () -> {
            integer.clear();
            floating.clear();
            csrs.clear();
        });
    }

    private static Tab tab(String name, TableView<RegisterRow> table) {
        return new Tab(name, table);
    }

    private TableView<RegisterRow> table(String id, ObservableList<RegisterRow> items, String aliasHeader) {
        TableView<RegisterRow> table = new TableView<>(items);
        table.setId(id);
        table.getStyleClass().add("register-table");
        table.setPlaceholder(empty);
        table.setFixedCellSize(24);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("Name", RegisterRow::name, 60),
                column(aliasHeader, RegisterRow::alias, 60),
                column("Value", RegisterRow::value, 160),
                column("Decoded", RegisterRow::detail, 200)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RegisterRow row, boolean isEmpty) {
                super.updateItem(row, isEmpty);
                pseudoClassStateChanged(CHANGED, !isEmpty && row != null && row.changed());
            }
        });
        return table;
    }

    private static TableColumn<RegisterRow, String> column(String name, Function<RegisterRow, String> value, double width) {
        TableColumn<RegisterRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
