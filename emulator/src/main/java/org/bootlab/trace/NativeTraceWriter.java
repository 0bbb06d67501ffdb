package org.bootlab.trace;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SysinitEntry;

/**
 * Writes a {@link Trace} in the native format (docs/trace-format.md) while it grows: each
 * {@link #flush()} appends chunks with what was recorded since the last one, so a reader can
 * follow the file. The file is written as {@code NAME.part} beside the target and renamed over
 * it by {@link #finish()}: the target is either the old file or the complete new one. Closing
 * without finishing deletes the partial file.
 *
 * <p>The bytes depend only on the trace and on when flush is called, never on the wall clock or
 * the host, so the same boot flushed at the same points gives the same file.
 */
public final class NativeTraceWriter implements Closeable {

    private final Trace trace;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final ChunkBuffer chunk = new ChunkBuffer();
    private final CRC32 crc = new CRC32();
    private final Map<String, String> infoWritten = new HashMap<>();
    private final List<TrackCursor> cursors = new ArrayList<>();
    private int namesWritten;
    /** The track of the events chunk being filled. */
    private int eventsTrack;
    private int consoleWritten;
    private boolean finished;

    /** Per track: how far its frames and instants have been written, and the delta bases. */
    private static final class TrackCursor {
        int nextFrame;
        int[] open = new int[64];
        int openTop;
        long callTime;
        long callInsns;
        int instantsWritten;
        long instantTime;
        long instantInsns;
    }

