package org.bootlab.trace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds per-thread call stacks from TSLOG records, as FreeBSD's boot-profiling scripts do: an
 * ENTER opens a frame named by its function (and second string, "SYSINIT announce"), an EXIT
 * closes the innermost open frame of the same name and any frames above it (an EXIT naming no
 * open frame is ignored), THREAD names the thread, EVENT becomes an instant. One THREAD track per
 * thread pointer, in order of first appearance.
 */
final class TslogStacks {

    private final Trace trace;
    private final Map<Long, String> threadNames;
    private final Map<Long, Stack> threads = new LinkedHashMap<>();
    /** The stack of the previous record: consecutive records mostly come from one thread. */
    private Stack last;
    /**
     * Frame-name ids of recorded (name id, detail id) pairs, so that a recording's thousands of
     * records build the few distinct "function string" names once.
     */
    private final LongIntMap pairNames = new LongIntMap();

    private static final class Stack {
        final long thread;
        final Track track;
        int[] frames = new int[16];
        int[] names = new int[16];
        int top;
        long lastTime;

        Stack(long thread, Track track) {
            this.thread = thread;
            this.track = track;
        }
    }

    /** @param threadNames the names THREAD records give, known up front so tracks can carry them */
    TslogStacks(Trace trace, Map<Long, String> threadNames) {
        this.trace = trace;
        this.threadNames = threadNames;
    }

    /** The frame name of an ENTER or EXIT record. */
    static String frameName(String f, String s) {
        return s == null ? f : f + " " + s;
    }

    /** A record read from a log: its strings are not names of the trace yet. */
    void add(long thread, long time, long insns, int type, String f, String s) {
        Stack st = stack(thread, time);
        long t = st.lastTime;
        switch (type & 3) {
            case 0 -> enter(st, trace.names().intern(frameName(f, s)), t, insns);
            case 1 -> exit(st, trace.names().find(frameName(f, s)), t, insns);
            case 2 -> st.track.instants().add(InstantKind.TSLOG_THREAD, t, insns, trace.names().intern(f),
                    InstantList.NO_DETAIL, thread);
            default -> st.track.instants().add(InstantKind.TSLOG_EVENT, t, insns, trace.names().intern(f),
                    s == null ? InstantList.NO_DETAIL : trace.names().intern(s), thread);
        }
    }

    /**
     * The hart track's instant {@code i}, when it is a TSLOG record: its strings are names of the
     * trace already. The same names, in the same order, as {@link #add(long, long, long, int,
     * String, String)} with their texts.
     */
    private void addRecorded(InstantList in, int i) {
        InstantKind k = in.kind(i);
        if (k == null || !k.isTslog()) {
            return;
        }
        long thread = in.arg(i);
        int name = in.name(i);
        int detail = in.detail(i);
        long insns = in.insns(i);
        Stack st = stack(thread, in.time(i));
        long t = st.lastTime;
        switch (k.tslogType()) {
            case 0 -> enter(st, detail == InstantList.NO_DETAIL ? name : pairName(name, detail, true), t, insns);
            case 1 -> exit(st, detail == InstantList.NO_DETAIL ? name : pairName(name, detail, false), t, insns);
            case 2 -> st.track.instants().add(InstantKind.TSLOG_THREAD, t, insns, name, InstantList.NO_DETAIL, thread);
            default -> st.track.instants().add(InstantKind.TSLOG_EVENT, t, insns, name, detail, thread);
        }
    }

    /** The id of "name detail": interned when {@code intern}, else found (-1 when it is no name yet). */
    private int pairName(int name, int detail, boolean intern) {
        long key = ((long) name << 32) | (detail & 0xffff_ffffL);
        int id = pairNames.get(key);
        if (id == LongIntMap.MISSING) {
            String text = frameName(trace.name(name), trace.name(detail));
            id = intern ? trace.names().intern(text) : trace.names().find(text);
            if (id >= 0) {
                pairNames.put(key, id);
            }
        }
        return id;
    }

    /** The thread's stack, its clock brought up to {@code time} (a thread's records never go back). */
    private Stack stack(long thread, long time) {
        Stack st = last;
        if (st == null || st.thread != thread) {
            st = threads.computeIfAbsent(thread, td -> new Stack(td, trace.addTrack(Track.Kind.THREAD,
                    trackName(td, threadNames.get(td)), td)));
            last = st;
        }
        st.lastTime = Math.max(time, st.lastTime);
        return st;
    }

    private static void enter(Stack st, int name, long t, long insns) {
        if (st.top == st.frames.length) {
            st.frames = Arrays.copyOf(st.frames, st.top * 2);
            st.names = Arrays.copyOf(st.names, st.top * 2);
        }
        int parent = st.top == 0 ? -1 : st.frames[st.top - 1];
        st.frames[st.top] = st.track.frames().open(name, parent, t, insns, FrameList.NO_SYSINIT);
        st.names[st.top++] = name;
    }

    private static void exit(Stack st, int name, long t, long insns) {
        if (name < 0) {
            return;
        }
        for (int k = st.top - 1; k >= 0; k--) {
            if (st.names[k] == name) {
                while (st.top > k) {
                    st.track.frames().close(st.frames[--st.top], t, insns);
                }
                return;
            }
        }
    }

    static String trackName(long thread, String name) {
        String hex = "0x" + Long.toHexString(thread);
        return name == null ? "tslog " + hex : "tslog " + name + " " + hex;
    }

    /** Adds a THREAD track per guest thread from the TSLOG records a hart track recorded. */
    static void addThreadTracks(Trace trace, Track hart) {
        InstantList in = hart.instants();
        Map<Long, String> names = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            if (in.kind(i) == InstantKind.TSLOG_THREAD) {
                names.putIfAbsent(in.arg(i), trace.name(in.name(i)));
            }
        }
        TslogStacks stacks = new TslogStacks(trace, names);
        for (int i = 0; i < in.size(); i++) {
            stacks.addRecorded(in, i);
        }
        // Frames the log never exits end with the recording.
        trace.finish(trace.endTime(), trace.endInsns());
    }
}
