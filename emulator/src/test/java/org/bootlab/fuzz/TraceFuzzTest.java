package org.bootlab.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
