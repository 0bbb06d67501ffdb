package org.bootlab.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.bootlab.trace.ChromeTraceImporter;
import org.bootlab.trace.FoldedStacks;
import org.bootlab.trace.InitcallLogImporter;
import org.bootlab.trace.NativeTraceReader;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceFiles;
import org.bootlab.trace.TraceFormatException;
import org.bootlab.trace.TslogText;

/**
 * Every trace reader on arbitrary bytes: only {@link TraceFormatException} may come out, and a
 * trace any of them accepts can be saved in every output format, and the native file read back.
 */
class TraceFuzzTest {

    private static Path scratch;

    /** The File menu's path: the format recognised from the content, then its reader. */
    @FuzzTest
    void anyFormat(byte[] file) throws IOException {
        check(() -> TraceFiles.read(write(file)));
    }

    @FuzzTest
    void nativeFormat(byte[] file) throws IOException {
        check(() -> NativeTraceReader.read(write(file)));
    }

    /**
     * The native reader past its checksums, which mutated files almost never pass: the input is
     * chunks as (type, 16-bit little-endian length, payload), framed here with the magic, the
     * version, varint lengths and a correct CRC-32 each (docs/trace-format.md).
     */
    @FuzzTest
    void nativeChunks(byte[] chunks) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("BLTRACE\0".getBytes(StandardCharsets.US_ASCII));
        file.writeBytes(new byte[] {0, 1, 0, 0});
        ByteBuffer in = ByteBuffer.wrap(chunks).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() >= 3) {
            int type = in.get() & 0xff;
            byte[] payload = new byte[Math.min(in.getShort() & 0xffff, in.remaining())];
            in.get(payload);
            file.write(type);
            for (int n = payload.length; ; n >>>= 7) {
                file.write(n < 0x80 ? n : (n & 0x7f) | 0x80);
                if (n < 0x80) {
                    break;
                }
            }
            file.writeBytes(payload);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(payload);
            int sum = (int) crc.getValue();
            file.writeBytes(new byte[] {(byte) sum, (byte) (sum >>> 8), (byte) (sum >>> 16), (byte) (sum >>> 24)});
        }
        check(() -> NativeTraceReader.read(write(file.toByteArray())));
    }

    @FuzzTest
    void chromeJson(byte[] file) throws IOException {
        check(() -> ChromeTraceImporter.read("fuzz.json", new ByteArrayInputStream(file)));
    }

    @FuzzTest
    void tslog(byte[] file) throws IOException {
        check(() -> TslogText.read("fuzz.tslog", new ByteArrayInputStream(file)));
    }

    @FuzzTest
    void foldedStacks(byte[] file) throws IOException {
        check(() -> FoldedStacks.read("fuzz.folded", new ByteArrayInputStream(file)));
    }

    @FuzzTest
    void initcallDebug(byte[] file) throws IOException {
        check(() -> InitcallLogImporter.read("fuzz.log", new ByteArrayInputStream(file)));
    }

    private interface Reader {
        Trace read() throws IOException, TraceFormatException;
    }

    private static void check(Reader reader) throws IOException {
        Trace trace;
        try {
            trace = reader.read();
        } catch (TraceFormatException e) {
            return;
        }
        for (TraceFiles.OutputFormat format : TraceFiles.OutputFormat.values()) {
            if (format != TraceFiles.OutputFormat.NATIVE) {
                TraceFiles.write(trace, format, OutputStream.nullOutputStream());
            }
        }
        Path saved = scratch().resolve("saved.bltrace");
        saved.toFile().deleteOnExit();
        TraceFiles.write(trace, TraceFiles.OutputFormat.NATIVE, saved);
        try {
            NativeTraceReader.read(saved);
        } catch (TraceFormatException e) {
            throw new AssertionError("a trace BootLab saved does not read back: " + e.getMessage(), e);
        }
    }

    private static Path write(byte[] bytes) throws IOException {
        Path input = scratch().resolve("input");
        input.toFile().deleteOnExit();
        return Files.write(input, bytes);
    }

    private static Path scratch() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("bootlab-trace-fuzz");
                scratch.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scratch;
    }
}
