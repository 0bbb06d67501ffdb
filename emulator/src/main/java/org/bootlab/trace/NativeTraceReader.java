package org.bootlab.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SysinitEntry;

/**
 * Reads the native format (docs/trace-format.md) into a {@link Trace}. Every malformation is a
 * {@link TraceFormatException} naming the file, the byte offset and what was expected; memory
 * stays bounded whatever the input (one chunk of at most 16 MiB at a time, capped counts).
 */
public final class NativeTraceReader {

    /** At most this many call and instant events (about 400 MB of model). */
    public static final long MAX_EVENTS = 16_000_000;
    static final int MAX_STRING = 1 << 20;
    static final long MAX_NAME_BYTES = 256L << 20;
    static final int MAX_TRACKS = 4096;

    private final String file;
    private final long maxEvents;
    private final Trace trace = new Trace();
    private final List<TrackState> tracks = new ArrayList<>();
    private long events;
    private long nameBytes;
    private boolean ended;

    private static final class TrackState {
        final Track track;
        int[] open = new int[64];
        int openTop;
        long callTime;
        long callInsns;
        long instantTime;
        long instantInsns;

        TrackState(Track track) {
            this.track = track;
        }
    }

    NativeTraceReader(String file, long maxEvents) {
        this.file = file;
        this.maxEvents = maxEvents;
    }

    /** Reads a complete trace file. */
    public static Trace read(Path path) throws IOException, TraceFormatException {
        try (InputStream in = Files.newInputStream(path)) {
            return new NativeTraceReader(path.toString(), MAX_EVENTS).read(in, false);
        }
    }

    /**
     * Reads what a file being written holds so far: complete chunks only, with frames still open
     * where the writer has not got to their end.
     */
    public static Trace readPartial(Path path) throws IOException, TraceFormatException {
        try (InputStream in = Files.newInputStream(path)) {
            return new NativeTraceReader(path.toString(), MAX_EVENTS).read(in, true);
        }
    }

    /** Whether {@code head} (the first bytes of a file) starts like a native trace. */
    public static boolean looksLikeNative(byte[] head) {
        return head.length >= TraceFormat.MAGIC.length
                && Arrays.equals(Arrays.copyOf(head, TraceFormat.MAGIC.length), TraceFormat.MAGIC);
    }

