package org.bootlab.trace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects what an importer reads (begin/end pairs, complete intervals, instants) per thread and
 * turns it into tracks of a {@link Trace}. Begin/end pairs in time order keep their nesting as
 * written; otherwise intervals are sorted (start, longest first, file order) and nested by
 * containment, a child that outlasts its parent being cut at the parent's end. At most
 * {@code maxEvents} events are accepted, so a huge file cannot exhaust memory.
 */
final class ImportBuilder {

    /** The latest end a complete event may have: far beyond any boot, far below {@link FrameList#OPEN}. */
    private static final long LATEST = Long.MAX_VALUE / 4;

    private final Trace trace;
    private final long maxEvents;
    private long events;
    private final Map<String, Thread> threads = new LinkedHashMap<>();

    /** One thread's intervals (parallel arrays) and instants, in file order. */
    final class Thread {
        String name;
        final long id;
        int n;
        long[] start = new long[64];
        long[] end = new long[64];
        long[] startInsns = new long[64];
        long[] endInsns = new long[64];
        int[] nameId = new int[64];
        int[] parent = new int[64];
        boolean sorted = true;
        long lastStart = Long.MIN_VALUE;
        /** The latest begin or end time so far: a pair that goes back in time is nested by time instead. */
        long lastTime = Long.MIN_VALUE;
        int[] open = new int[16];
        int openTop;
        int ni;
        long[] iTime = new long[16];
        long[] iInsns = new long[16];
        int[] iKind = new int[16];
        int[] iName = new int[16];
        int[] iDetail = new int[16];
        long[] iArg = new long[16];

        Thread(String name, long id) {
            this.name = name;
            this.id = id;
        }

        private int add(String frameName, long s, long e, long si, long ei, int parentIndex) {
            if (n == start.length) {
                int m = n * 2;
                start = Arrays.copyOf(start, m);
                end = Arrays.copyOf(end, m);
                startInsns = Arrays.copyOf(startInsns, m);
                endInsns = Arrays.copyOf(endInsns, m);
                nameId = Arrays.copyOf(nameId, m);
                parent = Arrays.copyOf(parent, m);
            }
            start[n] = s;
            end[n] = e;
            startInsns[n] = si;
            endInsns[n] = ei;
            nameId[n] = trace.names().intern(frameName);
            parent[n] = parentIndex;
            if (s < lastStart) {
                sorted = false;
            }
            lastStart = s;
            return n++;
        }

        /** A frame begins (B, ENTER, "calling"); it ends with {@link #end}. */
        void begin(String frameName, long time, long insns) {
            noteTime(time);
            int i = add(frameName, time, FrameList.OPEN, insns, FrameList.OPEN, openTop == 0 ? -1 : open[openTop - 1]);
            if (openTop == open.length) {
                open = Arrays.copyOf(open, openTop * 2);
            }
            open[openTop++] = i;
        }

        /** Ends the innermost open frame; false when none is open. */
        boolean end(long time, long insns) {
            if (openTop == 0) {
                return false;
            }
            noteTime(time);
            int i = open[--openTop];
            end[i] = Math.max(time, start[i]);
            endInsns[i] = insns;
            return true;
        }

        private void noteTime(long time) {
            if (time < lastTime) {
                sorted = false;
            }
            lastTime = Math.max(lastTime, time);
        }

        /** The innermost open frame's name id, or -1. */
        int openName() {
            return openTop == 0 ? -1 : nameId[open[openTop - 1]];
        }

        /** A frame known whole (X, an initcall with its duration): nested by time later. */
        void complete(String frameName, long time, long duration, long insns) {
            sorted = false;
            // Saturating: a huge duration must not wrap around, nor reach FrameList.OPEN.
            long end = duration <= 0 ? time : time > LATEST - duration ? Math.max(time, LATEST) : time + duration;
            add(frameName, time, end, insns, insns < 0 ? insns : FrameList.OPEN, -1);
        }

