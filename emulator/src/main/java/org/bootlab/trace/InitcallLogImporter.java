package org.bootlab.trace;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Linux dmesg taken with {@code initcall_debug}: {@code calling  foo+0x0/0x40 @ 1} opens
 * a frame named foo on the thread of pid 1, {@code initcall foo+0x0/0x40 returned 0 after 12 usecs}
 * closes it. Times come from the printk timestamps ({@code [    0.027673]}) when present, else
 * the "after N usecs" durations are laid end to end. Other dmesg lines are skipped; a line that
 * starts like an initcall line but does not parse is an error.
 */
public final class InitcallLogImporter {

    private static final Pattern STAMP = Pattern.compile("^(?:<\\d+>)?\\[\\s*(\\d{1,9})\\.(\\d{1,9})\\]\\s?");
    private static final Pattern CALLING = Pattern.compile("calling {1,2}([^\\s+]+)(?:\\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+)?(?: \\[[^\\]]*\\])? @ (\\d{1,9})\\s*");
    private static final Pattern RETURNED = Pattern.compile("initcall ([^\\s+]+)(?:\\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+)?(?: \\[[^\\]]*\\])? returned (-?\\d+) after (\\d{1,15}) usecs\\s*");

    private InitcallLogImporter() {
    }

    public static Trace read(String file, InputStream in) throws IOException, TraceFormatException {
        return read(file, in, NativeTraceReader.MAX_EVENTS);
    }

    static Trace read(String file, InputStream in, long maxEvents) throws IOException, TraceFormatException {
        Trace trace = new Trace();
        trace.info().set(TraceInfo.SOURCE, "initcall_debug");
        trace.info().set(TraceInfo.SOURCE_FILE, file);
        ImportBuilder builder = new ImportBuilder(trace, maxEvents);
        LineReader lines = new LineReader(file, in);
        long clock = 0;
        boolean any = false;
        String line;
        while ((line = lines.next()) != null) {
            Matcher stamp = STAMP.matcher(line);
            boolean stamped = stamp.find();
            String text = stamped ? line.substring(stamp.end()) : line.strip();
            if (stamped) {
                String frac = (stamp.group(2) + "000000000").substring(0, 9);
                clock = Math.max(clock, Long.parseLong(stamp.group(1)) * 1_000_000_000L + Long.parseLong(frac));
            }
            if (text.startsWith("calling ")) {
                Matcher m = CALLING.matcher(text);
                if (!m.matches()) {
                    throw lines.error("expected 'calling  FUNCTION+0xOFF/0xSIZE @ PID'");
                }
                if (!builder.count()) {
                    throw lines.error("more than " + maxEvents + " initcalls: refusing to load a log this large");
                }
                String pid = m.group(2);
                builder.thread(pid, "pid " + pid, Long.parseLong(pid)).begin(m.group(1), clock, FrameList.UNKNOWN);
                any = true;
            } else if (text.startsWith("initcall ") && text.contains(" returned ")) {
                Matcher m = RETURNED.matcher(text);
                if (!m.matches()) {
                    throw lines.error("expected 'initcall FUNCTION+0xOFF/0xSIZE returned CODE after N usecs'");
                }
                long duration = Long.parseLong(m.group(3)) * 1000;
                if (!stamped) {
                    if (clock > Long.MAX_VALUE / 4 - duration) {
                        throw lines.error("expected durations that add up to less than 2^61 ns");
                    }
                    clock += duration;
                }
                ImportBuilder.Thread owner = ownerOf(builder, trace, m.group(1));
                if (owner != null) {
                    owner.end(clock, FrameList.UNKNOWN);
                } else {
                    // Its "calling" line was lost (the log starts later): the duration still tells.
                    if (!builder.count()) {
                        throw lines.error("more than " + maxEvents + " initcalls: refusing to load a log this large");
                    }
                    builder.thread("?", "pid ?", -1).complete(m.group(1), Math.max(0, clock - duration), duration,
                            FrameList.UNKNOWN);
                }
                any = true;
            }
        }
        if (!any) {
            throw TraceFormatException.atLine(file, Math.max(1, lines.lineNumber()),
                    "expected initcall_debug lines ('calling  foo+0x0/0x40 @ 1'), found none");
        }
        return builder.build();
    }

    /** The thread whose innermost open initcall is {@code name}. */
    private static ImportBuilder.Thread ownerOf(ImportBuilder builder, Trace trace, String name) {
        int id = trace.names().find(name);
        if (id < 0) {
            return null;
        }
        for (ImportBuilder.Thread t : builder.threads()) {
            if (t.openName() == id) {
                return t;
            }
        }
        return null;
    }
}
