package org.bootlab.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.bootlab.app.compare.ComparisonPane;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceFiles;
import org.bootlab.trace.Track;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline and the comparison, driven through keys and the mouse, headless with Monocle. */
@ExtendWith(ApplicationExtension.class)
class TimelineTest {

    private static final Path PROFILES = Path.of(System.getProperty("bootlab.repoRoot", ".."), "profiles");

    private Stage stage;
    private TimelineWorkspace workspace;

    @TempDir
    Path temp;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Preferences prefs = Preferences.userRoot().node("bootlab-timeline-test");
        prefs.clear();
        workspace = TimelineWorkspace.withMenuBar(stage, prefs);
        Scene scene = new Scene(workspace, 1400, 900);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
    }

    private TimelinePane openProfile(String name) throws Exception {
        fx(() -> workspace.open(PROFILES.resolve(name)));
        waitFor(() -> fx(() -> workspace.currentTimeline() != null));
        return fx(workspace::currentTimeline);
    }

    @Test
    void opensAProfileWithItsTracksAndSysinitBands(FxRobot robot) throws Exception {
        TimelinePane pane = openProfile("sysinit-merge.bltrace");
        TraceIndex index = pane.chart().index();
        assertEquals(1125, index.bands().size(), "one band per SYSINIT call");
        assertTrue(index.miStartup() > 0);
        assertEquals(0, pane.axis().start(), 1e-9, "opens showing the whole boot");
        assertEquals(index.end(), pane.axis().end(), 1e-9);
        waitFor(() -> fx(() -> pane.chart().lastPaintNanos() > 0)); // the chart has been drawn
    }

    @Test
    void zoomAndPanKeysMoveTheVisibleRange(FxRobot robot) throws Exception {
        TimelinePane pane = openProfile("sysinit-bubble.bltrace");
        TimeAxis axis = pane.axis();
        double span = axis.span();
        robot.moveTo(pane.chart()).clickOn(pane.chart());
        robot.type(KeyCode.W, 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(axis.span() < span / 2, "W zooms in: " + axis.span() + " of " + span);
        double zoomed = axis.span();
        double start = axis.start();
        robot.type(KeyCode.D, 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(axis.start() > start, "D pans to later times");
        assertEquals(zoomed, axis.span(), 1e-6, "panning keeps the span");
        double later = axis.start();
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(axis.start() < later, "A pans back");
        robot.type(KeyCode.S, 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(axis.span() > zoomed, "S zooms out");
        // Dragging to the right shows earlier times.
        double before = axis.start();
        robot.drag(pane.chart()).moveBy(-200, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(axis.start() > before, "dragging left shows later times");
    }

    @Test
    void searchHighlightsMatchingFrames(FxRobot robot) throws Exception {
        TimelinePane pane = openProfile("sysinit-merge.bltrace");
        robot.clickOn(pane.chart());
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("vm_mem_init");
        WaitForAsyncUtils.waitForFxEvents();
        TraceIndex index = pane.chart().index();
        assertEquals("vm_mem_init", index.query());
        assertTrue(index.matchCount() >= 2, "vm_mem_init on the hart track and in the TSLOG thread");
        Label matches = robot.lookup("#timeline-matches").queryAs(Label.class);
        assertEquals(index.matchCount() + " matches", matches.getText());
        // Enter selects the first match and fits the window to it.
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        FrameSelection selected = pane.selectionProperty().get();
        assertNotNull(selected);
        assertEquals("vm_mem_init", selected.name());
        assertTrue(pane.axis().span() < selected.frames().duration(selected.frame()) * 1.2);
    }

    @Test
    void clickingAFrameSelectsItAndShowsItsDetails(FxRobot robot) throws Exception {
        TimelinePane pane = openProfile("sysinit-merge.bltrace");
        FlameChart chart = pane.chart();
        Track hart = chart.index().flameTracks().get(0);
        int frame = find(chart.index().trace(), hart, "vm_mem_init");
        List<FrameSelection> seen = new java.util.ArrayList<>();
        fx(() -> {
            pane.selectionProperty().addListener((o, a, b) -> seen.add(b));
            chart.fitFrame(hart, frame);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        FrameList f = hart.frames();
        Point2D at = fx(() -> {
            TimelineRenderer r = chart.renderer();
            double x = r.xOf((f.start(frame) + f.end(frame)) / 2.0, chart.chartViewWidth());
            double y = r.frameY(hart, frame) + TimelineRenderer.ROW / 2;
            return chart.localToScreen(x, y);
        });
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        Label tooltip = robot.lookup(".flame-tooltip").queryAs(Label.class);
        assertTrue(tooltip.isVisible());
        assertTrue(tooltip.getText().startsWith("vm_mem_init\nstart "), tooltip.getText());
        assertTrue(tooltip.getText().contains("instructions") && tooltip.getText().contains("of the boot"));
        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        FrameSelection s = pane.selectionProperty().get();
        assertNotNull(s);
        assertEquals(frame, s.frame());
        assertEquals("vm_mem_init", s.name());
        assertNotNull(s.symbol(), "the selection carries the function's symbol for the code views");
        assertTrue(s.address() > 0);
        assertEquals(s, seen.get(seen.size() - 1), "listeners hear the selection");
        Label title = robot.lookup(".frame-details-title").queryAs(Label.class);
        assertEquals("vm_mem_init", title.getText());
        assertEquals(String.format("%,d", f.instructions(frame)),
                robot.lookup("#details-instructions").queryAs(Label.class).getText());
        // A double click fits the frame.
        fx(() -> {
            pane.axis().fitAll();
            return null;
        });
        Point2D again = fx(() -> {
            TimelineRenderer r = chart.renderer();
            Track sysinits = hart;
            int root = 0;
            double x = r.xOf((f.start(root) + f.end(root)) / 2.0, chart.chartViewWidth());
            return chart.localToScreen(x, r.frameY(sysinits, root) + 5);
        });
        robot.doubleClickOn(again);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, pane.selectionProperty().get().frame());
    }

    @Test
    void comparisonOfBubbleAndMergeShowsTheRatio(FxRobot robot) throws Exception {
        fx(() -> workspace.compareFiles(List.of(PROFILES.resolve("sysinit-bubble.bltrace"),
                PROFILES.resolve("sysinit-merge.bltrace"))));
        waitFor(() -> fx(() -> workspace.currentComparison() != null));
        ComparisonPane c = fx(workspace::currentComparison);
        Label ratio = robot.lookup("#comparison-ratio").queryAs(Label.class);
        // The figures come from profiles/, which the kernel's build changes: check their shape
        // and the bounds the project promises rather than one build's digits.
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Slowest sort: (\\d+\\.\\d)× the instructions of the fastest").matcher(ratio.getText());
        assertTrue(m.matches(), ratio.getText());
        assertTrue(Double.parseDouble(m.group(1)) >= 40, ratio.getText());
        assertEquals("bubblesort", robot.lookup("#summary-0-3").queryAs(Label.class).getText());
        long bubble = Long.parseLong(robot.lookup("#summary-0-4").queryAs(Label.class).getText().replace(",", ""));
        assertTrue(bubble > 5_509_157 / 2 && bubble < 5_509_157 * 2, "bubble sort: " + bubble);
        assertEquals("1.0×", robot.lookup("#summary-1-6").queryAs(Label.class).getText());
        assertEquals(2, c.charts().size());
        // Zoom and pan are locked: both charts share the axis.
        robot.clickOn(c.charts().get(1)).type(KeyCode.W, 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(c.charts().get(0).axis() == c.charts().get(1).axis());
        assertTrue(c.axis().span() < c.axis().boundsEnd() - c.axis().boundsStart());
        // Aligned at mi_startup: axis time 0 is each trace's mi_startup.
        for (FlameChart chart : c.charts()) {
            assertEquals(chart.index().miStartup(), chart.renderer().offset());
        }
    }

    @Test
    void compareSortAlgorithmsBootsTheKernelThreeTimesAndOpensTheComparison(FxRobot robot) throws Exception {
        org.bootlab.app.compare.SortBoots boots = fx(workspace::compareSortAlgorithms);
        assertTrue(robot.lookup("#timeline-progress").queryAs(javafx.scene.control.ProgressBar.class).getParent()
                .isVisible(), "a progress bar shows while the kernel boots");
        waitFor(() -> fx(() -> workspace.currentComparison() != null));
        assertEquals(1.0, fx(boots::getProgress), 1e-9);
        ComparisonPane c = fx(workspace::currentComparison);
        assertEquals(List.of("sysinit.sort=bubble", "sysinit.sort=merge", "sysinit.sort=qsort"), c.labels());
        assertEquals("bubblesort", c.comparison().sides().get(0).sort().algorithm());
        assertTrue(c.comparison().headlineRatio() > 20, "bubble sort is the slow one: " + c.comparison().headlineRatio());
        assertTrue(!robot.lookup("#timeline-progress").queryAs(javafx.scene.control.ProgressBar.class).getParent()
                .isVisible(), "the progress bar goes away");
    }

    @Test
    void qsortsTiesAreListedAndMarked(FxRobot robot) throws Exception {
        fx(() -> workspace.compareFiles(List.of(PROFILES.resolve("sysinit-merge.bltrace"),
                PROFILES.resolve("sysinit-qsort.bltrace"))));
        waitFor(() -> fx(() -> workspace.currentComparison() != null));
        ComparisonPane c = fx(workspace::currentComparison);
        assertTrue(c.comparison().moved().size() > 0, "qsort is not stable: ties run in another order");
        String text = robot.lookup("#comparison-order").queryAs(Label.class).getText();
        assertTrue(text.contains(c.comparison().moved().size() + " entries ran at a different position"), text);
        javafx.scene.control.TableView<?> moved = robot.lookup("#comparison-moved").queryAs(
                javafx.scene.control.TableView.class);
        assertEquals(c.comparison().moved().size(), moved.getItems().size());
    }

    @Test
    void aBadFileShowsTheImportersMessageAndTheWorkspaceStaysUsable(FxRobot robot) throws Exception {
        Path bad = temp.resolve("broken.json");
        Files.writeString(bad, "{\"traceEvents\": [ {\"ph\": \"B\", \"ts\": ");
        fx(() -> workspace.open(bad));
        waitFor(() -> fx(() -> !workspace.errorMessage().isEmpty()));
        String message = fx(workspace::errorMessage);
        assertTrue(message.startsWith("Cannot open broken.json: "), message);
        assertTrue(robot.lookup("#timeline-error").queryAs(Label.class).isVisible());
        TimelinePane pane = openProfile("sysinit-qsort.bltrace");
        assertNotNull(pane);
        assertEquals("", fx(workspace::errorMessage), "opening a good file clears the message");
    }

    @Test
    void importsAndExportsTheExchangeFormatsAndTheChart(FxRobot robot) throws Exception {
        TimelinePane pane = openProfile("sysinit-merge.bltrace");
        Path json = temp.resolve("merge.json");
        Path svg = temp.resolve("chart.svg");
        Path png = temp.resolve("chart.png");
        fx(() -> {
            workspace.exportTo(pane.trace(), TraceFiles.OutputFormat.CHROME, json);
            workspace.exportChartTo(svg, true);
            workspace.exportChartTo(png, false);
            return null;
        });
        assertTrue(Files.size(json) > 1000);
        String doc = Files.readString(svg);
        assertTrue(doc.startsWith("<svg ") && doc.contains(">mi_startup</text>") && doc.endsWith("</svg>\n"));
        assertTrue(Files.size(png) > 1000);
        fx(() -> workspace.open(json));
        waitFor(() -> fx(() -> workspace.tabs().getTabs().size() == 2 && workspace.currentTimeline() != null
                && workspace.currentTimeline().title().equals("merge.json")));
        TraceIndex imported = fx(() -> workspace.currentTimeline().chart().index());
        assertTrue(imported.frameCount() > 10_000);
    }

    @Test
    void aGrowingTraceAppearsAsItGrows(FxRobot robot) throws Exception {
        Trace trace = new Trace();
        Track hart = trace.addTrack(Track.Kind.HART, "hart 0", 0);
        int name = trace.names().intern("start");
        int root = hart.frames().open(name, -1, 0, 0, FrameList.NO_SYSINIT);
        hart.frames().close(hart.frames().open(trace.names().intern("early"), root, 10, 10, -1), 500, 500);
        TimelinePane pane = fx(() -> workspace.openTrace(trace, "live"));
        double end = fx(() -> pane.axis().boundsEnd() * 1.0);
        // The recording thread appends; the window follows on the next update.
        hart.frames().close(hart.frames().open(trace.names().intern("later"), root, 600, 600, -1), 5000, 5000);
        fx(() -> {
            pane.traceUpdated();
            return null;
        });
        assertTrue(pane.axis().boundsEnd() >= 5000 && pane.axis().boundsEnd() > end);
        assertEquals(pane.axis().boundsEnd(), pane.axis().end(), 1e-9, "a window showing everything keeps doing so");
    }

    private static int find(Trace trace, Track track, String name) {
        FrameList f = track.frames();
        for (int i = 0; i < f.size(); i++) {
            if (trace.name(f.name(i)).equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no frame " + name);
    }

    static <T> T fx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(30, TimeUnit.SECONDS);
    }

    static void waitFor(BooleanSupplierWithException condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(30);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    interface BooleanSupplierWithException {
        boolean get() throws Exception;
    }
}
