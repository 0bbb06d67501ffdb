package org.bootlab.app.timeline;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.Trace;
import org.bootlab.trace.Track;

/**
 * One trace's timeline, ready to embed: a toolbar (search, colours, fit), the {@link FlameChart},
 * the details of the selected frame and the colour legend. Ctrl+F searches; Enter in the search
 * field selects and fits the next match.
 */
public final class TimelinePane extends BorderPane {

    /** The stylesheet the timeline's controls use; add it to the scene that shows them. */
    public static final String STYLESHEET = TimelinePane.class.getResource("timeline.css").toExternalForm();

    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final Trace trace;
    private final String title;
    private final TraceIndex index;
    private final TimeAxis axis = new TimeAxis();
    private final FlameChart chart;
    private final FrameDetails details = new FrameDetails();
    private final Legend legend = new Legend();
    private final TextField search = new TextField();
    private final Label matches = new Label();
    private final ComboBox<ColorMode> colors = new ComboBox<>();
    private Palette palette = Palette.LIGHT;
    private AnimationTimer live;

    public TimelinePane(Trace trace) {
        this(trace, null);
    }

    /** @param title what to call the trace (a file name), or null */
    public TimelinePane(Trace trace, String title) {
        this.trace = trace;
        this.title = title;
        this.index = new TraceIndex(trace);
        getStyleClass().add("timeline-pane");
        getStylesheets().add(STYLESHEET);
        axis.setBounds(index.start(), index.end());
        axis.fitAll();
        chart = new FlameChart(index, axis, 0);
        chart.setId("flame-chart");
        chart.renderer().setTitle(title);

        search.setId("timeline-search");
        search.setPromptText("Search functions (Ctrl+F)");
        search.setPrefColumnCount(22);
        search.textProperty().addListener((o, a, b) -> applySearch(b));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                nextMatch();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                chart.requestFocus();
                e.consume();
            }
        });
        matches.setId("timeline-matches");
        colors.setId("timeline-colors");
        colors.getItems().setAll(ColorMode.values());
        colors.setValue(ColorMode.SUBSYSTEM);
        colors.valueProperty().addListener((o, a, b) -> setColorMode(b));
        Button fit = new Button("Fit");
        fit.setId("timeline-fit");
        fit.setOnAction(e -> axis.fitAll());
        Label keys = new Label("W/S zoom · A/D pan · wheel zooms · drag pans · double-click fits");
        keys.getStyleClass().add("timeline-hint");
        ToolBar tools = new ToolBar(search, matches, new Separator(Orientation.VERTICAL), colors, fit,
                new Separator(Orientation.VERTICAL), keys);

        SplitPane split = new SplitPane(chart, details);
        split.setDividerPositions(0.8);
        SplitPane.setResizableWithParent(details, false);
        setTop(tools);
        setCenter(split);
        setBottom(legend);
        chart.selectionProperty().addListener((o, a, b) -> details.show(index, b));
        details.show(index, null);
        legend.show(ColorMode.SUBSYSTEM, List.of(index), palette);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                search.requestFocus();
                search.selectAll();
                e.consume();
            }
        });
    }

    public Trace trace() {
        return trace;
    }

    /** The name given to the trace, or null. */
    public String title() {
        return title;
    }

    public FlameChart chart() {
        return chart;
    }

    public TimeAxis axis() {
        return axis;
    }

    /** The selected frame (null when none): for the debugger views to show its code. */
    public ReadOnlyObjectProperty<FrameSelection> selectionProperty() {
        return chart.selectionProperty();
    }

    /** Highlights the frames whose names contain {@code text}. */
    public void search(String text) {
        search.setText(text);
    }

    public void setColorMode(ColorMode mode) {
        colors.setValue(mode);
        chart.renderer().setColorMode(mode);
        legend.show(mode, List.of(index), palette);
        chart.redraw();
    }

    /** Switches the chart's colours for the dark theme. */
    public void setDark(boolean dark) {
        palette = dark ? Palette.DARK : Palette.LIGHT;
        chart.renderer().setPalette(palette);
        legend.show(colors.getValue(), List.of(index), palette);
        chart.redraw();
    }

    /**
     * Takes in what a growing trace has appended (call on the FX thread, e.g. from the main
     * window's pulse while the machine runs): new frames appear and a window showing the end
     * follows it.
     */
    public void traceUpdated() {
        chart.refresh();
    }

    /** Calls {@link #traceUpdated()} ten times a second until {@link #stopLiveUpdates()}. */
    public void startLiveUpdates() {
        if (live != null) {
            return;
        }
        live = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (now - last > 100_000_000L) {
                    last = now;
                    traceUpdated();
                }
            }
        };
        live.start();
    }

    public void stopLiveUpdates() {
        if (live != null) {
            live.stop();
            live = null;
            traceUpdated();
        }
    }

    private void applySearch(String text) {
        index.setQuery(text);
        matches.setText(index.searching() ? String.format("%,d matches", index.matchCount()) : "");
        chart.redraw();
    }

    /** Selects and fits the first match after the selected frame (wrapping around). */
    private void nextMatch() {
        if (!index.searching()) {
            return;
        }
        List<Track> tracks = index.flameTracks();
        FrameSelection current = chart.selectionProperty().get();
        int startTrack = current == null ? 0 : Math.max(0, tracks.indexOf(current.track()));
        int startFrame = current == null ? -1 : current.frame();
        for (int k = 0; k <= tracks.size(); k++) {
            Track t = tracks.get((startTrack + k) % tracks.size());
            FrameList f = t.frames();
            int from = k == 0 ? startFrame + 1 : 0;
            for (int i = from; i < f.size(); i++) {
                if (index.matches(f.name(i))) {
                    chart.select(t, i);
                    chart.fitFrame(t, i);
                    return;
                }
            }
        }
    }
}