    Trace read(InputStream raw, boolean partial) throws IOException, TraceFormatException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] header = in.readNBytes(12);
        if (header.length < 12 || !looksLikeNative(header)) {
            throw TraceFormatException.atOffset(file, 0, "not a BootLab trace: expected the magic bytes \"BLTRACE\\0\"");
        }
        int major = ((header[8] & 0xff) << 8) | (header[9] & 0xff);
        int minor = ((header[10] & 0xff) << 8) | (header[11] & 0xff);
        if (major != TraceFormat.MAJOR) {
            throw TraceFormatException.atOffset(file, 8, "format version " + major + "." + minor
                    + " is not supported (this reader reads " + TraceFormat.MAJOR + ".x)");
        }
        long offset = 12;
        CRC32 crc = new CRC32();
        while (true) {
            int type = in.read();
            if (type < 0) {
                if (!ended && !partial) {
                    throw TraceFormatException.atOffset(file, offset,
                            "expected a chunk or the END chunk: the file is incomplete (still being written, or truncated)");
                }
                break;
            }
            if (ended) {
                throw TraceFormatException.atOffset(file, offset, "expected the end of the file after the END chunk");
            }
            long length = 0;
            int shift = 0;
            int lengthBytes = 0;
            while (true) {
                int b = in.read();
                lengthBytes++;
                if (b < 0) {
                    if (partial) {
                        return trace;
                    }
                    throw TraceFormatException.atOffset(file, offset + lengthBytes, "expected a chunk length, found the end of the file");
                }
                length |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
                if (shift > 28) {
                    throw TraceFormatException.atOffset(file, offset + 1, "expected a chunk length of at most 5 bytes");
                }
            }
            if (length > TraceFormat.MAX_CHUNK) {
                throw TraceFormatException.atOffset(file, offset + 1, "chunk length " + length
                        + " exceeds the format's limit of " + TraceFormat.MAX_CHUNK + " bytes");
            }
            long payloadOffset = offset + 1 + lengthBytes;
            byte[] payload = in.readNBytes((int) length);
            byte[] sum = in.readNBytes(4);
            if (payload.length < length || sum.length < 4) {
                if (partial) {
                    return trace;
                }
                throw TraceFormatException.atOffset(file, payloadOffset, "chunk of type " + type + " is truncated: expected "
                        + length + " bytes and a checksum");
            }
            crc.reset();
            crc.update(type);
            crc.update(payload);
            int expected = (sum[0] & 0xff) | (sum[1] & 0xff) << 8 | (sum[2] & 0xff) << 16 | (sum[3] & 0xff) << 24;
            if ((int) crc.getValue() != expected) {
                throw TraceFormatException.atOffset(file, payloadOffset + length,
                        "checksum mismatch: expected the CRC-32 of the chunk of type " + type + " at offset " + offset);
            }
            chunk(type, new Payload(payload, payloadOffset));
            offset = payloadOffset + length + 4;
        }
        return trace;
    }

    private void chunk(int type, Payload p) throws TraceFormatException {
        switch (type) {
            case TraceFormat.INFO -> info(p);
            case TraceFormat.NAMES -> names(p);
            case TraceFormat.SYMBOLS -> symbols(p);
            case TraceFormat.SYSINITS -> sysinits(p);
            case TraceFormat.TRACK -> track(p);
            case TraceFormat.CALLS -> calls(p);
            case TraceFormat.INSTANTS -> instants(p);
            case TraceFormat.CONSOLE -> trace.appendConsole(p.string());
            case TraceFormat.END -> {
                long endTime = p.varint();
                for (TrackState t : tracks) {
                    // Frames still open end at the end time: it cannot come before what happened.
                    if (endTime < t.callTime) {
                        throw p.error("expected an end time at or after the last call event of track "
                                + t.track.name() + " (" + t.callTime + " ns), found " + endTime);
                    }
                }
                long endInsns = p.zigzag();
                info(p);
                trace.finish(endTime, endInsns);
                ended = true;
            }
            default -> {
                return; // a chunk type from a later minor version: skipped
            }
        }
        p.expectEnd();
    }

    private void info(Payload p) throws TraceFormatException {
        long n = p.count(2);
        for (long i = 0; i < n; i++) {
            trace.info().set(p.string(), p.string());
        }
    }

    private void names(Payload p) throws TraceFormatException {
        long first = p.varint();
        NameTable names = trace.names();
        if (first != names.size()) {
            throw p.error("expected names to continue at id " + names.size() + ", not " + first);
        }
        long n = p.count(1);
        for (long i = 0; i < n; i++) {
            long at = p.offset();
            String s = p.string();
            nameBytes += s.length();
            if (nameBytes > MAX_NAME_BYTES) {
                throw p.error("names exceed " + MAX_NAME_BYTES + " bytes: refusing");
            }
            if (names.intern(s) != names.size() - 1 || names.find(s) != names.size() - 1) {
                throw TraceFormatException.atOffset(file, at, "expected a new name, found a repeat of \"" + s + "\"");
            }
        }
    }

    private void symbols(Payload p) throws TraceFormatException {
        long n = p.count(5);
        for (long i = 0; i < n; i++) {
            String name = p.string();
            long address = p.varint();
            long size = p.varint();
            int kind = p.u8();
            if (kind >= Symbol.Kind.values().length) {
                throw p.error("expected a symbol kind 0.." + (Symbol.Kind.values().length - 1) + ", found " + kind);
            }
            String section = p.string();
            trace.symbols().add(new Symbol(name, address, size, Symbol.Kind.values()[kind], section));
        }
    }

    private void sysinits(Payload p) throws TraceFormatException {
        long n = p.count(9);
        for (long i = 0; i < n; i++) {
            int index = (int) p.varint();
            long subsystem = p.varint();
            String subsystemName = p.string();
            long order = p.varint();
            long struct = p.varint();
            long function = p.varint();
            String functionName = p.string();
            long udata = p.varint();
            String name = p.string();
            trace.sysinits().add(new SysinitEntry(index, subsystem, subsystemName, order, struct, function,
                    functionName, udata, name));
        }
    }

    private void track(Payload p) throws TraceFormatException {
        long index = p.varint();
        if (index != tracks.size()) {
            throw p.error("expected track " + tracks.size() + ", found track " + index);
        }
        if (tracks.size() == MAX_TRACKS) {
            throw p.error("more than " + MAX_TRACKS + " tracks: refusing");
        }
        int kind = p.u8();
        if (kind >= Track.Kind.values().length) {
            throw p.error("expected a track kind 0.." + (Track.Kind.values().length - 1) + ", found " + kind);
        }
        String name = p.string();
        long id = p.varint();
        tracks.add(new TrackState(trace.addTrack(Track.Kind.values()[kind], name, id)));
    }

    private TrackState trackOf(Payload p) throws TraceFormatException {
        long index = p.varint();
        if (index < 0 || index >= tracks.size()) {
            throw p.error("expected a declared track (0.." + (tracks.size() - 1) + "), found " + index);
        }
        return tracks.get((int) index);
    }

    private void calls(Payload p) throws TraceFormatException {
        TrackState t = trackOf(p);
        FrameList frames = t.track.frames();
        while (p.remaining() > 0) {
            countEvent(p);
            long tag = p.varint();
            int kind = (int) (tag & 3);
            if (kind == TraceFormat.TAG_EXIT && tag == TraceFormat.TAG_EXIT) {
                long time = nextTime(p, t.callTime, p.zigzag());
                long insns = t.callInsns + p.zigzag();
                if (t.openTop == 0) {
                    throw p.error("expected an ENTER: EXIT with no open frame");
                }
                frames.close(t.open[--t.openTop], time, insns);
                t.callTime = time;
                t.callInsns = insns;
            } else if (kind == TraceFormat.TAG_ENTER || kind == TraceFormat.TAG_ENTER_SYSINIT) {
                long name = tag >>> 2;
                if (name >= trace.names().size()) {
                    throw p.error("expected a defined name id (< " + trace.names().size() + "), found " + name);
                }
                int sysinit = FrameList.NO_SYSINIT;
                if (kind == TraceFormat.TAG_ENTER_SYSINIT) {
                    long s = p.varint();
                    if (s >= trace.sysinits().size()) {
                        throw p.error("expected a SYSINIT index < " + trace.sysinits().size() + ", found " + s);
                    }
                    sysinit = (int) s;
                }
                long time = nextTime(p, t.callTime, p.zigzag());
                long insns = t.callInsns + p.zigzag();
                int parent = t.openTop == 0 ? -1 : t.open[t.openTop - 1];
                if (t.openTop == t.open.length) {
                    t.open = Arrays.copyOf(t.open, t.openTop * 2);
                }
                t.open[t.openTop++] = frames.open((int) name, parent, time, insns, sysinit);
                t.callTime = time;
                t.callInsns = insns;
            } else {
                throw p.error("expected an event tag (ENTER, EXIT or ENTER_SYSINIT), found " + tag);
            }
        }
    }

    private void instants(Payload p) throws TraceFormatException {
        TrackState t = trackOf(p);
        while (p.remaining() > 0) {
            countEvent(p);
            int k = p.u8();
            InstantKind kind = InstantKind.of(k);
            if (kind == null) {
                throw p.error("expected an instant kind 0.." + (InstantKind.values().length - 1) + ", found " + k);
            }
            long name = p.varint();
            long detail = p.varint() - 1;
            if (name >= trace.names().size() || detail >= trace.names().size() || detail < -1) {
                throw p.error("expected defined name ids (< " + trace.names().size() + ")");
            }
            long arg = p.varint();
            long time = nextTime(p, t.instantTime, p.zigzag());
            long insns = t.instantInsns + p.zigzag();
            t.track.instants().add(kind, time, insns, (int) name, (int) detail, arg);
            t.instantTime = time;
            t.instantInsns = insns;
        }
    }

    private long nextTime(Payload p, long last, long delta) throws TraceFormatException {
        if (delta < 0) {
            throw p.error("expected a time at or after " + last + " ns, found one " + (-delta) + " ns earlier");
        }
        long time = last + delta;
        if (time < last) {
            throw p.error("time overflows 64 bits");
        }
        return time;
    }

    private void countEvent(Payload p) throws TraceFormatException {
        if (++events > maxEvents) {
            throw p.error("more than " + maxEvents + " events: refusing to load a trace this large");
        }
    }

    /** One chunk's payload, decoded with its position in the file for error messages. */
    private final class Payload {
        private final byte[] bytes;
        private final long base;
        private int pos;

        Payload(byte[] bytes, long base) {
            this.bytes = bytes;
            this.base = base;
        }

        long offset() {
            return base + pos;
        }

        int remaining() {
            return bytes.length - pos;
        }

        TraceFormatException error(String what) {
            return TraceFormatException.atOffset(file, offset(), what);
        }

        int u8() throws TraceFormatException {
            if (pos >= bytes.length) {
                throw error("expected a byte, found the end of the chunk");
            }
            return bytes[pos++] & 0xff;
        }

        long varint() throws TraceFormatException {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (pos >= bytes.length) {
                    throw error("expected a varint, found the end of the chunk");
                }
                int b = bytes[pos++] & 0xff;
                if (shift == 63 && (b & 0x7e) != 0) {
                    throw error("expected a varint of at most 64 bits");
                }
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw error("expected a varint of at most 10 bytes");
        }

        long zigzag() throws TraceFormatException {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        /** A count of items of at least {@code minBytes} each: never more than the chunk could hold. */
        long count(int minBytes) throws TraceFormatException {
            long n = varint();
            if (n < 0 || n > remaining() / minBytes) {
                throw error("expected a count the chunk can hold (at most " + remaining() / minBytes + "), found "
                        + Long.toUnsignedString(n));
            }
            return n;
        }

        String string() throws TraceFormatException {
            long at = offset();
            long n = varint();
            if (n < 0 || n > remaining() || n > MAX_STRING) { // a 10-byte varint can be negative
                throw TraceFormatException.atOffset(file, at, "expected a string length of at most "
                        + Math.min(remaining(), MAX_STRING) + " bytes, found " + Long.toUnsignedString(n));
            }
            String s = new String(bytes, pos, (int) n, StandardCharsets.UTF_8);
            pos += (int) n;
            return s;
        }

        void expectEnd() throws TraceFormatException {
            if (pos != bytes.length) {
                throw error("expected the end of the chunk, " + remaining() + " bytes remain");
            }
        }
    }
}
