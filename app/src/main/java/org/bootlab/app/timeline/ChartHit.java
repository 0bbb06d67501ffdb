package org.bootlab.app.timeline;

import org.bootlab.trace.Track;

/**
 * What is under a point of the chart: a frame of a track (from its flame rows or its SYSINIT
 * band), or an instant event (then {@code frame} is -1 and {@code instant} its index).
 */
record ChartHit(Track track, int frame, InstantLane lane, int instant) {

    static ChartHit frame(Track track, int frame) {
        return new ChartHit(track, frame, null, -1);
    }

    static ChartHit instant(InstantLane lane, int instant) {
        return new ChartHit(null, -1, lane, instant);
    }

    boolean isFrame() {
        return frame >= 0;
    }
}