        void instant(InstantKind kind, long time, long insns, String text, String detail, long arg) {
            if (ni == iTime.length) {
                int m = ni * 2;
                iTime = Arrays.copyOf(iTime, m);
                iInsns = Arrays.copyOf(iInsns, m);
                iKind = Arrays.copyOf(iKind, m);
                iName = Arrays.copyOf(iName, m);
                iDetail = Arrays.copyOf(iDetail, m);
                iArg = Arrays.copyOf(iArg, m);
            }
            iTime[ni] = time;
            iInsns[ni] = insns;
            iKind[ni] = kind.ordinal();
            iName[ni] = trace.names().intern(text);
            iDetail[ni] = detail == null ? InstantList.NO_DETAIL : trace.names().intern(detail);
            iArg[ni] = arg;
            ni++;
        }
    }

    ImportBuilder(Trace trace, long maxEvents) {
        this.trace = trace;
        this.maxEvents = maxEvents;
    }

    /** Counts one event; false once the limit is passed (the importer reports it). */
    boolean count() {
        return ++events <= maxEvents;
    }

    long maxEvents() {
        return maxEvents;
    }

    /** The thread for {@code key}, created with {@code name} and {@code id} on first use. */
    Thread thread(String key, String name, long id) {
        return threads.computeIfAbsent(key, k -> new Thread(name, id));
    }

    java.util.Collection<Thread> threads() {
        return threads.values();
    }

    /** Adds a THREAD track per thread, in order of first appearance. */
    Trace build() {
        for (Thread t : threads.values()) {
            Track track = trace.addTrack(Track.Kind.THREAD, t.name, t.id);
            long last = 0;
            for (int i = 0; i < t.n; i++) {
                last = Math.max(last, t.end[i] == FrameList.OPEN ? t.start[i] : t.end[i]);
            }
            for (int i = 0; i < t.n; i++) {
                if (t.end[i] == FrameList.OPEN) {
                    t.end[i] = last; // never ended: runs to the end of the log
                }
            }
            if (t.sorted) {
                buildInOrder(t, track.frames());
            } else {
                buildByNesting(t, track.frames());
            }
            Integer[] order = new Integer[t.ni];
            for (int i = 0; i < t.ni; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(t.iTime[a], t.iTime[b]));
            for (int i : order) {
                track.instants().add(InstantKind.of(t.iKind[i]), t.iTime[i], t.iInsns[i], t.iName[i], t.iDetail[i], t.iArg[i]);
            }
        }
        return trace;
    }

    private static void buildInOrder(Thread t, FrameList frames) {
        int[] frameOf = new int[t.n];
        for (int i = 0; i < t.n; i++) {
            int p = t.parent[i];
            long end = p >= 0 ? Math.min(t.end[i], t.end[p]) : t.end[i];
            t.end[i] = end;
            frameOf[i] = frames.open(t.nameId[i], p < 0 ? -1 : frameOf[p], t.start[i], t.startInsns[i], FrameList.NO_SYSINIT);
            frames.close(frameOf[i], end, t.endInsns[i] == FrameList.OPEN ? FrameList.UNKNOWN : t.endInsns[i]);
        }
    }

    private static void buildByNesting(Thread t, FrameList frames) {
        Integer[] order = new Integer[t.n];
        for (int i = 0; i < t.n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> t.start[a] != t.start[b] ? Long.compare(t.start[a], t.start[b])
                : t.end[a] != t.end[b] ? Long.compare(t.end[b], t.end[a]) : Integer.compare(a, b));
        int[] stack = new int[64];
        long[] stackEnd = new long[64];
        int top = 0;
        for (int i : order) {
            long s = t.start[i];
            while (top > 0 && stackEnd[top - 1] <= s && !(stackEnd[top - 1] == s && frames.start(stack[top - 1]) == s)) {
                top--;
            }
            long e = top > 0 ? Math.min(t.end[i], stackEnd[top - 1]) : t.end[i];
            int f = frames.open(t.nameId[i], top > 0 ? stack[top - 1] : -1, s, t.startInsns[i], FrameList.NO_SYSINIT);
            frames.close(f, e, t.endInsns[i] == FrameList.OPEN ? FrameList.UNKNOWN : t.endInsns[i]);
            if (top == stack.length) {
                stack = Arrays.copyOf(stack, top * 2);
                stackEnd = Arrays.copyOf(stackEnd, top * 2);
            }
            stack[top] = f;
            stackEnd[top++] = e;
        }
    }
}
