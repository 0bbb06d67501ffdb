package org.bootlab.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * FlameGraph's folded stacks: {@code frame;frame;frame COUNT} per line. Written in time order
 * with consecutive equal stacks merged and COUNT = self time in nanoseconds, so
 * {@code flamegraph.pl} draws a flame graph and {@code flamegraph.pl --flamechart} a flame chart.
 * Read back, lines are laid end to end on a time axis (COUNT units each), which rebuilds the
 * frames' nesting and self times.
 */
public final class FoldedStacks {

    private FoldedStacks() {
    }

    public static void write(Trace trace, Writer out) {
        PrintWriter w = new PrintWriter(out);
        List<Track> tracks = TraceFiles.stackTracks(trace);
        boolean prefix = tracks.size() > 1;
        for (Track t : tracks) {
            FrameList f = t.frames();
            String last = null;
            long pending = 0;
            for (int i = 0; i < f.size(); i++) {
                String stack = stack(trace, f, i, prefix ? t.name() : null);
                // A frame's whole self time goes on one line, before its children's lines.
                long self = f.selfTime(i);
                if (stack.equals(last)) {
                    pending += self;
                    continue;
                }
                if (last != null && pending > 0) {
                    w.print(last + " " + pending + "\n");
                }
                last = stack;
                pending = self;
            }
            if (last != null && pending > 0) {
                w.print(last + " " + pending + "\n");
            }
        }
        w.flush();
    }

    private static String stack(Trace trace, FrameList f, int i, String root) {
        List<String> names = new ArrayList<>();
        for (int j = i; j >= 0; j = f.parent(j)) {
            names.add(trace.name(f.name(j)).replace(';', ':').replace('\n', ' '));
        }
        if (root != null) {
            names.add(root.replace(';', ':'));
        }
        StringBuilder s = new StringBuilder();
        for (int k = names.size() - 1; k >= 0; k--) {
            s.append(names.get(k));
            if (k > 0) {
                s.append(';');
            }
        }
        return s.toString();
    }

    public static Trace read(String file, InputStream in) throws IOException, TraceFormatException {
        return read(file, in, NativeTraceReader.MAX_EVENTS);
    }

    static Trace read(String file, InputStream in, long maxEvents) throws IOException, TraceFormatException {
        Trace trace = new Trace();
        trace.info().set(TraceInfo.SOURCE, "folded");
        trace.info().set(TraceInfo.SOURCE_FILE, file);
        ImportBuilder builder = new ImportBuilder(trace, maxEvents);
        ImportBuilder.Thread thread = builder.thread("folded", "folded stacks", 0);
        LineReader lines = new LineReader(file, in);
        List<String> open = new ArrayList<>();
        long time = 0;
        String line;
        boolean any = false;
        while ((line = lines.next()) != null) {
            if (line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            long count;
            try {
                count = space <= 0 ? -1 : Long.parseLong(line.substring(space + 1));
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 0) {
                throw lines.error("expected 'frame;frame;... COUNT' with a whole COUNT of 0 or more");
            }
            String[] frames = line.substring(0, space).split(";", -1);
            int common = 0;
            while (common < open.size() && common < frames.length && open.get(common).equals(frames[common])) {
                common++;
            }
            while (open.size() > common) {
                thread.end(time, FrameList.UNKNOWN);
                open.remove(open.size() - 1);
            }
            for (int k = common; k < frames.length; k++) {
                if (!builder.count()) {
                    throw lines.error("more than " + maxEvents + " frames: refusing to load stacks this large");
                }
                thread.begin(frames[k], time, FrameList.UNKNOWN);
                open.add(frames[k]);
            }
            if (count > Long.MAX_VALUE / 4 - time) {
                throw lines.error("expected counts that add up to less than 2^61");
            }
            time += count;
            any = true;
        }
        if (!any) {
            throw TraceFormatException.atLine(file, Math.max(1, lines.lineNumber()),
                    "expected folded stacks ('main;init;probe 42'), found none");
        }
        while (!open.isEmpty()) {
            thread.end(time, FrameList.UNKNOWN);
            open.remove(open.size() - 1);
        }
        return builder.build();
    }
}
