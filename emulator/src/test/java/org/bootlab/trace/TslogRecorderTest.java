package org.bootlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recorder builds, while the run goes on, the same THREAD tracks (and name ids) as building
 * them from the finished recording's records with {@link TslogStacks}.
 */
class TslogRecorderTest {

    private record Rec(long thread, long time, int type, String f, String s) {
    }

    @Test
    void sameTracksAsBuildingThemAfterTheRun() {
        List<Rec> recs = List.of(
                new Rec(1, 10, 0, "SYSINIT", "cpu"),
                new Rec(1, 11, 0, "cpu_init", null),
                new Rec(2, 12, 0, "idle", null),
                new Rec(1, 13, 1, "SYSINIT", "cpu"),           // closes cpu_init too
                new Rec(2, 14, 2, "idle thread", null),
                new Rec(1, 15, 0, "SYSINIT", "clocks"),
                new Rec(1, 16, 1, "never entered", null),      // ignored
                new Rec(1, 17, 0, "SYSINIT clocks", null),     // a plain name spelling a pair's text
                new Rec(1, 18, 1, "SYSINIT", "clocks"),        // closes the innermost of that text
                new Rec(2, 9, 3, "event", "detail"),           // before the thread's clock: moved up to it
                new Rec(3, 19, 0, "SYSINIT", "mem"),
                new Rec(3, 20, 0, "SYSINIT", "vm"),
                new Rec(1, 21, 1, "SYSINIT clocks", null),
                new Rec(2, 22, 2, "renamed", null));           // a thread's first THREAD record names it

        Trace recorded = new Trace();
        TslogRecorder recorder = new TslogRecorder(recorded);
        List<Integer> runNames = new ArrayList<>();
        for (Rec r : recs) {
            int f = recorded.names().intern(r.f());
            int s = r.s() == null ? InstantList.NO_DETAIL : recorded.names().intern(r.s());
            recorded.names().intern("console line " + r.time()); // other names the run interns meanwhile
            recorder.record(r.thread(), r.time(), r.time() * 10, r.type(), f, s);
        }
        recorded.names().intern("SYSINIT vm"); // interned by the run after the ENTER that names a frame so
        recorded.finish(30, 300);
        recorder.addTracks();

        Trace rebuilt = new Trace();
        Map<Long, String> threadNames = new LinkedHashMap<>();
        for (Rec r : recs) {
            rebuilt.names().intern(r.f());
            if (r.s() != null) {
                rebuilt.names().intern(r.s());
            }
            rebuilt.names().intern("console line " + r.time());
            if (r.type() == 2) {
                threadNames.putIfAbsent(r.thread(), r.f());
            }
        }
        rebuilt.names().intern("SYSINIT vm");
        rebuilt.finish(30, 300);
        TslogStacks stacks = new TslogStacks(rebuilt, threadNames);
        for (Rec r : recs) {
            stacks.add(r.thread(), r.time(), r.time() * 10, r.type(), r.f(), r.s());
        }
        rebuilt.finish(rebuilt.endTime(), rebuilt.endInsns());

        assertEquals(dump(rebuilt), dump(recorded));
        assertEquals(rebuilt.names().size(), recorded.names().size());
    }

    private static List<String> dump(Trace t) {
        List<String> out = new ArrayList<>();
        for (Track track : t.tracks()) {
            out.add(track.kind() + " " + track.name() + " " + track.id());
            FrameList f = track.frames();
            for (int i = 0; i < f.size(); i++) {
                out.add("  frame " + f.name(i) + "=" + t.name(f.name(i)) + " parent " + f.parent(i) + " "
                        + f.start(i) + ".." + f.end(i) + " insns " + f.startInsns(i) + ".." + f.endInsns(i));
            }
            InstantList in = track.instants();
            for (int i = 0; i < in.size(); i++) {
                out.add("  " + in.kind(i) + " " + in.time(i) + " " + in.insns(i) + " " + in.name(i) + " "
                        + in.detail(i) + " " + in.arg(i));
            }
        }
        return out;
    }
}
