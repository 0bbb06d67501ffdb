package org.bootlab.hostile;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bootlab.trace.TraceFiles;
import org.bootlab.trace.TraceFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace files that lie about their size or nest without end, opened the way the CLI and the
 * File menu open them: a {@link TraceFormatException} naming the file, where, and what was
 * expected, at once and in little memory. The rest of the malformed cases: NativeFormatTest,
 * ExchangeFormatsTest and TraceFuzzTest.
 */
class HostileTraceFilesTest {

    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private String refused(Path file) {
        return assertTimeoutPreemptively(QUICKLY, () -> assertThrows(TraceFormatException.class,
                () -> TraceFiles.read(file))).getMessage();
    }

    @Test
    void aChunkClaimingATebibyteIsRefusedBeforeItIsRead() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("BLTRACE\0".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {0, 1, 0, 0});
        b.write(1); // a chunk type, then its length as a varint: 2^40
        long length = 1L << 40;
        while (length >= 0x80) {
            b.write((int) (length & 0x7f) | 0x80);
            length >>>= 7;
        }
        b.write((int) length);
        Path file = Files.write(dir.resolve("huge.bltrace"), b.toByteArray());
        String message = refused(file);
        assertTrue(message.startsWith(file + ": offset 13: expected a chunk length of at most 5 bytes"), message);
    }

    @Test
    void chromeJsonNestedWithoutEndIsMalformed() throws Exception {
        Path file = Files.writeString(dir.resolve("deep.json"), "{\"traceEvents\": " + "[".repeat(200_000));
        assertTrue(refused(file).startsWith(file + ": "), "names the file");
    }

    @Test
    void aTraceEventCountOfTwoToTheFortyIsJustALongNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("count.json"),
                "{\"traceEvents\": [{\"ph\": \"X\", \"name\": \"x\", \"ts\": 0, \"dur\": 1099511627776}]}");
        assertTimeoutPreemptively(QUICKLY, () -> TraceFiles.read(file));
    }

    @Test
    void aDirectoryOrAnEmptyFileIsNotATrace() throws Exception {
        assertTrue(refused(dir).contains("expected a trace file, found a directory"));
        Path empty = Files.write(dir.resolve("empty.bltrace"), new byte[0]);
        assertTrue(refused(empty).startsWith(empty + ": line 1: expected a trace"), refused(empty));
    }
}
