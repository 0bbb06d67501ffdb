package org.bootlab.trace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The THREAD tracks of a recording, built from the guest's TSLOG records as the tracker records
 * them, and added to the trace when the recording ends: one per thread pointer in order of first
 * appearance, named by the thread's first THREAD record ({@link TslogThread} has the stack rules).
 *
 * <p>The trace must come out as if the tracks were built from the hart track's records after the
 * run: the same names with the same ids. A frame name that is new ("SYSINIT announce") would take
 * its id at that point, after every name of the run, so while running frames carry ids of a
 * private table of frame names, one per distinct text (an EXIT matches an ENTER when the texts
 * are equal); at the end the names ENTERs used are interned in order of first use, and the frames
 * renamed.
 */
final class TslogRecorder {

    private final Trace trace;
    private final NameTable names;
    private final Map<Long, Thread> threads = new LinkedHashMap<>();
    /** The thread of the previous record: consecutive records mostly come from one thread. */
    private Thread last;

    private final NameTable frameNames = new NameTable();
    /** Frame names by the record's name id, or by its (name id, second string's id). */
    private final LongIntMap frameNameOfName = new LongIntMap();
    private final LongIntMap frameNameOfPair = new LongIntMap();
    /** The frame names ENTERs used, in order of first use. */
    private int[] entered = new int[64];
    private int enteredCount;
    private boolean[] isEntered = new boolean[64];

    private static final class Thread {
        final TslogThread stack;
        /** The name id of its first THREAD record, or -1. */
        int name = -1;

        Thread(long id) {
            stack = new TslogThread(id, new FrameList(), new InstantList());
        }
    }

    TslogRecorder(Trace trace) {
        this.trace = trace;
        this.names = trace.names();
    }

    /** A TSLOG record, its strings as name ids of the trace ({@code detail} {@link InstantList#NO_DETAIL} for none). */
    void record(long thread, long time, long insns, int type, int name, int detail) {
        Thread th = last;
        if (th == null || th.stack.id != thread) {
            th = threads.computeIfAbsent(thread, Thread::new);
            last = th;
        }
        TslogThread stack = th.stack;
        long t = stack.advance(time);
        switch (type & 3) {
            case 0 -> {
                int frameName = frameName(name, detail);
                if (!isEntered[frameName]) {
                    isEntered[frameName] = true;
                    entered[enteredCount++] = frameName;
                }
                stack.enter(frameName, t, insns);
            }
            case 1 -> stack.exit(frameName(name, detail), t, insns);
            case 2 -> {
                if (th.name < 0) {
                    th.name = name;
                }
                stack.instants.add(InstantKind.TSLOG_THREAD, t, insns, name, InstantList.NO_DETAIL, thread);
            }
            default -> stack.instants.add(InstantKind.TSLOG_EVENT, t, insns, name, detail, thread);
        }
    }

    /** The id in {@link #frameNames} of the frame name of a record. */
    private int frameName(int name, int detail) {
        boolean pair = detail != InstantList.NO_DETAIL;
        long key = pair ? ((long) name << 32) | (detail & 0xffff_ffffL) : name;
        LongIntMap known = pair ? frameNameOfPair : frameNameOfName;
        int id = known.get(key);
        if (id == LongIntMap.MISSING) {
            id = frameNames.intern(TslogStacks.frameName(names.name(name), pair ? names.name(detail) : null));
            known.put(key, id);
            if (id == isEntered.length) {
                isEntered = Arrays.copyOf(isEntered, id * 2);
                entered = Arrays.copyOf(entered, id * 2);
            }
        }
        return id;
    }

    /** Adds the THREAD tracks to the trace; call once, when the recording has ended. */
    void addTracks() {
        int[] nameIds = new int[frameNames.size()];
        for (int k = 0; k < enteredCount; k++) {
            nameIds[entered[k]] = names.intern(frameNames.name(entered[k]));
        }
        for (Thread th : threads.values()) {
            TslogThread stack = th.stack;
            stack.frames.rename(nameIds);
            trace.addTrack(new Track(Track.Kind.THREAD, TslogStacks.trackName(stack.id,
                    th.name < 0 ? null : names.name(th.name)), stack.id, stack.frames, stack.instants));
        }
        // Frames the log never exits end with the recording.
        trace.finish(trace.endTime(), trace.endInsns());
    }
}
