package org.bootlab.app.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Orientation;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.bootlab.app.timeline.ColorMode;
import org.bootlab.app.timeline.FlameChart;
import org.bootlab.app.timeline.FrameDetails;
import org.bootlab.app.timeline.FrameSelection;
import org.bootlab.app.timeline.Legend;
import org.bootlab.app.timeline.Palette;
import org.bootlab.app.timeline.TimeAxis;
import org.bootlab.app.timeline.TimeUnits;
import org.bootlab.app.timeline.TimelinePane;
import org.bootlab.app.timeline.TraceIndex;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceComparison;

/**
 * Two or three boots compared: their flame charts stacked on one time axis aligned at
 * mi_startup (zoom and pan locked), a summary (boot times, the sort step and its ratio), time
 * per subsystem as a bar chart, per-SYSINIT times sortable by difference, and the SYSINITs
 * that ran at a different position, which the charts mark with a red outline.
 */
public final class ComparisonPane extends BorderPane {

    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final List<Trace> traces;
    private final List<String> labels;
    private final BootComparison comparison;
    private final TimeAxis axis = new TimeAxis();
    private final List<FlameChart> charts = new ArrayList<>();
    private final List<TraceIndex> indexes = new ArrayList<>();
    private final FrameDetails details = new FrameDetails();
    private final Legend legend = new Legend();
    private final ReadOnlyObjectWrapper<FrameSelection> selection = new ReadOnlyObjectWrapper<>(this, "selection");

