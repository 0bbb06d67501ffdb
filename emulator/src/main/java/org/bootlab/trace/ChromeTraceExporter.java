package org.bootlab.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.bootlab.symbols.SysinitEntry;

/**
 * Writes a trace as Chrome Trace Event JSON, the object form Perfetto UI, chrome://tracing and
 * speedscope open: process and thread names as M events, each frame as a B/E pair (nesting is
 * explicit, so frames of equal times keep their tree), instants as thread-scoped i events.
 * Times are microseconds with three decimals: whole nanoseconds, no rounding. Each track is a
 * thread (tid = its index + 1) of process 1; instruction counts go in args.insns.
 */
public final class ChromeTraceExporter {

    private ChromeTraceExporter() {
    }

    public static void write(Trace trace, OutputStream out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("traceEvents");
            metadata(g, "process_name", 0, processName(trace));
            for (int t = 0; t < trace.tracks().size(); t++) {
                metadata(g, "thread_name", t + 1, trace.tracks().get(t).name());
            }
            for (int t = 0; t < trace.tracks().size(); t++) {
                Track track = trace.tracks().get(t);
                frames(g, trace, track.frames(), t + 1);
                instants(g, trace, track.instants(), t + 1);
            }
            g.writeEndArray();
            g.writeStringField("displayTimeUnit", "ns");
            g.writeObjectFieldStart("otherData");
            for (Map.Entry<String, String> e : trace.info().asMap().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static String processName(Trace trace) {
        String kernel = trace.info().get(TraceInfo.KERNEL);
        String args = trace.info().get(TraceInfo.BOOTARGS);
        StringBuilder s = new StringBuilder("BootLab");
        if (kernel != null) {
            s.append(' ').append(kernel);
        }
        if (args != null && !args.isEmpty()) {
            s.append(" [").append(args).append(']');
        }
        return s.toString();
    }

    private static void metadata(JsonGenerator g, String what, int tid, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", what);
        g.writeNumberField("pid", 1);
        if (tid > 0) {
            g.writeNumberField("tid", tid);
        }
        g.writeObjectFieldStart("args");
        g.writeStringField("name", name);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void frames(JsonGenerator g, Trace trace, FrameList f, int tid) throws IOException {
        int[] open = new int[64];
        int top = 0;
        for (int i = 0; i < f.size(); i++) {
            while (top > 0 && open[top - 1] != f.parent(i)) {
                end(g, f, open[--top], tid);
            }
            g.writeStartObject();
            g.writeStringField("ph", "B");
            g.writeStringField("name", trace.name(f.name(i)));
            g.writeNumberField("pid", 1);
            g.writeNumberField("tid", tid);
            g.writeFieldName("ts");
            g.writeNumber(micros(f.start(i)));
            boolean insns = f.startInsns(i) >= 0;
            int sysinit = f.sysinit(i);
            if (insns || sysinit != FrameList.NO_SYSINIT) {
                g.writeObjectFieldStart("args");
                if (insns) {
                    g.writeNumberField("insns", f.startInsns(i));
                }
                if (sysinit != FrameList.NO_SYSINIT) {
                    SysinitEntry e = trace.sysinits().get(sysinit);
                    g.writeStringField("sysinit", e.name());
                    g.writeStringField("subsystem", e.subsystemName());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            if (top == open.length) {
                open = java.util.Arrays.copyOf(open, top * 2);
            }
            open[top++] = i;
        }
        while (top > 0) {
            end(g, f, open[--top], tid);
        }
    }

    private static void end(JsonGenerator g, FrameList f, int frame, int tid) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "E");
        g.writeNumberField("pid", 1);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(micros(f.isOpen(frame) ? f.start(frame) : f.end(frame)));
        if (f.endInsns(frame) >= 0 && !f.isOpen(frame)) {
            g.writeObjectFieldStart("args");
            g.writeNumberField("insns", f.endInsns(frame));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void instants(JsonGenerator g, Trace trace, InstantList in, int tid) throws IOException {
        for (int i = 0; i < in.size(); i++) {
            g.writeStartObject();
            g.writeStringField("ph", "i");
            g.writeStringField("s", "t");
            g.writeStringField("cat", in.kind(i).name().toLowerCase());
            g.writeStringField("name", trace.name(in.name(i)));
            g.writeNumberField("pid", 1);
            g.writeNumberField("tid", tid);
            g.writeFieldName("ts");
            g.writeNumber(micros(in.time(i)));
            g.writeObjectFieldStart("args");
            if (in.insns(i) >= 0) {
                g.writeNumberField("insns", in.insns(i));
            }
            if (in.detail(i) != InstantList.NO_DETAIL) {
                g.writeStringField("detail", trace.name(in.detail(i)));
            }
            g.writeStringField("arg", "0x" + Long.toHexString(in.arg(i)));
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** Nanoseconds as microseconds with exactly three decimals. */
    static String micros(long ns) {
        String frac = Long.toString(Math.floorMod(ns, 1000L));
        return Math.floorDiv(ns, 1000L) + "." + "000".substring(frac.length()) + frac;
    }
}
