package org.bootlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeFormatTest {

    @TempDir
    Path dir;

    private byte[] sampleBytes() throws IOException {
        Path file = dir.resolve("sample.bltrace");
        NativeTraceWriter.write(TraceTrees.sample(), file);
        return Files.readAllBytes(file);
    }

    private static TraceFormatException malformed(byte[] bytes) {
        return assertThrows(TraceFormatException.class,
                () -> new NativeTraceReader("bad.bltrace", 1000).read(new ByteArrayInputStream(bytes), false));
    }

    @Test
    void roundTripKeepsEverything() throws Exception {
        Trace original = TraceTrees.sample();
        Path file = dir.resolve("t.bltrace");
        NativeTraceWriter.write(original, file);
        assertFalse(Files.exists(dir.resolve("t.bltrace.part")), "the temporary file is renamed away");
        Trace read = NativeTraceReader.read(file);
        TraceTrees.assertSameTrees(original, read, true);
        assertEquals(original.info().asMap(), read.info().asMap());
        assertEquals(original.sysinits(), read.sysinits());
        assertEquals(original.symbols(), read.symbols());
        assertEquals(original.console(), read.console());
        assertEquals(1200, read.endTime());
        assertEquals(1150, read.endInsns());
        assertEquals(0, read.tracks().get(0).frames().sysinit(2));
        InstantList in = read.tracks().get(0).instants();
        assertEquals(2, in.size());
        assertEquals(InstantKind.INTERRUPT, in.kind(1));
        assertEquals("supervisor timer interrupt", read.name(in.name(1)));
        assertEquals(5, in.arg(1));
    }

    @Test
    void aFileBeingWrittenReadsUpToItsLastFlush() throws Exception {
        Trace trace = new Trace();
        Track hart = trace.addTrack(Track.Kind.HART, "hart 0", 0);
        int root = hart.frames().open(trace.names().intern("kernel"), -1, 0, 0, FrameList.NO_SYSINIT);
        Path file = dir.resolve("live.bltrace");
        try (NativeTraceWriter w = NativeTraceWriter.open(trace, file)) {
            int child = hart.frames().open(trace.names().intern("child"), root, 10, 10, FrameList.NO_SYSINIT);
            hart.frames().close(child, 20, 20);
            w.flush();
            Trace partial = NativeTraceReader.readPartial(dir.resolve("live.bltrace.part"));
            assertEquals(2, partial.tracks().get(0).frames().size());
            assertTrue(partial.tracks().get(0).frames().isOpen(0));
            assertEquals(20, partial.tracks().get(0).frames().end(1));
            assertThrows(TraceFormatException.class, () -> NativeTraceReader.read(dir.resolve("live.bltrace.part")));
        }
        assertFalse(Files.exists(file), "closing without finish leaves no file");
        assertFalse(Files.exists(dir.resolve("live.bltrace.part")));
    }

    @Test
    void atMost16BytesPerCallEvent() throws Exception {
        Trace trace = new Trace();
        Track hart = trace.addTrack(Track.Kind.HART, "hart 0", 0);
        FrameList f = hart.frames();
        int root = f.open(trace.names().intern("root"), -1, 0, 0, FrameList.NO_SYSINIT);
        long t = 0;
        for (int i = 0; i < 100_000; i++) {
            int c = f.open(trace.names().intern("fn" + (i % 200)), root, t += 37, t / 2, FrameList.NO_SYSINIT);
            f.close(c, t += 1234, t / 2);
        }
        trace.finish(t + 1, t / 2);
        Path file = dir.resolve("big.bltrace");
        NativeTraceWriter.write(trace, file);
        double perEvent = Files.size(file) / (2.0 * f.size());
        assertTrue(perEvent <= 16, perEvent + " bytes per call event");
    }

    @Test
    void rejectsWhatIsNotATrace() {
        TraceFormatException e = malformed("hello world, not a trace".getBytes());
        assertEquals("bad.bltrace: offset 0: not a BootLab trace: expected the magic bytes \"BLTRACE\\0\"", e.getMessage());
    }

    @Test
    void rejectsAnotherMajorVersion() throws IOException {
        byte[] b = sampleBytes();
        b[9] = 2;
        assertTrue(malformed(b).getMessage().contains("offset 8: format version 2.0 is not supported"));
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] b = sampleBytes();
        String m = malformed(Arrays.copyOf(b, b.length - 3)).getMessage();
        assertTrue(m.contains("is truncated: expected"), m);
        String m2 = malformed(Arrays.copyOf(b, 12)).getMessage();
        assertTrue(m2.contains("offset 12: expected a chunk or the END chunk"), m2);
    }

    @Test
    void rejectsACorruptedChunk() throws IOException {
        byte[] b = sampleBytes();
        b[b.length - 20] ^= 0x55;
        assertTrue(malformed(b).getMessage().contains("checksum mismatch"));
    }

    @Test
    void rejectsAnOversizedChunkWithoutReadingIt() throws IOException {
        byte[] b = Arrays.copyOf(sampleBytes(), 18);
        b[12] = 1;
        b[13] = (byte) 0xff;
        b[14] = (byte) 0xff;
        b[15] = (byte) 0xff;
        b[16] = (byte) 0xff;
        b[17] = 0x0f;
        assertTrue(malformed(b).getMessage().contains("offset 13: chunk length 4294967295 exceeds"));
    }

    /** A valid header followed by one chunk with {@code payload}, checksummed. */
    private static byte[] withChunk(int type, byte[]... payloads) {
        ChunkBuffer out = new ChunkBuffer();
        for (byte x : TraceFormat.MAGIC) {
            out.u8(x);
        }
        out.u8(0);
        out.u8(1);
        out.u8(0);
        out.u8(0);
        for (byte[] payload : payloads) {
            int t = payload[0];
            out.u8(t);
            out.varint(payload.length - 1);
            for (int i = 1; i < payload.length; i++) {
                out.u8(payload[i]);
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(t);
            crc.update(payload, 1, payload.length - 1);
            int v = (int) crc.getValue();
            out.u8(v);
            out.u8(v >>> 8);
            out.u8(v >>> 16);
            out.u8(v >>> 24);
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    @Test
    void rejectsEventsThatDoNotMakeATree() {
        byte[] track = {TraceFormat.TRACK, 0, 0, 1, 'h', 0};
        byte[] names = {TraceFormat.NAMES, 0, 1, 1, 'f'};
        byte[] exitFirst = {TraceFormat.CALLS, 0, 1, 0, 0};
        assertTrue(malformed(withChunk(0, track, names, exitFirst)).getMessage()
                .contains("expected an ENTER: EXIT with no open frame"));
        byte[] unknownName = {TraceFormat.CALLS, 0, 4 << 2, 0, 0};
        assertTrue(malformed(withChunk(0, track, names, unknownName)).getMessage()
                .contains("expected a defined name id (< 1), found 4"));
        byte[] backwards = {TraceFormat.CALLS, 0, 0, 20, 0, 0, 1, 0};
        assertTrue(malformed(withChunk(0, track, names, backwards)).getMessage().contains("ns earlier"));
        byte[] noTrack = {TraceFormat.CALLS, 3, 0, 0, 0};
        assertTrue(malformed(withChunk(0, noTrack)).getMessage().contains("expected a declared track"));
        byte[] hugeCount = {TraceFormat.INFO, (byte) 0xff, (byte) 0xff, 0x7f};
        assertTrue(malformed(withChunk(0, hugeCount)).getMessage().contains("expected a count the chunk can hold"));
    }

    @Test
    void refusesMoreEventsThanItsLimit() {
        byte[] track = {TraceFormat.TRACK, 0, 0, 1, 'h', 0};
        byte[] names = {TraceFormat.NAMES, 0, 1, 1, 'f'};
        byte[] many = new byte[1 + 1 + 3 * 1001];
        many[0] = TraceFormat.CALLS;
        // 1001 ENTERs of name 0 with zero deltas: more than the reader's limit of 1000 here.
        assertTrue(malformed(withChunk(0, track, names, many)).getMessage().contains("more than 1000 events"));
    }
}
