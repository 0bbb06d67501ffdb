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

    private static final class Stack {
        final Track track;
        int[] frames = new int[16];
        int[] names = new int[16];
        int top;
        long lastTime;

        Stack(Track track) {
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

    void add(long thread, long time, long insns, int type, String f, String s) {
        Stack st = threads.computeIfAbsent(thread, td -> new Stack(trace.addTrack(Track.Kind.THREAD,
                trackName(td, threadNames.get(td)), td)));
        long t = Math.max(time, st.lastTime);
        st.lastTime = t;
        FrameList frames = st.track.frames();
        switch (type & 3) {
            case 0 -> {
                if (st.top == st.frames.length) {
                    st.frames = Arrays.copyOf(st.frames, st.top * 2);
                    st.names = Arrays.copyOf(st.names, st.top * 2);
                }
                int name = trace.names().intern(frameName(f, s));
                int parent = st.top == 0 ? -1 : st.frames[st.top - 1];
                st.frames[st.top] = frames.open(name, parent, t, insns, FrameList.NO_SYSINIT);
                st.names[st.top++] = name;
            }
            case 1 -> {
                int name = trace.names().find(frameName(f, s));
                for (int k = st.top - 1; k >= 0; k--) {
                    if (st.names[k] == name) {
                        while (st.top > k) {
                            frames.close(st.frames[--st.top], t, insns);
                        }
                        break;
                    }
                }
            }
            case 2 -> st.track.instants().add(InstantKind.TSLOG_THREAD, t, insns, trace.names().intern(f),
                    InstantList.NO_DETAIL, thread);
            default -> st.track.instants().add(InstantKind.TSLOG_EVENT, t, insns, trace.names().intern(f),
                    s == null ? InstantList.NO_DETAIL : trace.names().intern(s), thread);
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
            InstantKind k = in.kind(i);
            if (k != null && k.isTslog()) {
                int d = in.detail(i);
                stacks.add(in.arg(i), in.time(i), in.insns(i), k.tslogType(), trace.name(in.name(i)),
                        d == InstantList.NO_DETAIL ? null : trace.name(d));
            }
        }
        // Frames the log never exits end with the recording.
        trace.finish(trace.endTime(), trace.endInsns());
    }
}
