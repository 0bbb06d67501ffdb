package org.bootlab.app.timeline;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.bootlab.app.compare.ComparisonPane;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.Track;

/**
 * Writes PNGs of the timeline window to a folder: the three sort samples compared, the
 * comparison zoomed to the sort step, and one boot's flame chart zoomed in with a frame selected.
 * Run under Xvfb by {@code mvn -q -B -o -pl app -am verify -DskipTests -Ptimeline-screenshots}
 * (see the pom), or headless with Monocle by the same class on the test classpath.
 */
public final class TimelineScreenshots {

    private static Stage stage;
    private static TimelineWorkspace workspace;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "screenshots");
        Files.createDirectories(out);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Preferences prefs = Preferences.userRoot().node("bootlab-timeline-screenshots");
            stage = new Stage();
            workspace = TimelineWorkspace.withMenuBar(stage, prefs);
            Scene scene = new Scene(workspace, 1580, 990);
            stage.setScene(scene);
            stage.setTitle("BootLab timeline");
            stage.setX(0);
            stage.setY(0);
            stage.show();
            workspace.openSamples(Samples.names());
            return null;
        });
        waitUntil(() -> call(() -> workspace.currentComparison() != null));
        settle();
        save(out.resolve("timeline-compare-sorts.png"));

        fx(() -> {
            ComparisonPane c = workspace.currentComparison();
            c.zoomToSort();
            c.charts().get(0).requestFocus();
            return null;
        });
        settle();
        save(out.resolve("timeline-compare-sort-step.png"));

        fx(() -> {
            workspace.openSamples(List.of("sysinit-qsort.bltrace"));
            return null;
        });
        waitUntil(() -> call(() -> workspace.currentTimeline() != null));
        fx(() -> {
            TimelinePane p = workspace.currentTimeline();
            FlameChart chart = p.chart();
            TraceIndex index = chart.index();
            // The SYSINIT sort: qsort's recursion, a deep stack of short calls.
            for (Track t : index.flameTracks()) {
                FrameList f = t.frames();
                for (int i = 0; i < f.size(); i++) {
                    if (index.trace().name(f.name(i)).startsWith("sysinit_qsort")) {
                        chart.fitFrame(t, i);
                        p.axis().zoom(3, p.axis().start() + p.axis().span() * 0.3);
                        chart.select(t, i + 40);
                        p.setColorMode(ColorMode.FUNCTION);
                        return null;
                    }
                }
            }
            return null;
        });
        settle();
        save(out.resolve("timeline-flame-zoomed.png"));

        System.exit(0);
    }

    private static void save(Path file) throws Exception {
        fx(() -> {
            ChartExport.writePng(stage.getScene().snapshot(null), file);
            return null;
        });
        System.out.println("wrote " + file);
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(1200);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the timeline did not reach the expected state");
            }
            Thread.sleep(50);
        }
    }

    private static boolean call(Callable<Boolean> c) {
        try {
            return fx(c);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
