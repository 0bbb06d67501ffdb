package org.bootlab.trace;

import java.util.Arrays;

/**
 * Instant events of one track (console lines, traps, SBI calls, virtio, TSLOG records) as
 * parallel primitive arrays: 33 bytes per event. Appended in time order (a console line carries
 * the time of its newline), so a time range is found by binary search.
 */
public final class InstantList {

    public static final int NO_DETAIL = -1;

    private long[] time = new long[64];
    private long[] insns = new long[64];
    private byte[] kind = new byte[64];
    private int[] name = new int[64];
    private int[] detail = new int[64];
    private long[] arg = new long[64];
    private volatile int size;

    /** Appends an event; {@code t} must not be before the last event's time. */
    public int add(InstantKind k, long t, long instructions, int nameId, int detailId, long argument) {
        int i = size;
        if (i > 0 && t < time[i - 1]) {
            throw new IllegalArgumentException("instant at " + t + " ns after one at " + time[i - 1] + " ns");
        }
        if (i == time.length) {
            int n = i * 2;
            time = Arrays.copyOf(time, n);
            insns = Arrays.copyOf(insns, n);
            kind = Arrays.copyOf(kind, n);
            name = Arrays.copyOf(name, n);
            detail = Arrays.copyOf(detail, n);
            arg = Arrays.copyOf(arg, n);
        }
        time[i] = t;
        insns[i] = instructions;
        kind[i] = (byte) k.ordinal();
        name[i] = nameId;
        detail[i] = detailId;
        arg[i] = argument;
        size = i + 1;
        return i;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return time[i];
    }

    public long insns(int i) {
        return insns[i];
    }

    public InstantKind kind(int i) {
        return InstantKind.of(kind[i]);
    }

    public int name(int i) {
        return name[i];
    }

    /** A second string's name id (TSLOG's optional string), or {@link #NO_DETAIL}. */
    public int detail(int i) {
        return detail[i];
    }

    public long arg(int i) {
        return arg[i];
    }

    /** The first event at or after time {@code t} (size() when none). */
    public int firstAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
