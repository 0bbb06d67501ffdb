package org.bootlab.app.timeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.bootlab.app.compare.ComparisonPane;
import org.bootlab.app.compare.SortBoots;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceFiles;
import org.bootlab.trace.TraceFormatException;

/**
 * Timelines and comparisons in tabs, with their File and Compare menus: open and import traces
 * (any format {@link TraceFiles} reads, by menu, recent list, samples, or dropping files on
 * it), save and export them, export the chart as PNG or SVG, compare open traces, and boot the
 * kernel with each SYSINIT sort to compare them. A file that cannot be read shows the
 * importer's message in a bar at the top; the workspace stays usable.
 */
public final class TimelineWorkspace extends BorderPane {

    private final Window owner;
    private final RecentFiles recent;
    private final TabPane tabs = new TabPane();
    private final Label error = new Label();
    private final HBox errorBar;
    private final ProgressBar progress = new ProgressBar();
    private final Label progressText = new Label();
    private final HBox progressBar;
    private final Menu recentMenu = new Menu("Open Recent");
    private final List<Menu> menus;
    private Consumer<FrameSelection> onFrameSelected = s -> { };

    private boolean dark;

    public TimelineWorkspace(Window owner) {
        this(owner, Preferences.userNodeForPackage(TimelineWorkspace.class));
    }

    /** @param prefs where to remember the recent files */
    public TimelineWorkspace(Window owner, Preferences prefs) {
        this.owner = owner;
        this.recent = new RecentFiles(prefs);
        getStyleClass().add("timeline-workspace");
        getStylesheets().add(TimelinePane.STYLESHEET);
        error.setId("timeline-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(error, Priority.ALWAYS);
        Button dismiss = new Button("✕");
        dismiss.setOnAction(e -> hideError());
        errorBar = new HBox(8, error, dismiss);
        errorBar.getStyleClass().add("timeline-error");
        hideError();
        progress.setId("timeline-progress");
        progress.setPrefWidth(240);
        progressBar = new HBox(10, progressText, progress);
        progressBar.setStyle("-fx-padding: 4 10 4 10;");
        progressBar.setVisible(false);
        progressBar.setManaged(false);
        tabs.setId("timeline-tabs");
        Label empty = new Label("Open a trace (File › Open, or drop a file here), pick one from File › Samples, "
                + "or run Compare › Compare Sort Algorithms.");
        empty.getStyleClass().add("timeline-hint");
        BorderPane center = new BorderPane(tabs);
        center.setTop(errorBar);
        menus = List.of(fileMenu(), compareMenu());
        setCenter(center);
        setBottom(progressBar);
        tabs.getTabs().addListener((javafx.collections.ListChangeListener<Tab>) c ->
                center.setCenter(tabs.getTabs().isEmpty() ? empty : tabs));
        center.setCenter(empty);
        installDragAndDrop(this);
    }

    /** A workspace with its own menu bar on top, for the standalone launcher. */
    public static TimelineWorkspace withMenuBar(Window owner, Preferences prefs) {
        TimelineWorkspace w = new TimelineWorkspace(owner, prefs);
        MenuBar bar = new MenuBar();
        bar.getMenus().addAll(w.menus());
        w.setTop(bar);
        return w;
    }

    /** The File and Compare menus, for the main window's menu bar. */
    public List<Menu> menus() {
        return menus;
    }

    /** Called with the frame the user selects in any timeline or comparison (null when cleared). */
    public void setOnFrameSelected(Consumer<FrameSelection> listener) {
        onFrameSelected = listener == null ? s -> { } : listener;
    }

    /** The tab pane of open timelines and comparisons. */
    public TabPane tabs() {
        return tabs;
    }

    /** The timeline of the selected tab, or null. */
    public TimelinePane currentTimeline() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t != null && t.getContent() instanceof TimelinePane p ? p : null;
    }

