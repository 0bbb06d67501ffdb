package org.bootlab.app.timeline;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.bootlab.trace.InstantKind;
import org.bootlab.trace.InstantList;

/**
 * The instant events of some kinds on one track (its console lines, say), as indices into the
 * track's {@link InstantList} in time order: the lane finds a window's events by binary search.
 */
final class InstantLane {

    final String title;
    final InstantList instants;
    final Set<InstantKind> kinds;
    private int[] events = new int[16];
    private int size;
    private int scanned;

    InstantLane(String title, InstantList instants, Set<InstantKind> kinds) {
        this.title = title;
        this.instants = instants;
        this.kinds = EnumSet.copyOf(kinds);
    }

    /** Takes in the events appended since the last call. */
    boolean update() {
        int n = instants.size();
        boolean grew = false;
        for (int i = scanned; i < n; i++) {
            InstantKind k = instants.kind(i);
            if (k != null && kinds.contains(k)) {
                if (size == events.length) {
                    events = Arrays.copyOf(events, size * 2);
                }
                events[size++] = i;
                grew = true;
            }
        }
        scanned = n;
        return grew;
    }

    int size() {
        return size;
    }

    /** The instant index of this lane's {@code k}th event. */
    int event(int k) {
        return events[k];
    }

    long time(int k) {
        return instants.time(events[k]);
    }

    /** The first of this lane's events at or after {@code t}. */
    int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
