package org.bootlab.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FreeBSD's {@code sysctl debug.tslog} text: one record per line,
 * {@code <thread %p> <timestamp> <ENTER|EXIT|THREAD|EVENT> <f>[ <s>]}. Reading accepts a bare log
 * or a console transcript, where only the lines between {@code ---- tslog begin ----} and
 * {@code ---- tslog end ----} count (the guest kernel prints its log so with tslog.dump=1).
 * Timestamps are cycle counts; BootLab's hart counts one cycle per virtual nanosecond, so they are
 * taken as nanoseconds.
 */
public final class TslogText {

    static final String BEGIN = "---- tslog begin ----";
    static final String END = "---- tslog end ----";
    static final Pattern RECORD = Pattern.compile("(0x[0-9a-fA-F]{1,16}|[0-9a-fA-F]{1,16}|\\(nil\\)) (\\d{1,19}) (ENTER|EXIT|THREAD|EVENT) (\\S+)(?: (.+))?");
    private static final String[] TYPES = {"ENTER", "EXIT", "THREAD", "EVENT"};

    private TslogText() {
    }

    private record Rec(long thread, long time, int type, String f, String s) {
    }

    public static Trace read(String file, InputStream in) throws IOException, TraceFormatException {
        return read(file, in, NativeTraceReader.MAX_EVENTS);
    }

    static Trace read(String file, InputStream in, long maxEvents) throws IOException, TraceFormatException {
        LineReader lines = new LineReader(file, in);
        List<Rec> recs = new ArrayList<>();
        Map<Long, String> names = new LinkedHashMap<>();
        boolean framed = false;
        boolean inside = true;
        String line;
        while ((line = lines.next()) != null) {
            String l = line.strip();
            if (l.equals(BEGIN)) {
                if (!framed) {
                    recs.clear(); // what came before was console output, not the log
                    names.clear();
                }
                framed = true;
                inside = true;
                continue;
            }
            if (l.equals(END) && framed) {
                inside = false;
                continue;
            }
            if (l.isEmpty() || !inside) {
                continue;
            }
            Matcher m = RECORD.matcher(l);
            if (!m.matches()) {
                if (!framed && recs.isEmpty()) {
                    continue; // console output before the log starts
                }
                throw lines.error("expected a tslog record '<thread> <timestamp> <ENTER|EXIT|THREAD|EVENT> <name>[ <arg>]'");
            }
            if (recs.size() >= maxEvents) {
                throw lines.error("more than " + maxEvents + " records: refusing to load a log this large");
            }
            String p = m.group(1);
            long thread = p.equals("(nil)") ? 0 : Long.parseUnsignedLong(p.startsWith("0x") ? p.substring(2) : p, 16);
            long time;
            try {
                time = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw lines.error("expected a timestamp below 2^63");
            }
            int type = List.of(TYPES).indexOf(m.group(3));
            Rec r = new Rec(thread, time, type, m.group(4), m.group(5));
            if (type == 2) {
                names.putIfAbsent(thread, r.f());
            }
            recs.add(r);
        }
        if (recs.isEmpty()) {
            throw TraceFormatException.atLine(file, Math.max(1, lines.lineNumber()),
                    "expected tslog records ('0xffffffc000a1b2c0 123456 ENTER mi_startup'), found none");
        }
        Trace trace = new Trace();
        trace.info().set(TraceInfo.SOURCE, "tslog");
        trace.info().set(TraceInfo.SOURCE_FILE, file);
        trace.info().set(TraceInfo.CLOCK, "cycles (1 per ns)");
        TslogStacks stacks = new TslogStacks(trace, names);
        for (Rec r : recs) {
            stacks.add(r.thread(), r.time(), FrameList.UNKNOWN, r.type(), r.f(), r.s());
        }
        trace.finish(trace.endTime(), FrameList.UNKNOWN);
        return trace;
    }

    /**
     * Writes the trace as a tslog: the THREAD tracks (the guest's own TSLOG, or an imported log)
     * when there are any, else the HART tracks' call frames, each track as one thread, records
     * merged in time order.
     */
    public static void write(Trace trace, Writer out) {
        PrintWriter w = new PrintWriter(out);
        List<Track> tracks = TraceFiles.logTracks(trace);
        record Line(long time, long seq, String text) {
        }
        List<Line> lines = new ArrayList<>();
        long seq = 0;
        for (Track t : tracks) {
            String td = "0x" + Long.toHexString(t.id());
            InstantList in = t.instants();
            for (int i = 0; i < in.size(); i++) {
                InstantKind k = in.kind(i);
                if (k == InstantKind.TSLOG_THREAD || k == InstantKind.TSLOG_EVENT) {
                    int d = in.detail(i);
                    lines.add(new Line(in.time(i), seq++, td + " " + in.time(i) + " " + TYPES[k.tslogType()] + " "
                            + trace.name(in.name(i)) + (d == InstantList.NO_DETAIL ? "" : " " + trace.name(d))));
                }
            }
            FrameList f = t.frames();
            int[] open = new int[64];
            int top = 0;
            for (int i = 0; i <= f.size(); i++) {
                while (top > 0 && (i == f.size() || open[top - 1] != f.parent(i))) {
                    int c = open[--top];
                    lines.add(new Line(f.end(c), seq++, td + " " + f.end(c) + " EXIT " + trace.name(f.name(c))));
                }
                if (i < f.size()) {
                    lines.add(new Line(f.start(i), seq++, td + " " + f.start(i) + " ENTER " + trace.name(f.name(i))));
                    if (top == open.length) {
                        open = java.util.Arrays.copyOf(open, top * 2);
                    }
                    open[top++] = i;
                }
            }
        }
        lines.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Long.compare(a.seq(), b.seq()));
        for (Line l : lines) {
            w.print(l.text());
            w.print('\n');
        }
        w.flush();
    }
}
