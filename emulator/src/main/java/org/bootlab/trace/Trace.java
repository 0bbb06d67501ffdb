package org.bootlab.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SysinitEntry;

/**
 * A boot trace: tracks of frames and instant events on one time axis (nanoseconds), the strings
 * they name, and what is needed to read it without the machine: the machine's description, the
 * kernel's hash, the function symbols, the SYSINIT table and the console transcript. Recorded
 * live by {@link CallStackTracker}, read from a native file, or imported from another tool's
 * format; all of them give this same model.
 */
public final class Trace {

    /** The console transcript is capped so a guest printing forever cannot exhaust memory. */
    public static final int MAX_CONSOLE_CHARS = 16 << 20;

    private final TraceInfo info = new TraceInfo();
    private final NameTable names = new NameTable();
    private final List<Track> tracks = new ArrayList<>();
    private final List<SysinitEntry> sysinits = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final StringBuilder console = new StringBuilder();
    private long endTime = -1;
    private long endInsns = FrameList.UNKNOWN;

    public TraceInfo info() {
        return info;
    }

    public NameTable names() {
        return names;
    }

    /** The text of name id {@code id}. */
    public String name(int id) {
        return names.name(id);
    }

    public List<Track> tracks() {
        return Collections.unmodifiableList(tracks);
    }

    public Track addTrack(Track.Kind kind, String name, long id) {
        return addTrack(new Track(kind, name, id));
    }

    /** Adds a track whose frames and instants were recorded before it could be named. */
    Track addTrack(Track t) {
        tracks.add(t);
        return t;
    }

    /** The kernel's SYSINITs in sorted (subsystem, order) order; frames refer to them by index. */
    public List<SysinitEntry> sysinits() {
        return sysinits;
    }

    /** The function symbols that label the frames (for linking a frame to its code). */
    public List<Symbol> symbols() {
        return symbols;
    }

    public String console() {
        return console.toString();
    }

    public void appendConsole(CharSequence text) {
        int room = MAX_CONSOLE_CHARS - console.length();
        if (room > 0) {
            console.append(text, 0, Math.min(room, text.length()));
        }
    }

    /**
     * Where the recording ends: the machine's time when it stopped, or for an imported trace the
     * latest time in it.
     */
    public long endTime() {
        if (endTime >= 0) {
            return endTime;
        }
        long end = 0;
        for (Track t : tracks) {
            FrameList f = t.frames();
            for (int i = 0; i < f.size(); i++) {
                end = Math.max(end, f.isOpen(i) ? f.start(i) : f.end(i));
            }
            if (t.instants().size() > 0) {
                end = Math.max(end, t.instants().time(t.instants().size() - 1));
            }
        }
        return end;
    }

    /** Instructions retired when the recording ends, or {@link FrameList#UNKNOWN}. */
    public long endInsns() {
        return endInsns;
    }

    /** Sets the end of the recording and closes every frame still open there. */
    public void finish(long time, long insns) {
        endTime = time;
        endInsns = insns;
        for (Track t : tracks) {
            FrameList f = t.frames();
            for (int i = 0; i < f.size(); i++) {
                if (f.isOpen(i)) {
                    f.close(i, time, insns);
                }
            }
        }
    }

    /** The earliest time in the trace (0 for a recording from reset). */
    public long startTime() {
        long start = Long.MAX_VALUE;
        for (Track t : tracks) {
            if (t.frames().size() > 0) {
                start = Math.min(start, t.frames().start(0));
            }
            if (t.instants().size() > 0) {
                start = Math.min(start, t.instants().time(0));
            }
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }
}