    /** Compares {@code traces} (two or three), named by {@code labels}. */
    public ComparisonPane(List<Trace> traces, List<String> labels) {
        if (traces.size() < 2 || traces.size() != labels.size()) {
            throw new IllegalArgumentException("a comparison needs two or more traces, each with a label");
        }
        this.traces = List.copyOf(traces);
        this.labels = List.copyOf(labels);
        this.comparison = new BootComparison(traces, labels);
        getStyleClass().add("comparison-pane");
        getStylesheets().add(TimelinePane.STYLESHEET);

        Set<String> movedNames = new HashSet<>();
        for (BootComparison.Moved m : comparison.moved()) {
            movedNames.add(m.name());
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        List<Long> offsets = new ArrayList<>();
        for (Trace t : traces) {
            TraceIndex index = new TraceIndex(t);
            indexes.add(index);
            long offset = index.miStartup() >= 0 ? index.miStartup() : index.start();
            offsets.add(offset);
            from = Math.min(from, index.start() - offset);
            to = Math.max(to, index.end() - offset);
        }
        axis.setBounds(from, to);
        axis.fitAll();
        SplitPane stack = new SplitPane();
        stack.setOrientation(Orientation.VERTICAL);
        for (int k = 0; k < traces.size(); k++) {
            TraceIndex index = indexes.get(k);
            FlameChart chart = new FlameChart(index, axis, offsets.get(k));
            chart.setId("comparison-chart-" + k);
            chart.renderer().setTitle(labels.get(k));
            chart.renderer().setCompact(true);
            chart.renderer().setMarkedSysinits(index.sysinitsNamed(movedNames));
            chart.selectionProperty().addListener((o, a, sel) -> {
                if (sel != null) {
                    for (FlameChart other : charts) {
                        if (other != chart) {
                            other.select(null, -1);
                        }
                    }
                    details.show(index, sel);
                    selection.set(sel);
                }
            });
            charts.add(chart);
            stack.getItems().add(chart);
        }

        double[] dividers = new double[traces.size() - 1];
        for (int k = 0; k < dividers.length; k++) {
            dividers[k] = (k + 1.0) / traces.size();
        }
        stack.setDividerPositions(dividers);
        TabPane tabs = new TabPane(
                new Tab("Details", details),
                new Tab("Subsystems", scrolling(subsystemChart())),
                new Tab("SYSINIT times", sysinitTable()),
                new Tab("Order", orderTable()));
        tabs.setId("comparison-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().select(1);
        SplitPane main = new SplitPane(stack, tabs);
        main.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(tabs, false);

        VBox top = new VBox(toolbar(), summary());
        setTop(top);
        setCenter(main);
        setBottom(legend);
        details.show(indexes.get(0), null);
        legend.show(ColorMode.SUBSYSTEM, indexes, Palette.LIGHT);
    }

    public List<Trace> traces() {
        return traces;
    }

    public List<String> labels() {
        return labels;
    }

    public BootComparison comparison() {
        return comparison;
    }

    public TimeAxis axis() {
        return axis;
    }

    /** The stacked charts, top to bottom, in the order of the traces. */
    public List<FlameChart> charts() {
        return charts;
    }

    /** The frame last selected in any of the charts. */
    public ReadOnlyObjectProperty<FrameSelection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public void setColorMode(ColorMode mode) {
        for (FlameChart c : charts) {
            c.renderer().setColorMode(mode);
            c.redraw();
        }
        legend.show(mode, indexes, Palette.LIGHT);
    }

    public void setDark(boolean dark) {
        for (FlameChart c : charts) {
            c.renderer().setPalette(dark ? Palette.DARK : Palette.LIGHT);
            c.redraw();
        }
    }

    private ToolBar toolbar() {
        TextField search = new TextField();
        search.setId("comparison-search");
        search.setPromptText("Search functions (Ctrl+F)");
        search.setPrefColumnCount(22);
        search.textProperty().addListener((o, a, b) -> {
            for (int k = 0; k < charts.size(); k++) {
                indexes.get(k).setQuery(b);
                charts.get(k).redraw();
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                search.requestFocus();
                e.consume();
            }
        });
        ComboBox<ColorMode> colors = new ComboBox<>();
        colors.getItems().setAll(ColorMode.values());
        colors.setValue(ColorMode.SUBSYSTEM);
        colors.valueProperty().addListener((o, a, b) -> setColorMode(b));
        Button fit = new Button("Fit");
        fit.setOnAction(e -> axis.fitAll());
        Button sort = new Button("Zoom to the sort");
        sort.setId("comparison-zoom-sort");
        sort.setOnAction(e -> zoomToSort());
        Label hint = new Label("Aligned at mi_startup (time 0); zoom and pan move all charts. "
                + "Red outlines: SYSINITs at another position.");
        hint.getStyleClass().add("timeline-hint");
        return new ToolBar(search, new Separator(Orientation.VERTICAL), colors, fit, sort,
                new Separator(Orientation.VERTICAL), hint);
    }

    /**
     * Fits the window to the start of the boots' SYSINIT sorts: from mi_startup to a little past
     * the end of the quickest sort, where the fast sorts' calls show and the slow one is a long bar.
     */
    public void zoomToSort() {
        long shortest = Long.MAX_VALUE;
        for (TraceComparison.Side s : comparison.sides()) {
            if (s.sort() != null && s.sort().nanos() > 0) {
                shortest = Math.min(shortest, s.sort().nanos());
            }
        }
        if (shortest != Long.MAX_VALUE) {
            axis.fit(0, shortest * 1.6);
        }
    }

    /** One row per boot: its time, its sort step and how that compares with the fastest. */
    private GridPane summary() {
        GridPane g = new GridPane();
        g.setId("comparison-summary");
        g.getStyleClass().add("comparison-summary");
        g.setHgap(18);
        g.setVgap(1);
        g.setStyle("-fx-padding: 4 10 4 10;");
        String[] heads = {"Trace", "Boot time", "Boot instructions", "Sort", "Sort instructions", "Sort time",
                "Sort vs fastest", "SYSINITs run"};
        for (int c = 0; c < heads.length; c++) {
            Label l = new Label(heads[c]);
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.getStyleClass().add("summary-head");
            g.add(l, c, 0);
        }
        List<TraceComparison.Side> sides = comparison.sides();
        for (int k = 0; k < sides.size(); k++) {
            TraceComparison.Side s = sides.get(k);
            TraceComparison.SortStep sort = s.sort();
            double ratio = comparison.sortRatio(k);
            String[] values = {
                labels.get(k),
                TimeUnits.format(s.bootNanos()),
                s.bootInstructions() < 0 ? "?" : String.format(Locale.ROOT, "%,d", s.bootInstructions()),
                sort == null ? "none found" : sort.algorithm(),
                sort == null || sort.instructions() < 0 ? "?" : String.format(Locale.ROOT, "%,d", sort.instructions()),
                sort == null ? "?" : TimeUnits.format(sort.nanos()),
                Double.isNaN(ratio) ? "?" : String.format(Locale.ROOT, "%.1f×", ratio),
                String.format(Locale.ROOT, "%,d", s.sysinits().size())};
            for (int c = 0; c < values.length; c++) {
                Label l = new Label(values[c]);
                l.setMinWidth(Region.USE_PREF_SIZE);
                l.setId("summary-" + k + "-" + c);
                g.add(l, c, k + 1);
            }
        }
        double headline = comparison.headlineRatio();
        Label ratio = new Label(Double.isNaN(headline) ? "No sort step found in these traces"
                : String.format(Locale.ROOT, "Slowest sort: %.1f× the instructions of the fastest", headline));
        ratio.setId("comparison-ratio");
        ratio.getStyleClass().add("summary-ratio");
        ratio.setWrapText(true);
        Label moved = new Label(comparison.moved().isEmpty() ? "SYSINIT order: the same in all"
                : String.format(Locale.ROOT, "SYSINIT order: %d entries ran at a different position than in %s",
                        comparison.moved().size(), labels.get(0)));
        moved.setId("comparison-order");
        moved.setWrapText(true);
        VBox side = new VBox(6, ratio, moved);
        side.setMaxWidth(420);
        side.setStyle("-fx-padding: 0 0 0 30;");
        g.add(side, heads.length, 0, 1, sides.size() + 1);
        return g;
    }

    /** Horizontal bars: the subsystem names read down the side. */
    private BarChart<Number, String> subsystemChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("µs in the subsystem's SYSINITs");
        CategoryAxis y = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setId("comparison-subsystems");
        chart.setAnimated(false);
        chart.setBarGap(1);
        chart.setCategoryGap(6);
        List<XYChart.Series<Number, String>> series = new ArrayList<>();
        for (int k = 0; k < traces.size(); k++) {
            XYChart.Series<Number, String> s = new XYChart.Series<>();
            s.setName(labels.get(k));
            series.add(s);
        }
        List<String> names = new ArrayList<>(comparison.subsystems().keySet());
        java.util.Collections.reverse(names); // the first subsystem at the top
        for (String name : names) {
            long[] nanos = comparison.subsystems().get(name);
            for (int k = 0; k < traces.size(); k++) {
                series.get(k).getData().add(new XYChart.Data<>(nanos[k] / 1e3, name.replaceFirst("^SI_SUB_", "")));
            }
        }
        chart.getData().addAll(series);
        chart.setMinHeight(Math.max(300, names.size() * traces.size() * 7.0 + 120));
        return chart;
    }

    private TableView<BootComparison.SysinitTimes> sysinitTable() {
        TableView<BootComparison.SysinitTimes> table = new TableView<>();
        table.setId("comparison-sysinits");
        TableColumn<BootComparison.SysinitTimes, String> name = new TableColumn<>("SYSINIT");
        name.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().name()));
        name.setPrefWidth(170);
        TableColumn<BootComparison.SysinitTimes, String> sub = new TableColumn<>("Subsystem");
        sub.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().subsystem().replaceFirst("^SI_SUB_", "")));
        table.getColumns().add(name);
        table.getColumns().add(sub);
        for (int k = 0; k < traces.size(); k++) {
            int kk = k;
            TableColumn<BootComparison.SysinitTimes, Long> t = new TableColumn<>(shortLabel(labels.get(k)) + " (ns)");
            t.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().nanos()[kk]));
            table.getColumns().add(t);
        }
        TableColumn<BootComparison.SysinitTimes, Long> spread = new TableColumn<>("Difference (ns)");
        spread.setId("comparison-spread");
        spread.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().spread()));
        spread.setSortType(TableColumn.SortType.DESCENDING);
        table.getColumns().add(spread);
        table.getItems().setAll(comparison.sysinits());
        table.getSortOrder().add(spread);
        table.sort();
        return table;
    }

    private TableView<BootComparison.Moved> orderTable() {
        TableView<BootComparison.Moved> table = new TableView<>();
        table.setId("comparison-moved");
        table.setPlaceholder(new Label("Every SYSINIT ran at the same position in all the boots."));
        TableColumn<BootComparison.Moved, String> name = new TableColumn<>("SYSINIT");
        name.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().name()));
        name.setPrefWidth(170);
        TableColumn<BootComparison.Moved, String> sub = new TableColumn<>("Subsystem");
        sub.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().subsystem().replaceFirst("^SI_SUB_", "")));
        table.getColumns().add(name);
        table.getColumns().add(sub);
        for (int k = 0; k < traces.size(); k++) {
            int kk = k;
            TableColumn<BootComparison.Moved, Integer> p = new TableColumn<>("# in " + shortLabel(labels.get(k)));
            p.setCellValueFactory(c -> new SimpleObjectProperty<>(c.getValue().positions()[kk]));
            table.getColumns().add(p);
        }
        table.getItems().setAll(comparison.moved());
        return table;
    }

    private static javafx.scene.control.ScrollPane scrolling(javafx.scene.Node content) {
        javafx.scene.control.ScrollPane pane = new javafx.scene.control.ScrollPane(content);
        pane.setFitToWidth(true);
        return pane;
    }

    private static String shortLabel(String label) {
        String s = label.replaceFirst("\\.bltrace$", "").replaceFirst("^sysinit-", "");
        return s.length() > 14 ? s.substring(0, 13) + "…" : s;
    }
}
