package org.bootlab.app.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.InstantKind;
import org.bootlab.trace.Trace;
import org.bootlab.trace.Track;

/**
 * What the timeline derives from a trace, kept small (nothing per frame) and brought up to date
 * incrementally while a live trace grows: the time range, each track's depth, the SYSINIT bands,
 * the instant lanes, the subsystem a SYSINIT frame runs in, and the search matches per name.
 */
public final class TraceIndex {

    /** One SYSINIT call: frame {@code frame} of {@code track}; {@code sysinit} indexes the trace's table or is -1. */
    record Band(Track track, int frame, int sysinit, String name, String subsystem) {
    }

    private final Trace trace;
    private final List<Track> flameTracks = new ArrayList<>();
    private final int[] scannedFrames;
    private final int[] depths;
    private final List<Band> bands = new ArrayList<>();
    private final List<InstantLane> lanes = new ArrayList<>();
    private final Map<String, SysinitEntry> sysinitByName = new HashMap<>();
    private long start = Long.MAX_VALUE;
    private long end;
    private long miStartup = -1;
    private String[] subsystemOfName = new String[0];
    private boolean[] matches = new boolean[0];
    private String query = "";
    private int matchedNames;

    public TraceIndex(Trace trace) {
        this.trace = trace;
        for (Track t : trace.tracks()) {
            if (t.kind() == Track.Kind.HART) {
                flameTracks.add(t);
            }
        }
        for (Track t : trace.tracks()) {
            if (t.kind() == Track.Kind.THREAD) {
                flameTracks.add(t);
            }
        }
        scannedFrames = new int[flameTracks.size()];
        depths = new int[flameTracks.size()];
        for (SysinitEntry e : trace.sysinits()) {
            sysinitByName.putIfAbsent(e.name(), e);
        }
        for (Track t : trace.tracks()) {
            lanes.add(new InstantLane("Console", t.instants(), EnumSet.of(InstantKind.CONSOLE)));
            lanes.add(new InstantLane("Virtio", t.instants(),
                    EnumSet.of(InstantKind.VIRTIO_NOTIFY, InstantKind.VIRTIO_INTERRUPT)));
            lanes.add(new InstantLane("Traps", t.instants(), EnumSet.of(InstantKind.EXCEPTION, InstantKind.INTERRUPT,
                    InstantKind.TRAP_RETURN, InstantKind.SBI_CALL)));
            lanes.add(new InstantLane("TSLOG events", t.instants(), EnumSet.of(InstantKind.TSLOG_EVENT,
                    InstantKind.TSLOG_THREAD)));
        }
        update();
    }

    public Trace trace() {
        return trace;
    }

    /**
     * Takes in what a live trace appended since the last call (the frames and events the recording
     * thread has published). Returns whether anything changed.
     */
    public boolean update() {
        boolean grew = false;
        boolean anyTagged = false;
        for (Band b : bands) {
            anyTagged |= b.sysinit() >= 0;
        }
        for (int k = 0; k < flameTracks.size(); k++) {
            Track t = flameTracks.get(k);
            FrameList f = t.frames();
            int n = f.size();
            // A frame closed after it was scanned ends before the next frame starts, unless it is on
            // the last frame's stack (closed when the recording finished): check that stack.
            for (int p = n - 1; p >= 0; p = f.parent(p)) {
                if (!f.isOpen(p) && f.end(p) > end) {
                    end = f.end(p);
                    grew = true;
                }
            }
            if (n == scannedFrames[k]) {
                continue;
            }
            grew = true;
            for (int i = scannedFrames[k]; i < n; i++) {
                depths[k] = Math.max(depths[k], f.depth(i) + 1);
                start = Math.min(start, f.start(i));
                end = Math.max(end, f.isOpen(i) ? f.start(i) : f.end(i));
                int s = f.sysinit(i);
                if (s != FrameList.NO_SYSINIT && s < trace.sysinits().size()) {
                    SysinitEntry e = trace.sysinits().get(s);
                    bands.add(new Band(t, i, s, e.name(), e.subsystemName()));
                    anyTagged = true;
                } else if (t.kind() == Track.Kind.THREAD && !anyTagged) {
                    String name = trace.name(f.name(i));
                    if (name.startsWith("SYSINIT ")) {
                        String si = name.substring(8);
                        SysinitEntry e = sysinitByName.get(si);
                        bands.add(new Band(t, i, -1, si, e == null ? "?" : e.subsystemName()));
                    }
                }
                if (miStartup < 0 && trace.name(f.name(i)).equals("mi_startup")) {
                    miStartup = f.start(i);
                }
            }
            scannedFrames[k] = n;
        }
        if (anyTagged) {
            bands.removeIf(b -> b.sysinit() < 0);
        }
        for (InstantLane lane : lanes) {
            if (lane.update()) {
                grew = true;
                start = Math.min(start, lane.time(0));
                end = Math.max(end, lane.time(lane.size() - 1));
            }
        }
        for (Track t : trace.tracks()) {
            int n = t.instants().size();
            if (n > 0) {
                start = Math.min(start, t.instants().time(0));
                end = Math.max(end, t.instants().time(n - 1));
            }
        }
        return grew;
    }

    /** The earliest time in the trace. */
    public long start() {
        return start == Long.MAX_VALUE ? 0 : start;
    }

