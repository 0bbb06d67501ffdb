package org.bootlab.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class TerminalBufferTest {

    private final TerminalBuffer terminal = new TerminalBuffer();

    private List<ConsoleLine> feed(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        long[] nanos = new long[bytes.length];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 100 + i;
        }
        return terminal.feed(bytes, nanos);
    }

    @Test
    void splitsLinesAndKeepsEachLinesFirstByteTime() {
        List<ConsoleLine> lines = feed("ab\r\ncd\nef");
        assertEquals(2, lines.size());
        assertEquals("ab", lines.get(0).text());
        assertEquals(100, lines.get(0).virtualNanos());
        assertEquals("cd", lines.get(1).text());
        assertEquals(104, lines.get(1).virtualNanos());
        assertEquals("ef", terminal.partial().text());
    }

    @Test
    void backspaceAndCarriageReturnOverwriteAsUBootsCountdownDoes() {
        feed("Hit any key to stop autoboot:  3 \b\b\b 2 ");
        assertEquals("Hit any key to stop autoboot:  2 ", terminal.partial().text());
        feed("\rX");
        assertEquals("Xit any key to stop autoboot:  2 ", terminal.partial().text());
    }

    @Test
    void sgrColoursAndBoldBecomeSpansAndOtherSequencesVanish() {
        List<ConsoleLine> lines = feed("a\u001b[1;31mred\u001b[0m b\u001b[2J\u001b]0;title\u0007\n");
        List<ConsoleLine.Span> spans = lines.get(0).spans();
        assertEquals(List.of(new ConsoleLine.Span("a", -1, false), new ConsoleLine.Span("red", 1, true),
                new ConsoleLine.Span(" b", -1, false)), spans);
    }

    @Test
    void eraseToEndOfLineTruncatesAtTheCursor() {
        feed("abcdef\r\u001b[Kxy");
        assertEquals("xy", terminal.partial().text());
    }

    @Test
    void aLineThatNeverEndsWraps() {
        List<ConsoleLine> lines = feed("A".repeat(TerminalBuffer.MAX_COLUMNS * 2 + 5));
        assertEquals(2, lines.size());
        assertEquals(TerminalBuffer.MAX_COLUMNS, lines.get(0).text().length());
        assertEquals(5, terminal.partial().text().length());
    }

    @Test
    void emptyLineHasNoPartial() {
        feed("x\n");
        assertNull(terminal.partial());
    }
}
