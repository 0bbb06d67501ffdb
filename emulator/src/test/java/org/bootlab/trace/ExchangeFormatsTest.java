package org.bootlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeFormatsTest {

    @TempDir
    Path dir;

    private static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] chrome(Trace trace) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChromeTraceExporter.write(trace, out);
        return out.toByteArray();
    }

    @Test
    void nativeToChromeAndBackGivesTheSameCallTree() throws Exception {
        Path profile = Tools.repoRoot().resolve("profiles/sysinit-merge.bltrace");
        Trace original = NativeTraceReader.read(profile);
        Trace back = ChromeTraceImporter.read("x.json", new ByteArrayInputStream(chrome(original)));
        TraceTrees.assertSameTrees(original, back, true);
        assertEquals(original.tracks().get(0).instants().size(), back.tracks().get(0).instants().size());

        Path json = dir.resolve("merge.json");
        TraceFiles.write(original, TraceFiles.OutputFormat.CHROME, json);
        assertEquals(TraceFiles.InputFormat.CHROME, TraceFiles.detect("merge.json", Files.readAllBytes(json)));
        if (pythonJson()) {
            Process p = new ProcessBuilder("python3", "-c",
                    "import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d['traceEvents'], list)",
                    json.toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        }
    }

    private static boolean pythonJson() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import json").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void chromeArrayFormAndCompleteEventsNestByTime() throws Exception {
        String json = "[{\"ph\":\"X\",\"name\":\"child\",\"pid\":1,\"tid\":2,\"ts\":1.5,\"dur\":1},"
                + "{\"ph\":\"X\",\"name\":\"parent\",\"pid\":1,\"tid\":2,\"ts\":1,\"dur\":5},"
                + "{\"ph\":\"X\",\"name\":\"sibling\",\"pid\":1,\"tid\":2,\"ts\":6,\"dur\":2},"
                + "{\"ph\":\"C\",\"name\":\"counter\",\"pid\":1,\"ts\":1,\"args\":{\"v\":1}}]";
        Trace t = ChromeTraceImporter.read("a.json", text(json));
        assertEquals(List.of("parent 1000..6000", "  child 1500..2500", "sibling 6000..8000"),
                TraceTrees.tree(t, t.tracks().get(0), false));
    }

    @Test
    void chromeMalformedInputNamesTheLineAndTheExpectation() {
        assertEquals("e.json: line 1 column 2: expected a B event before this E event on pid 1 tid 1",
                assertThrows(TraceFormatException.class, () -> ChromeTraceImporter.read("e.json",
                        text("[{\"ph\":\"E\",\"pid\":1,\"tid\":1,\"ts\":5}]"))).getMessage());
        assertTrue(assertThrows(TraceFormatException.class, () -> ChromeTraceImporter.read("e.json",
                text("{\"traceEvents\": [{\"ph\":\"B\",\"name\":\"x\",\n\"ts\": \"soon\"}]}"))).getMessage()
                .startsWith("e.json: line 2 column"));
        assertTrue(assertThrows(TraceFormatException.class, () -> ChromeTraceImporter.read("e.json",
                text("[{\"ph\":\"B\",\"name\":\"x\",\"ts\":1"))).getMessage().contains("malformed JSON"));
        assertTrue(assertThrows(TraceFormatException.class, () -> ChromeTraceImporter.read("e.json",
                text("{\"displayTimeUnit\":\"ns\"}"))).getMessage().contains("expected a \"traceEvents\" array"));
        assertTrue(assertThrows(TraceFormatException.class, () -> ChromeTraceImporter.read("e.json",
                text("[" + "{\"ph\":\"X\",\"name\":\"x\",\"ts\":1},".repeat(11) + "{}]"), 10)).getMessage()
                .contains("more than 10 events"));
    }

    private static final String TSLOG = """
            Booting...
            ---- tslog begin ----
            0x8022b030 1000 ENTER mi_startup
            0x8022b030 1100 THREAD swapper
            0x8022b030 2000 ENTER SYSINIT announce
            0x8022b030 2100 ENTER print_caddr_t
            0x8022b030 2900 EXIT print_caddr_t
            0x8022b030 3000 EXIT SYSINIT announce
            0x8022b030 3500 EVENT WAIT disk
            0x8022b030 9000 EXIT mi_startup
            ---- tslog end ----
            Powering off...
            """;

    private static final String INITCALLS = """
            [    0.000001] calling  mi_startup+0x0/0x40 @ 1
            [    0.000002] calling  announce+0x0/0x88 @ 1
            [    0.000002] Copyright (c) 2026
            [    0.000003] initcall announce+0x0/0x88 returned 0 after 1 usecs
            [    0.000009] initcall mi_startup+0x0/0x40 returned 0 after 8 usecs
            """;

    @Test
    void aFreeBsdTslogAndALinuxInitcallLogGiveTheSameModel() throws Exception {
        Trace tslog = TslogText.read("boot.log", text(TSLOG));
        assertEquals("tslog swapper 0x8022b030", tslog.tracks().get(0).name());
        assertEquals(List.of("mi_startup 1000..9000", "  SYSINIT announce 2000..3000", "    print_caddr_t 2100..2900"),
                TraceTrees.tree(tslog, tslog.tracks().get(0), false));
        assertEquals(InstantKind.TSLOG_EVENT, tslog.tracks().get(0).instants().kind(1));

        Trace linux = InitcallLogImporter.read("dmesg.txt", text(INITCALLS));
        assertEquals("pid 1", linux.tracks().get(0).name());
        assertEquals(List.of("mi_startup 1000..9000", "  announce 2000..3000"),
                TraceTrees.tree(linux, linux.tracks().get(0), false));

        Trace unstamped = InitcallLogImporter.read("d", text("calling  a+0x0/0x1 @ 1\ninitcall a+0x0/0x1 returned 0 after 12 usecs\n"));
        assertEquals(List.of("a 0..12000"), TraceTrees.tree(unstamped, unstamped.tracks().get(0), false));
    }

    @Test
    void tslogAndFoldedExportsReadBack() throws Exception {
        Trace t = TslogText.read("boot.log", text(TSLOG));
        StringWriter w = new StringWriter();
        TslogText.write(t, w);
        Trace back = TslogText.read("again.log", text(w.toString()));
        TraceTrees.assertSameTrees(t, back, false);

        Trace sample = TraceTrees.sample();
        StringWriter folded = new StringWriter();
        FoldedStacks.write(sample, folded);
        assertEquals("_start 300\n_start;mi_startup 150\n_start;mi_startup;print_caddr_t 250\n"
                + "_start;mi_startup;printf 500\n", folded.toString());
        Trace f = FoldedStacks.read("f.folded", text(folded.toString()));
        // Each frame's self time comes first, then its children's lines, end to end.
        assertEquals(List.of("_start 0..1200", "  mi_startup 300..1200", "    print_caddr_t 450..700",
                "    printf 700..1200"), TraceTrees.tree(f, f.tracks().get(0), false));
    }

    @Test
    void textImportersNameTheBadLine() {
        assertEquals("t.log: line 3: expected a tslog record '<thread> <timestamp> <ENTER|EXIT|THREAD|EVENT> <name>[ <arg>]'",
                assertThrows(TraceFormatException.class, () -> TslogText.read("t.log",
                        text("---- tslog begin ----\n0x0 1 ENTER a\n0x0 two EXIT a\n"))).getMessage());
        assertTrue(assertThrows(TraceFormatException.class, () -> TslogText.read("t.log", text("nothing here\n")))
                .getMessage().contains("expected tslog records"));
        assertEquals("d.txt: line 2: expected 'calling  FUNCTION+0xOFF/0xSIZE @ PID'",
                assertThrows(TraceFormatException.class, () -> InitcallLogImporter.read("d.txt",
                        text("[ 0.1] hello\n[ 0.2] calling  broken\n"))).getMessage());
        assertEquals("f.folded: line 2: expected 'frame;frame;... COUNT' with a whole COUNT of 0 or more",
                assertThrows(TraceFormatException.class, () -> FoldedStacks.read("f.folded",
                        text("a;b 1\na;b many\n"))).getMessage());
        assertTrue(assertThrows(TraceFormatException.class, () -> FoldedStacks.read("f.folded",
                text("a".repeat(LineReader.MAX_LINE + 10) + " 1\n"))).getMessage().contains("line 1: expected a line of at most"));
    }

    @Test
    void formatsAreRecognisedFromTheContent() throws Exception {
        assertEquals(TraceFiles.InputFormat.TSLOG, TraceFiles.detect("x", TSLOG.getBytes()));
        assertEquals(TraceFiles.InputFormat.INITCALL_DEBUG, TraceFiles.detect("x", INITCALLS.getBytes()));
        assertEquals(TraceFiles.InputFormat.FOLDED, TraceFiles.detect("x", "a;b 12\n".getBytes()));
        assertEquals(TraceFiles.InputFormat.TSLOG, TraceFiles.detect("x", "0x0 12 ENTER f\n".getBytes()));
        assertEquals(TraceFiles.InputFormat.CHROME, TraceFiles.detect("x", " [{}]".getBytes()));
        assertTrue(assertThrows(TraceFormatException.class, () -> TraceFiles.detect("x", "just words".getBytes()))
                .getMessage().startsWith("x: line 1: expected a trace"));
    }
}
