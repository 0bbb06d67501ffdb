package org.bootlab.trace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds per-thread call stacks from the TSLOG records of a log ({@link TslogThread} has the
 * rules): an ENTER's frame is named by its function (and second string, "SYSINIT announce"),
 * THREAD names the thread, EVENT becomes an instant. One THREAD track per thread pointer, in
 * order of first appearance.
 */
final class TslogStacks {

    private final Trace trace;
    private final Map<Long, String> threadNames;
    private final Map<Long, TslogThread> threads = new LinkedHashMap<>();

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
        TslogThread th = threads.computeIfAbsent(thread, td -> {
            Track track = trace.addTrack(Track.Kind.THREAD, trackName(td, threadNames.get(td)), td);
            return new TslogThread(td, track.frames(), track.instants());
        });
        long t = th.advance(time);
        switch (type & 3) {
            case 0 -> th.enter(trace.names().intern(frameName(f, s)), t, insns);
            case 1 -> th.exit(trace.names().find(frameName(f, s)), t, insns);
            case 2 -> th.instants.add(InstantKind.TSLOG_THREAD, t, insns, trace.names().intern(f),
                    InstantList.NO_DETAIL, thread);
            default -> th.instants.add(InstantKind.TSLOG_EVENT, t, insns, trace.names().intern(f),
                    s == null ? InstantList.NO_DETAIL : trace.names().intern(s), thread);
        }
    }

    static String trackName(long thread, String name) {
        String hex = "0x" + Long.toHexString(thread);
        return name == null ? "tslog " + hex : "tslog " + name + " " + hex;
    }
}
