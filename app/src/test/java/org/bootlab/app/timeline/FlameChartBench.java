package org.bootlab.app.timeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.InstantKind;
import org.bootlab.trace.InstantList;
import org.bootlab.trace.Trace;
import org.bootlab.trace.Track;

/**
 * The timeline's benchmark (not a test): builds a synthetic trace of a million enter/exit events
 * (500,000 frames, a random call tree up to 24 deep over 2,000 function names) and prints
 * (a) the time to draw one frame of the chart, 1600 x 1000 pixels, at zoom levels from the
 * whole trace down to a few microseconds, both the drawing calls alone (layout, culling and
 * GraphicsContext calls) and with the software rasteriser's snapshot of the canvas, and
 * (b) the heap held per event by the trace plus the timeline's index. Run with
 * {@code mvn -q -B -o -pl app -am verify -DskipTests -Ptimeline-bench}.
 */
public final class FlameChartBench {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1000;
    private static final int REPEATS = 25;

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        long before = usedHeap();
        Trace trace = synthetic(events / 2, 42);
        TraceIndex index = fx(() -> new TraceIndex(trace));
        long after = usedHeap();
        int frames = trace.tracks().get(0).frames().size();
        long totalEvents = 2L * frames + trace.tracks().get(0).instants().size();
        System.out.printf(Locale.ROOT, "trace: %,d frames (%,d enter/exit events) + %,d instants, %s of virtual time%n",
                frames, 2L * frames, trace.tracks().get(0).instants().size(), TimeUnits.format(index.end()));
        System.out.printf(Locale.ROOT, "memory: %,d bytes held = %.1f bytes per event (%.1f per frame)%n",
                after - before, (after - before) / (double) totalEvents, (after - before) / (double) frames);

        TimeAxis axis = new TimeAxis();
        axis.setBounds(index.start(), index.end());
        Canvas canvas = fx(() -> new Canvas(WIDTH, HEIGHT));
        TimelineRenderer renderer = fx(() -> new TimelineRenderer(index, axis));
        Random random = new Random(7);
        System.out.printf(Locale.ROOT, "%-16s %-14s %12s %12s %16s %16s%n", "zoom", "window", "draw median",
                "draw max", "+raster median", "+raster max");
        double total = index.end() - index.start();
        for (double zoom : new double[] {1, 10, 100, 1_000, 10_000, 100_000}) {
            double span = total / zoom;
            long[] draw = new long[REPEATS];
            long[] raster = new long[REPEATS];
            for (int r = -5; r < REPEATS; r++) {
                double s = index.start() + random.nextDouble() * (total - span);
                long[] times = fx(() -> {
                    axis.set(s, s + span);
                    long t0 = System.nanoTime();
                    renderer.paint(new CanvasPainter(canvas.getGraphicsContext2D(), TimelineRenderer.FONT_SIZE),
                            WIDTH, HEIGHT);
                    long t1 = System.nanoTime();
                    canvas.snapshot(null, null);
                    long t2 = System.nanoTime();
                    return new long[] {t1 - t0, t2 - t0};
                });
                if (r >= 0) {
                    draw[r] = times[0];
                    raster[r] = times[1];
                }
            }
            Arrays.sort(draw);
            Arrays.sort(raster);
            System.out.printf(Locale.ROOT, "%-16s %-14s %9.2f ms %9.2f ms %13.2f ms %13.2f ms%n",
                    zoom == 1 ? "whole trace" : String.format(Locale.ROOT, "1/%,.0f", zoom), TimeUnits.format(span),
                    draw[REPEATS / 2] / 1e6, draw[REPEATS - 1] / 1e6, raster[REPEATS / 2] / 1e6,
                    raster[REPEATS - 1] / 1e6);
        }
        System.exit(0);
    }

    /**
     * A random call tree of {@code frames} frames on one hart track: calls go deeper with
     * falling probability, each step takes 1 to 40 ns, a console line every 5,000 frames.
     */
    static Trace synthetic(long frames, long seed) {
        Trace trace = new Trace();
        Track track = trace.addTrack(Track.Kind.HART, "hart 0", 0);
        FrameList f = track.frames();
        InstantList instants = track.instants();
        int[] names = new int[2000];
        for (int i = 0; i < names.length; i++) {
            names[i] = trace.names().intern("function_" + i);
        }
        int line = trace.names().intern("a console line");
        Random random = new Random(seed);
        int[] stack = new int[32];
        int top = 0;
        long time = 0;
        long insns = 0;
        stack[top++] = f.open(names[0], -1, time, insns, FrameList.NO_SYSINIT);
        while (f.size() < frames) {
            long step = 1 + random.nextInt(40);
            time += step;
            insns += step;
            boolean call = top < stack.length && random.nextDouble() < (top < 3 ? 0.9 : 0.56 - top * 0.012);
            if (call || top == 1) {
                int name = names[Math.min(names.length - 1, (int) Math.abs(random.nextGaussian() * 300))];
                stack[top] = f.open(name, stack[top - 1], time, insns, FrameList.NO_SYSINIT);
                top++;
                if (f.size() % 5000 == 0) {
                    instants.add(InstantKind.CONSOLE, time, insns, line, InstantList.NO_DETAIL, 0);
                }
            } else {
                f.close(stack[--top], time, insns);
            }
        }
        trace.finish(time + 10, insns + 10);
        return trace;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
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
        return result.get(120, TimeUnit.SECONDS);
    }
}
