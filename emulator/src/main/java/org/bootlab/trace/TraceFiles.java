package org.bootlab.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opening and saving traces in every format BootLab knows, for the CLI and the GUI's File menu:
 * the input format is recognised from the content, the output format is named.
 */
public final class TraceFiles {

    /** The formats a trace can be read from. */
    public enum InputFormat { NATIVE, CHROME, TSLOG, FOLDED, INITCALL_DEBUG }

    /** The formats a trace can be written in. */
    public enum OutputFormat {
        NATIVE, CHROME, FOLDED, TSLOG;

        /** The format for a command-line name: native, chrome, folded or tslog. */
        public static OutputFormat named(String name) {
            for (OutputFormat f : values()) {
                if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    private TraceFiles() {
    }

    /** Reads a trace in any input format, recognised from its first bytes. */
    public static Trace read(Path file) throws IOException, TraceFormatException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new TraceFormatException(name, "offset 0", "expected a trace file, found a directory");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(8192);
            byte[] head = in.readNBytes(8192);
            in.reset();
            return switch (detect(name, head)) {
                case NATIVE -> new NativeTraceReader(name, NativeTraceReader.MAX_EVENTS).read(in, false);
                case CHROME -> ChromeTraceImporter.read(name, in);
                case TSLOG -> TslogText.read(name, in);
                case INITCALL_DEBUG -> InitcallLogImporter.read(name, in);
                case FOLDED -> FoldedStacks.read(name, in);
            };
        }
    }

    /** Which format {@code head}, a file's first bytes, looks like. */
    static InputFormat detect(String file, byte[] head) throws TraceFormatException {
        if (NativeTraceReader.looksLikeNative(head)) {
            return InputFormat.NATIVE;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[") && !trimmed.matches("(?s)\\[\\s*\\d+\\.\\d+\\].*")) {
            return InputFormat.CHROME;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\\R")));
        if (head.length == 8192 && lines.size() > 1) {
            lines.remove(lines.size() - 1); // possibly cut short
        }
        for (String l : lines) {
            if (l.strip().equals(TslogText.BEGIN)) {
                return InputFormat.TSLOG;
            }
        }
        for (String l : lines) {
            if (l.contains("calling  ") || l.matches(".*initcall \\S+ returned .*")) {
                return InputFormat.INITCALL_DEBUG;
            }
        }
        for (String l : lines) {
            if (!l.isBlank()) {
                if (TslogText.RECORD.matcher(l.strip()).matches()) {
                    return InputFormat.TSLOG;
                }
                if (l.matches(".*\\S \\d+\\s*")) {
                    return InputFormat.FOLDED;
                }
                break;
            }
        }
        throw new TraceFormatException(file, "line 1", "expected a trace: a BootLab trace, Chrome Trace Event JSON, "
                + "a FreeBSD tslog, folded stacks or a Linux initcall_debug log");
    }

    /** Writes {@code trace} to {@code file} in {@code format}, atomically (a temporary file, then a rename). */
    public static void write(Trace trace, OutputFormat format, Path file) throws IOException {
        if (format == OutputFormat.NATIVE) {
            NativeTraceWriter.write(trace, file);
            return;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".part");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                write(trace, format, out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes a text format (chrome, folded, tslog) to a stream. */
    public static void write(Trace trace, OutputFormat format, OutputStream out) throws IOException {
        switch (format) {
            case CHROME -> ChromeTraceExporter.write(trace, out);
            case FOLDED, TSLOG -> {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                if (format == OutputFormat.FOLDED) {
                    FoldedStacks.write(trace, w);
                } else {
                    TslogText.write(trace, w);
                }
                w.flush();
            }
            case NATIVE -> throw new IllegalArgumentException("the native format is written to a file");
        }
    }

    /**
     * The tracks a tslog holds: the THREAD tracks (the guest's TSLOG threads or an imported log's
     * threads) when there are any, else the HART tracks' call frames.
     */
    static List<Track> logTracks(Trace trace) {
        return tracks(trace, Track.Kind.THREAD, Track.Kind.HART);
    }

    /** The tracks folded stacks hold: the HART tracks' call stacks when there are any, else the threads. */
    static List<Track> stackTracks(Trace trace) {
        return tracks(trace, Track.Kind.HART, Track.Kind.THREAD);
    }

    private static List<Track> tracks(Trace trace, Track.Kind preferred, Track.Kind otherwise) {
        List<Track> first = new ArrayList<>();
        List<Track> second = new ArrayList<>();
        for (Track t : trace.tracks()) {
            (t.kind() == preferred ? first : second).add(t);
        }
        return first.isEmpty() ? second : first;
    }
}
