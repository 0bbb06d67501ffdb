package org.bootlab.trace;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The frames of one track's flame chart, in pre-order (each frame after its parent, siblings by
 * start time), stored as parallel primitive arrays: 48 bytes per frame, that is 24 bytes per
 * enter or exit event. Start times never decrease with the index, so a time range is found by
 * binary search.
 *
 * <p>One thread appends (the emulator thread while a machine runs); others may read the first
 * {@link #size()} frames meanwhile. A frame still running has end {@link #OPEN}.
 */
public final class FrameList {

    /** The end time and instruction count of a frame that has not returned yet. */
    public static final long OPEN = Long.MAX_VALUE;
    /** An instruction count the source did not record (imported traces). */
    public static final long UNKNOWN = -1;
    /** No SYSINIT: the frame is not a SYSINIT call. */
    public static final int NO_SYSINIT = -1;

    private long[] start = new long[256];
    private long[] end = new long[256];
    private long[] startInsns = new long[256];
    private long[] endInsns = new long[256];
    private int[] name = new int[256];
    private int[] parent = new int[256];
    private int[] depth = new int[256];
    private int[] sysinit = new int[256];
    private volatile int size;

    /**
     * Opens a frame under {@code parentFrame} (-1 for a root) and returns its index.
     *
     * @param sysinitIndex index into {@link Trace#sysinits()}, or {@link #NO_SYSINIT}
     */
    public int open(int nameId, int parentFrame, long time, long insns, int sysinitIndex) {
        int i = size;
        if (i == start.length) {
            grow();
        }
        start[i] = time;
        end[i] = OPEN;
        startInsns[i] = insns;
        endInsns[i] = OPEN;
        name[i] = nameId;
        parent[i] = parentFrame;
        depth[i] = parentFrame < 0 ? 0 : depth[parentFrame] + 1;
        sysinit[i] = sysinitIndex;
        size = i + 1;
        return i;
    }

    public void close(int frame, long time, long insns) {
        endInsns[frame] = insns;
        end[frame] = time;
    }

    /** Renames every frame: name id {@code n} becomes {@code ids[n]}. For a list nobody reads yet. */
    void rename(int[] ids) {
        for (int i = 0; i < size; i++) {
            name[i] = ids[name[i]];
        }
    }

    private void grow() {
        int n = start.length * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        startInsns = Arrays.copyOf(startInsns, n);
        endInsns = Arrays.copyOf(endInsns, n);
        name = Arrays.copyOf(name, n);
        parent = Arrays.copyOf(parent, n);
        depth = Arrays.copyOf(depth, n);
        sysinit = Arrays.copyOf(sysinit, n);
    }

    public int size() {
        return size;
    }

    public long start(int i) {
        return start[i];
    }

    /** The end time, or {@link #OPEN}. */
    public long end(int i) {
        return end[i];
    }

    public long duration(int i) {
        return end[i] == OPEN ? 0 : end[i] - start[i];
    }

    public long startInsns(int i) {
        return startInsns[i];
    }

    public long endInsns(int i) {
        return endInsns[i];
    }

    /** Instructions executed inside the frame, or {@link #UNKNOWN}. */
    public long instructions(int i) {
        return startInsns[i] < 0 || endInsns[i] == OPEN || endInsns[i] < 0 ? UNKNOWN : endInsns[i] - startInsns[i];
    }

    public int name(int i) {
        return name[i];
    }

    /** The parent frame's index, or -1 for a root. */
    public int parent(int i) {
        return parent[i];
    }

    public int depth(int i) {
        return depth[i];
    }

    /** The SYSINIT this call ran, as an index into {@link Trace#sysinits()}, or {@link #NO_SYSINIT}. */
    public int sysinit(int i) {
        return sysinit[i];
    }

    public boolean isOpen(int i) {
        return end[i] == OPEN;
    }

    /** The index one past frame {@code i}'s last descendant. */
    public int subtreeEnd(int i) {
        int n = size;
        int d = depth[i];
        int j = i + 1;
        while (j < n && depth[j] > d) {
            j++;
        }
        return j;
    }

    /** Time spent in frame {@code i} itself, not in its children. */
    public long selfTime(int i) {
        long self = duration(i);
        int stop = subtreeEnd(i);
        for (int j = i + 1; j < stop; j = subtreeEnd(j)) {
            self -= duration(j);
        }
        return self;
    }

    /** The first frame whose start is at or after {@code time} (size() when none). */
    public int firstStartingAtOrAfter(long time) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Visits, in pre-order, every frame that overlaps the time range [t0, t1): the frames still
     * running at t0 (the stack at that instant, outermost first), then those starting in the range.
     */
    public void forEachOverlapping(long t0, long t1, IntConsumer visitor) {
        int first = firstStartingAtOrAfter(t0);
        if (first > 0) {
            // Frames open at t0 are the last frame started before t0 and its ancestors.
            int[] stack = new int[64];
            int n = 0;
            for (int f = first - 1; f >= 0; f = parent[f]) {
                if (end[f] > t0) {
                    if (n == stack.length) {
                        stack = Arrays.copyOf(stack, n * 2);
                    }
                    stack[n++] = f;
                }
            }
            while (n > 0) {
                visitor.accept(stack[--n]);
            }
        }
        int count = size;
        for (int i = first; i < count && start[i] < t1; i++) {
            visitor.accept(i);
        }
    }

    /** The deepest depth plus one: the number of rows a flame chart needs. */
    public int maxDepth() {
        int max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, depth[i] + 1);
        }
        return max;
    }
}
