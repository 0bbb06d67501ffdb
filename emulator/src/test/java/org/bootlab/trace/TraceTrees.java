package org.bootlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.bootlab.symbols.SysinitEntry;

/** Test helpers: small traces, and call trees as comparable text. */
final class TraceTrees {

    private TraceTrees() {
    }

    /** One line per frame: depth, name, start, end, and instructions when {@code insns}. */
    static List<String> tree(Trace trace, Track track, boolean insns) {
        List<String> lines = new ArrayList<>();
        FrameList f = track.frames();
        for (int i = 0; i < f.size(); i++) {
            lines.add("  ".repeat(f.depth(i)) + trace.name(f.name(i)) + " " + f.start(i) + ".." + f.end(i)
                    + (insns ? " [" + f.startInsns(i) + ".." + f.endInsns(i) + "]" : ""));
        }
        return lines;
    }

    static void assertSameTrees(Trace expected, Trace actual, boolean insns) {
        assertEquals(expected.tracks().size(), actual.tracks().size(), "tracks");
        for (int t = 0; t < expected.tracks().size(); t++) {
            assertEquals(expected.tracks().get(t).name(), actual.tracks().get(t).name());
            assertEquals(tree(expected, expected.tracks().get(t), insns), tree(actual, actual.tracks().get(t), insns));
        }
    }

    /** A hand-built trace: a hart track with nested frames, a SYSINIT, instants, and a thread track. */
    static Trace sample() {
        Trace trace = new Trace();
        trace.info().set(TraceInfo.SOURCE, "bootlab").set(TraceInfo.BOOTARGS, "sysinit.sort=merge");
        trace.sysinits().add(new SysinitEntry(0, 0x800001, "SI_SUB_COPYRIGHT", 0, 0x80210000L, 0x80200100L,
                "print_caddr_t", 0x80205000L, "announce"));
        trace.symbols().add(new org.bootlab.symbols.Symbol("mi_startup", 0x80200000L, 0x100,
                org.bootlab.symbols.Symbol.Kind.FUNCTION, ".text"));
        Track hart = trace.addTrack(Track.Kind.HART, "hart 0", 0);
        NameTable n = trace.names();
        FrameList f = hart.frames();
        int root = f.open(n.intern("_start"), -1, 0, 0, FrameList.NO_SYSINIT);
        int mi = f.open(n.intern("mi_startup"), root, 100, 90, FrameList.NO_SYSINIT);
        int a = f.open(n.intern("print_caddr_t"), mi, 150, 140, 0);
        int p = f.open(n.intern("printf"), a, 150, 141, FrameList.NO_SYSINIT);
        f.close(p, 150, 141); // a zero-length frame inside one starting at the same time
        f.close(a, 400, 380);
        int b = f.open(n.intern("printf"), mi, 400, 380, FrameList.NO_SYSINIT);
        f.close(b, 900, 870);
        f.close(mi, 1000, 960);
        hart.instants().add(InstantKind.CONSOLE, 300, 290, n.intern("Copyright (c) 2026"), InstantList.NO_DETAIL, 0);
        hart.instants().add(InstantKind.INTERRUPT, 500, 480, n.intern("supervisor timer interrupt"), InstantList.NO_DETAIL, 5);
        Track thread = trace.addTrack(Track.Kind.THREAD, "tslog swapper 0x8022b030", 0x8022b030L);
        int s = thread.frames().open(n.intern("SYSINIT announce"), -1, 140, 130, FrameList.NO_SYSINIT);
        thread.frames().close(s, 410, 390);
        trace.appendConsole("Copyright (c) 2026\n");
        trace.finish(1200, 1150);
        return trace;
    }
}