    /** The latest time seen: a finished trace's end, or a live trace's present. */
    public long end() {
        return Math.max(end, start() + 1);
    }

    /** When mi_startup began, or -1 when the trace has no such frame. */
    public long miStartup() {
        return miStartup;
    }

    /** Frames seen so far on all flame tracks. */
    long frameCount() {
        long n = 0;
        for (int k : scannedFrames) {
            n += k;
        }
        return n;
    }

    /** The tracks drawn as flame charts: harts first, then the TSLOG/log threads. */
    List<Track> flameTracks() {
        return flameTracks;
    }

    /** Rows the flame chart of {@code track} needs. */
    int depth(Track track) {
        int k = flameTracks.indexOf(track);
        return k < 0 ? 0 : depths[k];
    }

    List<Band> bands() {
        return bands;
    }

    /** The instant lanes that have events, by title (events of all tracks under one title). */
    List<InstantLane> lanes() {
        List<InstantLane> shown = new ArrayList<>();
        for (InstantLane l : lanes) {
            if (l.size() > 0) {
                shown.add(l);
            }
        }
        return shown;
    }

    /** The SYSINIT table indices of the SYSINITs named {@code names} that ran (to mark them). */
    public java.util.Set<Integer> sysinitsNamed(java.util.Set<String> names) {
        java.util.Set<Integer> found = new java.util.HashSet<>();
        for (Band b : bands) {
            if (b.sysinit() >= 0 && names.contains(b.name())) {
                found.add(b.sysinit());
            }
        }
        return found;
    }

    /** The subsystem of a SYSINIT frame, or null: frames tagged by the tracker, or named "SYSINIT x". */
    String subsystemOf(FrameList f, int i) {
        int s = f.sysinit(i);
        if (s != FrameList.NO_SYSINIT && s < trace.sysinits().size()) {
            return trace.sysinits().get(s).subsystemName();
        }
        int id = f.name(i);
        if (id >= subsystemOfName.length) {
            int n = trace.names().size();
            String[] grown = Arrays.copyOf(subsystemOfName, n);
            for (int k = subsystemOfName.length; k < n; k++) {
                String name = trace.name(k);
                SysinitEntry e = name.startsWith("SYSINIT ") ? sysinitByName.get(name.substring(8)) : null;
                grown[k] = e == null ? "" : e.subsystemName();
            }
            subsystemOfName = grown;
        }
        String sub = id < subsystemOfName.length ? subsystemOfName[id] : "";
        return sub.isEmpty() ? null : sub;
    }

    /**
     * The subsystem the frame runs in: its own, or that of the SYSINIT running when it started
     * (found by time among the bands, so no walk up the frame's ancestors), or null.
     */
    String enclosingSubsystem(FrameList f, int i) {
        if (bands.isEmpty()) {
            return null;
        }
        String own = subsystemOf(f, i);
        if (own != null) {
            return own;
        }
        long t = f.start(i);
        int lo = 0;
        int hi = bands.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Band b = bands.get(mid);
            if (b.track().frames().start(b.frame()) <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        Band b = bands.get(found);
        FrameList bf = b.track().frames();
        return FlameLayout.end(bf, b.frame(), end) > t ? b.subsystem() : null;
    }

    // ------------------------------------------------------------------ search

    /** Highlights names containing {@code text} (case-insensitive); empty clears the search. */
    public void setQuery(String text) {
        query = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        matches = new boolean[0];
        matchedNames = 0;
    }

    public String query() {
        return query;
    }

    public boolean searching() {
        return !query.isEmpty();
    }

    /** Whether the name with id {@code id} matches the search. */
    boolean matches(int id) {
        if (id >= matches.length) {
            int n = trace.names().size();
            boolean[] grown = Arrays.copyOf(matches, n);
            for (int k = matches.length; k < n; k++) {
                grown[k] = trace.name(k).toLowerCase(Locale.ROOT).contains(query);
                if (grown[k]) {
                    matchedNames++;
                }
            }
            matches = grown;
        }
        return id < matches.length && matches[id];
    }

    /** How many frames match the search, on all flame tracks. */
    public int matchCount() {
        if (!searching()) {
            return 0;
        }
        int count = 0;
        for (Track t : flameTracks) {
            FrameList f = t.frames();
            for (int i = 0, n = f.size(); i < n; i++) {
                if (matches(f.name(i))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The symbol a frame's name is, for linking to code; null when the trace has none of that name. */
    public Symbol symbol(String name) {
        for (Symbol s : trace.symbols()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Names with the most self time over all flame tracks, for the legend in function colours. */
    public List<Map.Entry<String, Long>> topSelfTime(int count) {
        Map<Integer, Long> self = new HashMap<>();
        for (Track t : flameTracks) {
            FrameList f = t.frames();
            long openEnd = end();
            for (int i = 0, n = f.size(); i < n; i++) {
                long d = FlameLayout.end(f, i, openEnd) - f.start(i);
                self.merge(f.name(i), d, Long::sum);
                int p = f.parent(i);
                if (p >= 0) {
                    self.merge(f.name(p), -d, Long::sum);
                }
            }
        }
        List<Map.Entry<String, Long>> top = new ArrayList<>();
        self.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).limit(count)
                .forEach(e -> top.add(Map.entry(trace.name(e.getKey()), e.getValue())));
        return top;
    }
}
