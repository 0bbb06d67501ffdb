package org.bootlab.app.timeline;

import org.bootlab.trace.FrameList;

/**
 * Which frames of a track to draw for a time window, and where: the culling pass of the flame
 * chart. Frames at least a pixel wide are drawn one by one; where a frame is narrower than a
 * pixel, its pixel column becomes one merged block and the walk jumps (by binary search) to the
 * first frame starting after that column, picking up on the way only the frames that started in
 * the column and are still running after it. So a window costs O(visible frames + width x
 * (log n + depth)) whatever the number of frames in it: a million-frame trace zoomed out is
 * as cheap as a thousand-frame one.
 */
public final class FlameLayout {

    /** Receives the layout: x in pixels from the window's left edge, possibly beyond either side. */
    public interface Sink {
        /** A frame drawn on its own, from x0 to x1. */
        void frame(int index, int depth, double x0, double x1);

        /** A one-pixel column at {@code column} holding frame {@code first} and others narrower than a pixel. */
        void merged(int first, int depth, int column);
    }

    private int[] stack = new int[64];

    /**
     * Lays out the frames of {@code frames} overlapping [t0, t1) (trace time) on {@code width}
     * pixels. A frame still running ends at {@code openEnd}.
     */
    public void layout(FrameList frames, double t0, double t1, double width, long openEnd, Sink sink) {
        int n = frames.size();
        if (n == 0 || t1 <= t0 || width <= 0) {
            return;
        }
        double scale = width / (t1 - t0);
        double nsPerPixel = (t1 - t0) / width;
        long start0 = (long) Math.ceil(t0);
        int first = frames.firstStartingAtOrAfter(start0);
        // The frames running at t0: the last frame started before it and its ancestors.
        int depth = 0;
        for (int f = first - 1; f >= 0; f = frames.parent(f)) {
            if (end(frames, f, openEnd) > t0) {
                push(depth++, f);
            }
        }
        while (depth > 0) {
            int f = stack[--depth];
            sink.frame(f, frames.depth(f), (frames.start(f) - t0) * scale, (end(frames, f, openEnd) - t0) * scale);
        }
        int i = first;
        while (i < n && frames.start(i) < t1) {
            double x0 = (frames.start(i) - t0) * scale;
            double x1 = (end(frames, i, openEnd) - t0) * scale;
            if (x1 - x0 >= 1) {
                sink.frame(i, frames.depth(i), x0, x1);
                i++;
                continue;
            }
            int column = (int) Math.floor(x0);
            sink.merged(i, frames.depth(i), column);
            long columnEnd = (long) Math.ceil(t0 + (column + 1) * nsPerPixel);
            int next = Math.max(i + 1, frames.firstStartingAtOrAfter(columnEnd));
            // Frames that started inside this column and run past it: ancestors of next - 1 after i.
            depth = 0;
            for (int f = next - 1; f > i; f = frames.parent(f)) {
                if (end(frames, f, openEnd) > columnEnd) {
                    push(depth++, f);
                }
            }
            while (depth > 0) {
                int f = stack[--depth];
                sink.frame(f, frames.depth(f), (frames.start(f) - t0) * scale, (end(frames, f, openEnd) - t0) * scale);
            }
            i = next;
        }
    }

    private void push(int at, int frame) {
        if (at == stack.length) {
            stack = java.util.Arrays.copyOf(stack, at * 2);
        }
        stack[at] = frame;
    }

    static long end(FrameList frames, int i, long openEnd) {
        long e = frames.end(i);
        return e == FrameList.OPEN ? Math.max(openEnd, frames.start(i)) : e;
    }

    /**
     * The frame at {@code depth} that covers pixel column [tFrom, tTo) (trace time), or -1: the
     * latest-started such frame, as the chart shows on top there.
     */
    public static int frameAt(FrameList frames, int depth, double tFrom, double tTo, long openEnd) {
        int k = frames.firstStartingAtOrAfter((long) Math.ceil(tTo)) - 1;
        for (int f = k; f >= 0; f = frames.parent(f)) {
            int d = frames.depth(f);
            if (d < depth) {
                return -1;
            }
            if (d == depth) {
                return end(frames, f, openEnd) > tFrom ? f : -1;
            }
        }
        return -1;
    }
}
