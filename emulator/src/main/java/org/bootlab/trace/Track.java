package org.bootlab.trace;

/**
 * One timeline of a trace: a hart's execution, or one thread of a log (a TSLOG thread, a Linux
 * pid, a Chrome trace thread), with its frames and its instant events.
 */
public final class Track {

    public enum Kind {
        /** Call stacks followed from what a hart executes. */
        HART,
        /** Stacks rebuilt from a log's enter/exit records, per guest thread (TSLOG, imports). */
        THREAD
    }

    private final Kind kind;
    private final String name;
    private final long id;
    private final FrameList frames;
    private final InstantList instants;

    /**
     * @param id the hart id, or the thread's id in its log (TSLOG thread pointer, pid, tid)
     */
    public Track(Kind kind, String name, long id) {
        this(kind, name, id, new FrameList(), new InstantList());
    }

    /** A track of frames and instants recorded before it was named. */
    Track(Kind kind, String name, long id, FrameList frames, InstantList instants) {
        this.kind = kind;
        this.name = name;
        this.id = id;
        this.frames = frames;
        this.instants = instants;
    }

    public Kind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public long id() {
        return id;
    }

    public FrameList frames() {
        return frames;
    }

    public InstantList instants() {
        return instants;
    }
}
