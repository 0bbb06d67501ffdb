package org.bootlab.app.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.Trace;
import org.junit.jupiter.api.Test;

/** The culling pass: every frame wide enough to see is drawn, and zoomed out the work stays small. */
class FlameLayoutTest {

    private static final Trace TRACE = FlameChartBench.synthetic(200_000, 3);
    private static final FrameList FRAMES = TRACE.tracks().get(0).frames();

    @Test
    void everyFrameAtLeastTwoPixelsWideIsDrawnOnItsOwn() {
        Random random = new Random(1);
        long end = FRAMES.end(0);
        for (int round = 0; round < 40; round++) {
            double span = end / Math.pow(10, random.nextInt(5));
            double t0 = random.nextDouble() * (end - span);
            double t1 = t0 + span;
            double width = 1000;
            BitSet drawn = new BitSet();
            int[] merged = new int[1];
            new FlameLayout().layout(FRAMES, t0, t1, width, end, new FlameLayout.Sink() {
                @Override
                public void frame(int index, int depth, double x0, double x1) {
                    assertEquals(FRAMES.depth(index), depth);
                    drawn.set(index);
                }

                @Override
                public void merged(int first, int depth, int column) {
                    assertTrue(column >= 0 && column < width, "column " + column);
                    merged[0]++;
                }
            });
            double scale = width / span;
            for (int i = 0; i < FRAMES.size(); i++) {
                double x0 = (FRAMES.start(i) - t0) * scale;
                double x1 = (FRAMES.end(i) - t0) * scale;
                if (x1 - x0 >= 2 && x1 > 0 && x0 < width) {
                    assertTrue(drawn.get(i), "frame " + i + " from " + x0 + " to " + x1 + " px is drawn");
                }
            }
            assertTrue(merged[0] <= width * 2, "at most a couple of merged blocks per pixel column: " + merged[0]);
        }
    }

    @Test
    void theWholeTraceCostsAboutOneStepPerPixelColumn() {
        int[] calls = new int[1];
        new FlameLayout().layout(FRAMES, 0, FRAMES.end(0), 1000, FRAMES.end(0), new FlameLayout.Sink() {
            @Override
            public void frame(int index, int depth, double x0, double x1) {
                calls[0]++;
            }

            @Override
            public void merged(int first, int depth, int column) {
                calls[0]++;
            }
        });
        assertTrue(calls[0] < 1000 * 30, calls[0] + " calls for " + FRAMES.size() + " frames on 1000 pixels");
    }

    @Test
    void findsTheFrameUnderAPoint() {
        int root = 0;
        assertEquals(root, FlameLayout.frameAt(FRAMES, 0, 100, 101, FRAMES.end(0)));
        int child = 1;
        long mid = (FRAMES.start(child) + FRAMES.end(child)) / 2;
        int found = FlameLayout.frameAt(FRAMES, FRAMES.depth(child), mid, mid + 1, FRAMES.end(0));
        assertTrue(FRAMES.start(found) <= mid && FRAMES.end(found) > mid && FRAMES.depth(found) == FRAMES.depth(child));
    }
}
