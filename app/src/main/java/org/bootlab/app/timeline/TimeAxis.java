package org.bootlab.app.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The visible time window of one or more flame charts, in axis nanoseconds. Charts that share an
 * axis zoom and pan together (the comparison's locked charts); each chart maps axis time to its
 * own trace's time with an offset.
 */
public final class TimeAxis {

    /** The narrowest window: a few nanoseconds is already single instructions. */
    public static final long MIN_SPAN = 20;

    private long boundsStart;
    private long boundsEnd = 1;
    private double start;
    private double end = 1;
    private final List<Runnable> listeners = new ArrayList<>();

    /** Called after every change of the window or the bounds. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    public double start() {
        return start;
    }

    public double end() {
        return end;
    }

    public double span() {
        return end - start;
    }

    public long boundsStart() {
        return boundsStart;
    }

    public long boundsEnd() {
        return boundsEnd;
    }

    /** Whether the window shows the end of the bounds (a live chart then follows the end). */
    public boolean showsEnd() {
        return end >= boundsEnd;
    }

    /** Sets the range the window may move in; keeps the window inside it. */
    public void setBounds(long from, long to) {
        boundsStart = from;
        boundsEnd = Math.max(to, from + MIN_SPAN);
        set(start, end);
    }

    /** Grows the bounds' end (a live trace); a window showing the end keeps its span and follows it. */
    public void extendTo(long to) {
        if (to <= boundsEnd) {
            return;
        }
        boolean follow = showsEnd() && start > boundsStart;
        boolean whole = start <= boundsStart && end >= boundsEnd;
        boundsEnd = to;
        if (whole) {
            set(boundsStart, boundsEnd);
        } else if (follow) {
            double span = span();
            set(boundsEnd - span, boundsEnd);
        } else {
            fire();
        }
    }

    /** Shows the whole bounds. */
    public void fitAll() {
        set(boundsStart, boundsEnd);
    }

    /** Shows [from, to) with a margin of 5% each side. */
    public void fit(double from, double to) {
        double margin = Math.max((to - from) * 0.05, MIN_SPAN / 2.0);
        set(from - margin, to + margin);
    }

    /** Zooms by {@code factor} (&gt; 1 zooms in) keeping axis time {@code anchor} where it is. */
    public void zoom(double factor, double anchor) {
        double newSpan = Math.max(MIN_SPAN, Math.min(span() / factor, boundsEnd - boundsStart));
        double ratio = span() == 0 ? 0.5 : (anchor - start) / span();
        double s = anchor - ratio * newSpan;
        set(s, s + newSpan);
    }

    /** Moves the window by {@code delta} axis nanoseconds. */
    public void pan(double delta) {
        set(start + delta, end + delta);
    }

    /** Sets the window, clamped into the bounds. */
    public void set(double from, double to) {
        double span = Math.max(MIN_SPAN, Math.min(to - from, boundsEnd - boundsStart));
        double s = Math.max(boundsStart, Math.min(from, boundsEnd - span));
        start = s;
        end = s + span;
        fire();
    }

    private void fire() {
        for (Runnable r : List.copyOf(listeners)) {
            r.run();
        }
    }
}