    private NativeTraceWriter(Trace trace, Path target) throws IOException {
        this.trace = trace;
        this.target = target;
        this.temp = target.resolveSibling(target.getFileName() + ".part");
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /** Starts the file: the header, the trace's info, symbols and SYSINITs. */
    public static NativeTraceWriter open(Trace trace, Path target) throws IOException {
        NativeTraceWriter w = new NativeTraceWriter(trace, target);
        try {
            w.writeHeader();
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    /** Writes a whole trace to {@code target}. */
    public static void write(Trace trace, Path target) throws IOException {
        try (NativeTraceWriter w = open(trace, target)) {
            w.finish();
        }
    }

    private void writeHeader() throws IOException {
        out.write(TraceFormat.MAGIC);
        out.write(new byte[] {0, TraceFormat.MAJOR, 0, TraceFormat.MINOR});
        chunk.reset();
        writeInfo();
        endChunk(TraceFormat.INFO);

        chunk.reset();
        List<Symbol> symbols = trace.symbols();
        chunk.varint(symbols.size());
        for (Symbol s : symbols) {
            chunk.string(s.name());
            chunk.varint(s.address());
            chunk.varint(s.size());
            chunk.u8(s.kind().ordinal());
            chunk.string(s.section() == null ? "" : s.section());
        }
        endChunk(TraceFormat.SYMBOLS);

        chunk.reset();
        List<SysinitEntry> sysinits = trace.sysinits();
        chunk.varint(sysinits.size());
        for (SysinitEntry e : sysinits) {
            chunk.varint(e.index());
            chunk.varint(e.subsystem());
            chunk.string(e.subsystemName());
            chunk.varint(e.order());
            chunk.varint(e.structAddress());
            chunk.varint(e.function());
            chunk.string(e.functionName());
            chunk.varint(e.udata());
            chunk.string(e.name());
        }
        endChunk(TraceFormat.SYSINITS);
    }

    /** The info properties not yet written (or changed), as count + key/value pairs. */
    private void writeInfo() {
        List<Map.Entry<String, String>> fresh = new ArrayList<>();
        for (Map.Entry<String, String> e : trace.info().asMap().entrySet()) {
            if (!e.getValue().equals(infoWritten.get(e.getKey()))) {
                fresh.add(e);
            }
        }
        chunk.varint(fresh.size());
        for (Map.Entry<String, String> e : fresh) {
            chunk.string(e.getKey());
            chunk.string(e.getValue());
            infoWritten.put(e.getKey(), e.getValue());
        }
    }

    /** Appends everything recorded since the last flush and pushes it to the file. */
    public void flush() throws IOException {
        writeNames();
        List<Track> tracks = trace.tracks();
        while (cursors.size() < tracks.size()) {
            Track t = tracks.get(cursors.size());
            chunk.reset();
            chunk.varint(cursors.size());
            chunk.u8(t.kind().ordinal());
            chunk.string(t.name());
            chunk.varint(t.id());
            endChunk(TraceFormat.TRACK);
            cursors.add(new TrackCursor());
        }
        for (int i = 0; i < cursors.size(); i++) {
            writeCalls(i, tracks.get(i).frames(), cursors.get(i));
            writeInstants(i, tracks.get(i).instants(), cursors.get(i));
        }
        String console = trace.console();
        if (console.length() > consoleWritten) {
            int from = consoleWritten;
            while (from < console.length()) {
                int to = Math.min(console.length(), from + TraceFormat.TARGET_CHUNK);
                if (to < console.length() && Character.isHighSurrogate(console.charAt(to - 1))) {
                    to--;
                }
                chunk.reset();
                chunk.string(console.substring(from, to));
                endChunk(TraceFormat.CONSOLE);
                from = to;
            }
            consoleWritten = console.length();
        }
        out.flush();
    }

    private void writeNames() throws IOException {
        NameTable names = trace.names();
        while (namesWritten < names.size()) {
            chunk.reset();
            chunk.varint(namesWritten);
            int n = 0;
            ChunkBuffer body = new ChunkBuffer();
            while (namesWritten + n < names.size() && body.size() < TraceFormat.TARGET_CHUNK) {
                body.string(names.name(namesWritten + n));
                n++;
            }
            chunk.varint(n);
            for (int i = 0; i < body.size(); i++) {
                chunk.u8(body.array()[i]);
            }
            endChunk(TraceFormat.NAMES);
            namesWritten += n;
        }
    }

    /**
     * Turns the frames into enter/exit events: before frame i enters, every written frame that is
     * not its ancestor exits (it ended before i started). Frames at the top of the written stack
     * that have closed exit too; open ones wait for a later flush.
     */
    private void writeCalls(int trackIndex, FrameList frames, TrackCursor c) throws IOException {
        int size = frames.size();
        if (c.nextFrame == size && (c.openTop == 0 || frames.isOpen(c.open[c.openTop - 1]))) {
            return;
        }
        startEvents(trackIndex);
        while (c.nextFrame < size) {
            int i = c.nextFrame++;
            int parent = frames.parent(i);
            while (c.openTop > 0 && c.open[c.openTop - 1] != parent) {
                writeExit(frames, c, c.open[--c.openTop], frames.start(i));
            }
            int sysinit = frames.sysinit(i);
            if (sysinit == FrameList.NO_SYSINIT) {
                chunk.varint(((long) frames.name(i) << 2) | TraceFormat.TAG_ENTER);
            } else {
                chunk.varint(((long) frames.name(i) << 2) | TraceFormat.TAG_ENTER_SYSINIT);
                chunk.varint(sysinit);
            }
            chunk.zigzag(frames.start(i) - c.callTime);
            chunk.zigzag(frames.startInsns(i) - c.callInsns);
            c.callTime = frames.start(i);
            c.callInsns = frames.startInsns(i);
            if (c.openTop == c.open.length) {
                c.open = java.util.Arrays.copyOf(c.open, c.openTop * 2);
            }
            c.open[c.openTop++] = i;
            cutIfFull(TraceFormat.CALLS);
        }
        while (c.openTop > 0 && !frames.isOpen(c.open[c.openTop - 1])) {
            writeExit(frames, c, c.open[--c.openTop], 0);
        }
        endChunk(TraceFormat.CALLS);
    }

    private void writeExit(FrameList frames, TrackCursor c, int frame, long fallbackTime) throws IOException {
        long end = frames.isOpen(frame) ? fallbackTime : frames.end(frame);
        long endInsns = frames.isOpen(frame) ? c.callInsns : frames.endInsns(frame);
        chunk.varint(TraceFormat.TAG_EXIT);
        chunk.zigzag(end - c.callTime);
        chunk.zigzag(endInsns - c.callInsns);
        c.callTime = end;
        c.callInsns = endInsns;
        cutIfFull(TraceFormat.CALLS);
    }

    private void writeInstants(int trackIndex, InstantList in, TrackCursor c) throws IOException {
        if (c.instantsWritten == in.size()) {
            return;
        }
        startEvents(trackIndex);
        while (c.instantsWritten < in.size()) {
            int i = c.instantsWritten++;
            chunk.u8(in.kind(i).ordinal());
            chunk.varint(in.name(i));
            chunk.varint(in.detail(i) + 1L);
            chunk.varint(in.arg(i));
            chunk.zigzag(in.time(i) - c.instantTime);
            chunk.zigzag(in.insns(i) - c.instantInsns);
            c.instantTime = in.time(i);
            c.instantInsns = in.insns(i);
            cutIfFull(TraceFormat.INSTANTS);
        }
        endChunk(TraceFormat.INSTANTS);
    }

    private void startEvents(int trackIndex) {
        eventsTrack = trackIndex;
        chunk.reset();
        chunk.varint(trackIndex);
    }

    /** Ends an events chunk that has grown past the target size and starts the next. */
    private void cutIfFull(int type) throws IOException {
        if (chunk.size() >= TraceFormat.TARGET_CHUNK) {
            endChunk(type);
            startEvents(eventsTrack);
        }
    }

    private void endChunk(int type) throws IOException {
        ChunkBuffer header = new ChunkBuffer();
        header.u8(type);
        header.varint(chunk.size());
        out.write(header.array(), 0, header.size());
        out.write(chunk.array(), 0, chunk.size());
        crc.reset();
        crc.update(type);
        crc.update(chunk.array(), 0, chunk.size());
        int v = (int) crc.getValue();
        out.write(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
        chunk.reset();
    }

    /** Writes the rest and the END chunk, syncs, and renames the file into place. */
    public void finish() throws IOException {
        flush();
        chunk.reset();
        chunk.varint(trace.endTime());
        chunk.zigzag(trace.endInsns());
        writeInfo();
        endChunk(TraceFormat.END);
        out.flush();
        channel.force(true);
        out.close();
        finished = true;
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                out.close(); // flushes, which fails again if the disk is full
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