    /** The comparison of the selected tab, or null. */
    public ComparisonPane currentComparison() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t != null && t.getContent() instanceof ComparisonPane p ? p : null;
    }

    /** The message shown for the last failure, or "" when none shows. */
    public String errorMessage() {
        return errorBar.isVisible() ? error.getText() : "";
    }

    // ------------------------------------------------------------------ opening

    /** Reads {@code file} in the background and opens it as a timeline; failures show in the error bar. */
    public Task<Trace> open(Path file) {
        Task<Trace> read = new Task<>() {
            @Override
            protected Trace call() throws Exception {
                return TraceFiles.read(file);
            }
        };
        read.setOnSucceeded(e -> {
            recent.add(file);
            rebuildRecent();
            openTrace(read.getValue(), file.getFileName().toString());
        });
        read.setOnFailed(e -> showError(file, read.getException()));
        start(read);
        return read;
    }

    /** Opens a trace already in memory (a recorded or live one) as a timeline tab and returns it. */
    public TimelinePane openTrace(Trace trace, String title) {
        hideError();
        TimelinePane pane = new TimelinePane(trace, title);
        pane.selectionProperty().addListener((o, a, b) -> onFrameSelected.accept(b));
        addTab(title, pane);
        return pane;
    }

    /** Opens a comparison of traces in memory and returns it. */
    public ComparisonPane compare(List<Trace> traces, List<String> labels) {
        hideError();
        ComparisonPane pane = new ComparisonPane(traces, labels);
        pane.selectionProperty().addListener((o, a, b) -> onFrameSelected.accept(b));
        addTab("Compare " + String.join(" · ", labels.stream().map(TimelineWorkspace::shortName).toList()), pane);
        return pane;
    }

    /** Reads two or three files in the background and compares them. */
    public Task<List<Trace>> compareFiles(List<Path> files) {
        Task<List<Trace>> read = new Task<>() {
            @Override
            protected List<Trace> call() throws Exception {
                List<Trace> traces = new ArrayList<>();
                for (Path f : files) {
                    try {
                        traces.add(TraceFiles.read(f));
                    } catch (IOException | TraceFormatException e) {
                        throw new IOException(describe(f, e), e);
                    }
                }
                return traces;
            }
        };
        read.setOnSucceeded(e -> compare(read.getValue(),
                files.stream().map(f -> f.getFileName().toString()).toList()));
        read.setOnFailed(e -> showError(read.getException().getMessage()));
        start(read);
        return read;
    }

    /** Opens a bundled sample, or all of them compared when {@code name} is null. */
    public Task<List<Trace>> openSamples(List<String> names) {
        Task<List<Trace>> read = new Task<>() {
            @Override
            protected List<Trace> call() throws Exception {
                List<Trace> traces = new ArrayList<>();
                for (String n : names) {
                    traces.add(Samples.read(n));
                }
                return traces;
            }
        };
        read.setOnSucceeded(e -> {
            if (names.size() == 1) {
                openTrace(read.getValue().get(0), names.get(0));
            } else {
                compare(read.getValue(), names);
            }
        });
        read.setOnFailed(e -> showError(read.getException().getMessage()));
        start(read);
        return read;
    }

    /**
     * Boots the default kernel with bubble, merge and qsort in the background, with a progress
     * bar, then opens the three compared.
     */
    public SortBoots compareSortAlgorithms() {
        SortBoots boots = new SortBoots();
        progressText.textProperty().bind(boots.messageProperty());
        progress.progressProperty().bind(boots.progressProperty());
        progressBar.setVisible(true);
        progressBar.setManaged(true);
        Runnable done = () -> {
            progressText.textProperty().unbind();
            progress.progressProperty().unbind();
            progressBar.setVisible(false);
            progressBar.setManaged(false);
        };
        boots.setOnSucceeded(e -> {
            done.run();
            compare(boots.getValue(), SortBoots.SORTS.stream().map(s -> "sysinit.sort=" + s).toList());
        });
        boots.setOnFailed(e -> {
            done.run();
            showError("Compare sort algorithms: " + boots.getException().getMessage());
        });
        start(boots);
        return boots;
    }

    /** Closes the tab that shows {@code content}, if one does. */
    public void close(Node content) {
        if (tabs.getTabs().removeIf(t -> t.getContent() == content)) {
            dispose(content);
        }
    }

    private static void dispose(Node content) {
        if (content instanceof TimelinePane p) {
            p.chart().dispose();
            p.stopLiveUpdates();
        } else if (content instanceof ComparisonPane c) {
            c.charts().forEach(FlameChart::dispose);
        }
    }

    /** Follows the window's theme: the open charts now, and those opened later. */
    public void setDark(boolean dark) {
        this.dark = dark;
        for (Tab t : tabs.getTabs()) {
            applyTheme(t.getContent());
        }
    }

    private void applyTheme(Node content) {
        if (content instanceof TimelinePane p) {
            p.setDark(dark);
        } else if (content instanceof ComparisonPane c) {
            c.setDark(dark);
        }
    }

    private void addTab(String title, Node content) {
        applyTheme(content);
        Tab tab = new Tab(shortName(title), content);
        tab.setOnClosed(e -> dispose(content));
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    private static String shortName(String title) {
        return title.replaceFirst("\\.bltrace$", "");
    }

    private static void start(Task<?> task) {
        Thread t = new Thread(task, "bootlab-timeline-io");
        t.setDaemon(true);
        t.start();
    }

    // ------------------------------------------------------------------ errors

    /** Shows a message in the error bar. */
    public void showError(String message) {
        error.setText(message);
        errorBar.setVisible(true);
        errorBar.setManaged(true);
    }

    private void showError(Path file, Throwable e) {
        showError(describe(file, e));
    }

    private static String describe(Path file, Throwable e) {
        if (e instanceof TraceFormatException) {
            return "Cannot open " + file.getFileName() + ": " + e.getMessage();
        }
        return "Cannot read " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private void hideError() {
        errorBar.setVisible(false);
        errorBar.setManaged(false);
    }

    // ------------------------------------------------------------------ menus

    private Menu fileMenu() {
        MenuItem open = new MenuItem("Open Trace…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> chooseAndOpen("Open a trace", false));
        MenuItem importItem = new MenuItem("Import (Chrome JSON, tslog, folded stacks, initcall_debug)…");
        importItem.setOnAction(e -> chooseAndOpen("Import a trace", true));
        Menu samples = new Menu("Samples");
        for (String n : Samples.names()) {
            MenuItem s = new MenuItem(shortName(n));
            s.setOnAction(e -> openSamples(List.of(n)));
            samples.getItems().add(s);
        }
        if (Samples.names().size() > 1) {
            MenuItem all = new MenuItem("All Compared");
            all.setOnAction(e -> openSamples(Samples.names()));
            samples.getItems().addAll(new SeparatorMenuItem(), all);
        }
        rebuildRecent();
        MenuItem save = new MenuItem("Save Trace As…");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> export(TraceFiles.OutputFormat.NATIVE, "BootLab trace", "*.bltrace"));
        MenuItem chrome = new MenuItem("Chrome Trace JSON…");
        chrome.setOnAction(e -> export(TraceFiles.OutputFormat.CHROME, "Chrome trace", "*.json"));
        MenuItem folded = new MenuItem("Folded Stacks…");
        folded.setOnAction(e -> export(TraceFiles.OutputFormat.FOLDED, "Folded stacks", "*.folded"));
        MenuItem tslog = new MenuItem("FreeBSD tslog…");
        tslog.setOnAction(e -> export(TraceFiles.OutputFormat.TSLOG, "tslog", "*.tslog"));
        MenuItem png = new MenuItem("Chart as PNG…");
        png.setOnAction(e -> exportChart(false));
        MenuItem svg = new MenuItem("Chart as SVG…");
        svg.setOnAction(e -> exportChart(true));
        Menu export = new Menu("Export", null, chrome, folded, tslog, new SeparatorMenuItem(), png, svg);
        MenuItem close = new MenuItem("Close Tab");
        close.setAccelerator(KeyCombination.keyCombination("Shortcut+W"));
        close.setOnAction(e -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (t != null) {
                tabs.getTabs().remove(t);
                if (t.getOnClosed() != null) {
                    t.getOnClosed().handle(null);
                }
            }
        });
        return new Menu("File", null, open, importItem, recentMenu, samples, new SeparatorMenuItem(), save, export,
                new SeparatorMenuItem(), close);
    }

    private Menu compareMenu() {
        MenuItem sorts = new MenuItem("Compare Sort Algorithms");
        sorts.setOnAction(e -> compareSortAlgorithms());
        MenuItem open = new MenuItem("Compare Open Traces");
        open.setOnAction(e -> {
            List<Trace> traces = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (Tab t : tabs.getTabs()) {
                if (t.getContent() instanceof TimelinePane p && traces.size() < 3) {
                    traces.add(p.trace());
                    labels.add(p.title() == null ? t.getText() : p.title());
                }
            }
            if (traces.size() < 2) {
                showError("Compare Open Traces needs two or three traces open in timeline tabs.");
            } else {
                compare(traces, labels);
            }
        });
        MenuItem files = new MenuItem("Compare Files…");
        files.setOnAction(e -> {
            FileChooser chooser = chooser("Choose two or three traces");
            List<java.io.File> chosen = chooser.showOpenMultipleDialog(owner);
            if (chosen != null && chosen.size() >= 2) {
                compareFiles(chosen.stream().limit(3).map(java.io.File::toPath).toList());
            } else if (chosen != null) {
                showError("Choose two or three traces to compare.");
            }
        });
        return new Menu("Compare", null, sorts, open, files);
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (Path p : recent.list()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Traces", "*.bltrace", "*.json", "*.tslog", "*.txt", "*.folded",
                        "*.log", "*.dmesg"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    private void chooseAndOpen(String title, boolean importing) {
        FileChooser chooser = chooser(title);
        if (importing) {
            chooser.getExtensionFilters().add(0, new FileChooser.ExtensionFilter(
                    "Chrome JSON, tslog, folded stacks, initcall_debug", "*.json", "*.tslog", "*.txt", "*.folded",
                    "*.log", "*.dmesg"));
        }
        java.io.File f = chooser.showOpenDialog(owner);
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Writes the current timeline's trace in {@code format} to a file the user chooses. */
    private void export(TraceFiles.OutputFormat format, String what, String pattern) {
        TimelinePane pane = currentTimeline();
        if (pane == null) {
            showError("Select a timeline tab to save or export its trace.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save as " + what);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        java.io.File f = chooser.showSaveDialog(owner);
        if (f != null) {
            exportTo(pane.trace(), format, f.toPath());
        }
    }

    /** Writes {@code trace} to {@code file}; failures show in the error bar. */
    public void exportTo(Trace trace, TraceFiles.OutputFormat format, Path file) {
        try {
            TraceFiles.write(trace, format, file);
        } catch (IOException | RuntimeException e) {
            showError("Cannot write " + file + ": " + e.getMessage());
        }
    }

    private void exportChart(boolean vector) {
        List<FlameChart> charts = currentCharts();
        if (charts.isEmpty()) {
            showError("Select a timeline or comparison tab to export its chart.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(vector ? "Save the chart as SVG" : "Save the chart as PNG");
        chooser.getExtensionFilters().add(vector ? new FileChooser.ExtensionFilter("SVG", "*.svg")
                : new FileChooser.ExtensionFilter("PNG", "*.png"));
        java.io.File f = chooser.showSaveDialog(owner);
        if (f != null) {
            exportChartTo(f.toPath(), vector);
        }
    }

    /** Writes the current tab's chart(s) as SVG or PNG; failures show in the error bar. */
    public void exportChartTo(Path file, boolean vector) {
        List<FlameChart> charts = currentCharts();
        try {
            if (vector) {
                ChartExport.svg(charts, file);
            } else {
                Node node = currentComparison() != null ? charts.get(0).getParent() : charts.get(0);
                ChartExport.png(node, file);
            }
        } catch (IOException | RuntimeException e) {
            showError("Cannot write " + file + ": " + e.getMessage());
        }
    }

    private List<FlameChart> currentCharts() {
        if (currentTimeline() != null) {
            return List.of(currentTimeline().chart());
        }
        if (currentComparison() != null) {
            return currentComparison().charts();
        }
        return List.of();
    }

    // ------------------------------------------------------------------ drag and drop

    /** Lets files be dropped on {@code target}: each opens as a timeline. */
    public void installDragAndDrop(Node target) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                for (java.io.File f : e.getDragboard().getFiles()) {
                    open(f.toPath());
                }
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
