package org.bootlab.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;

/**
 * Reads Chrome Trace Event JSON, the array form ({@code [event, ...]}) and the object form
 * ({@code {"traceEvents": [...], ...}}): B/E pairs and X (complete) events become frames, one
 * THREAD track per pid/tid (named by thread_name metadata), i/I/n events with a category this
 * project writes become instants, other phases are skipped. ts and dur are microseconds; args.insns
 * (as BootLab writes it) carries instruction counts. Parsed as a stream, one event at a time.
 */
public final class ChromeTraceImporter {

    private final String file;
    private final ImportBuilder builder;
    private final Trace trace = new Trace();

    private ChromeTraceImporter(String file, long maxEvents) {
        this.file = file;
        this.builder = new ImportBuilder(trace, maxEvents);
    }

    public static Trace read(String file, InputStream in) throws IOException, TraceFormatException {
        return read(file, in, NativeTraceReader.MAX_EVENTS);
    }

    static Trace read(String file, InputStream in, long maxEvents) throws IOException, TraceFormatException {
        return new ChromeTraceImporter(file, maxEvents).parse(in);
    }

    private Trace parse(InputStream in) throws IOException, TraceFormatException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).maxNestingDepth(64).build())
                .build();
        trace.info().set(TraceInfo.SOURCE, "chrome");
        trace.info().set(TraceInfo.SOURCE_FILE, file);
        try (JsonParser p = factory.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                events(p);
            } else if (first == JsonToken.START_OBJECT) {
                boolean sawEvents = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("traceEvents")) {
                        if (value != JsonToken.START_ARRAY) {
                            throw error(p, "expected an array of events for \"traceEvents\"");
                        }
                        events(p);
                        sawEvents = true;
                    } else if (field.equals("otherData") && value == JsonToken.START_OBJECT) {
                        otherData(p);
                    } else {
                        p.skipChildren();
                    }
                }
                if (!sawEvents) {
                    throw error(p, "expected a \"traceEvents\" array in the trace object");
                }
            } else {
                throw error(p, "expected a JSON array of trace events or an object with \"traceEvents\"");
            }
            if (p.nextToken() != null) {
                throw error(p, "expected the end of the file after the trace");
            }
        } catch (CharConversionException e) {
            throw new TraceFormatException(file, "offset 0", "expected JSON text in UTF-8, UTF-16 or UTF-32: "
                    + e.getMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "offset ?" : "line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new TraceFormatException(file, where, "malformed JSON: " + e.getOriginalMessage());
        }
        return builder.build();
    }

    private void otherData(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_STRING) {
                String value = p.getText();
                if (!key.equals(TraceInfo.SOURCE) && !key.equals(TraceInfo.SOURCE_FILE)) {
                    trace.info().set(key, value);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** One event's fields of interest. */
    private static final class Event {
        String ph;
        String name;
        String cat;
        /** Absent ids read as 0, as Chrome's own viewer takes them. */
        String pid = "0";
        String tid = "0";
        BigDecimal ts;
        BigDecimal dur;
        long insns = FrameList.UNKNOWN;
        String argName;
        String detail;
    }

    private void events(JsonParser p) throws IOException, TraceFormatException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw error(p, "expected a trace event object");
            }
            JsonLocation at = p.currentTokenLocation();
            Event e = new Event();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "ph" -> e.ph = text(p, v, "ph");
                    case "name" -> e.name = text(p, v, "name");
                    case "cat" -> e.cat = text(p, v, "cat");
                    case "pid" -> e.pid = id(p, v, "pid");
                    case "tid" -> e.tid = id(p, v, "tid");
                    case "ts" -> e.ts = number(p, v, "ts");
                    case "dur" -> e.dur = number(p, v, "dur");
                    case "args" -> args(p, v, e);
                    default -> p.skipChildren();
                }
            }
            if (!builder.count()) {
                throw error(p, "more than " + builder.maxEvents() + " events: refusing to load a trace this large");
            }
            event(e, at);
        }
    }

    private void args(JsonParser p, JsonToken v, Event e) throws IOException {
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken a = p.nextToken();
            if (key.equals("insns") && a == JsonToken.VALUE_NUMBER_INT) {
                e.insns = p.getLongValue();
            } else if (key.equals("name") && a == JsonToken.VALUE_STRING) {
                e.argName = p.getText();
            } else if (key.equals("detail") && a == JsonToken.VALUE_STRING) {
                e.detail = p.getText();
            } else {
                p.skipChildren();
            }
        }
    }

    private void event(Event e, JsonLocation at) throws TraceFormatException {
        if (e.ph == null) {
            throw error(at, "expected a \"ph\" (phase) field in the event");
        }
        String key = e.pid + "/" + e.tid;
        switch (e.ph) {
            case "M" -> {
                if ("thread_name".equals(e.name) && e.argName != null) {
                    builder.thread(key, e.argName, idNumber(e.tid)).name = e.argName;
                }
            }
            case "B" -> thread(key, e).begin(required(e.name, at, "name"), nanos(e.ts, at, "ts"), e.insns);
            case "E" -> {
                if (!thread(key, e).end(nanos(e.ts, at, "ts"), e.insns)) {
                    throw error(at, "expected a B event before this E event on pid " + e.pid + " tid " + e.tid);
                }
            }
            case "X" -> {
                long dur = e.dur == null ? 0 : nanos(e.dur, at, "dur");
                thread(key, e).complete(required(e.name, at, "name"), nanos(e.ts, at, "ts"), dur, FrameList.UNKNOWN);
            }
            case "i", "I", "n" -> {
                InstantKind kind = kindOf(e.cat);
                if (kind != null) {
                    thread(key, e).instant(kind, nanos(e.ts, at, "ts"), e.insns, required(e.name, at, "name"), e.detail, 0);
                }
            }
            default -> {
                // counters, flows, async and other phases have no place in a call tree
            }
        }
    }

    private static InstantKind kindOf(String cat) {
        if (cat == null) {
            return null;
        }
        for (InstantKind k : InstantKind.values()) {
            if (k.name().equalsIgnoreCase(cat)) {
                return k;
            }
        }
        return null;
    }

    private ImportBuilder.Thread thread(String key, Event e) {
        return builder.thread(key, "pid " + e.pid + " tid " + e.tid, idNumber(e.tid));
    }

    private static long idNumber(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    private String required(String value, JsonLocation at, String field) throws TraceFormatException {
        if (value == null) {
            throw error(at, "expected a \"" + field + "\" field in the event");
        }
        return value;
    }

    /** Microseconds to whole nanoseconds. */
    private long nanos(BigDecimal micros, JsonLocation at, String field) throws TraceFormatException {
        if (micros == null) {
            throw error(at, "expected a \"" + field + "\" number (microseconds) in the event");
        }
        BigDecimal ns = micros.movePointRight(3);
        if (ns.signum() < 0 || ns.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw error(at, "expected \"" + field + "\" between 0 and 2^62 ns, found " + micros + " us");
        }
        return ns.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    private String text(JsonParser p, JsonToken v, String field) throws IOException, TraceFormatException {
        if (v != JsonToken.VALUE_STRING) {
            throw error(p, "expected a string for \"" + field + "\"");
        }
        return p.getText();
    }

    private String id(JsonParser p, JsonToken v, String field) throws IOException, TraceFormatException {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw error(p, "expected a number or string for \"" + field + "\"");
    }

    private BigDecimal number(JsonParser p, JsonToken v, String field) throws IOException, TraceFormatException {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(p, "expected a number for \"" + field + "\"");
        }
        return p.getDecimalValue();
    }

    private TraceFormatException error(JsonParser p, String what) {
        return error(p.currentTokenLocation(), what);
    }

    private TraceFormatException error(JsonLocation at, String what) {
        return new TraceFormatException(file, "line " + at.getLineNr() + " column " + at.getColumnNr(), what);
    }
}
