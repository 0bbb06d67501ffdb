package org.bootlab.app.console;

import java.util.List;

/**
 * One line of console output: styled spans and the virtual time its first byte was written.
 *
 * @param virtualNanos virtual time of the line's first byte, or -1 for lines BootLab adds
 */
public record ConsoleLine(List<Span> spans, long virtualNanos) {

    /** Text in one ANSI style: a colour index (-1: default, 0-7 normal, 8-15 bright) and bold. */
    public record Span(String text, int color, boolean bold) {
    }

    public ConsoleLine {
        spans = List.copyOf(spans);
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        for (Span span : spans) {
            s.append(span.text());
        }
        return s.toString();
    }
}
