package org.bootlab.app.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Interprets console bytes as a simple terminal does: lines, carriage return and backspace (so
 * U-Boot's countdown overwrites itself), the SGR colours and bold of ANSI escape sequences, and
 * erase-to-end-of-line; other escape sequences are consumed without effect. Lines wrap at
 * {@link #MAX_COLUMNS}, so a guest that never ends its line cannot grow one without bound.
 */
final class TerminalBuffer {

    static final int MAX_COLUMNS = 1024;

    private enum Mode { TEXT, ESCAPE, CSI, OSC }

    private final StringBuilder chars = new StringBuilder();
    private final List<int[]> styles = new ArrayList<>();
    private int cursor;
    private long lineStart = -1;
    private int color = -1;
    private boolean bold;
    private Mode mode = Mode.TEXT;
    private final StringBuilder params = new StringBuilder();

    /** Feeds bytes; returns the lines they completed. */
    List<ConsoleLine> feed(byte[] bytes, long[] nanos) {
        List<ConsoleLine> done = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            switch (mode) {
                case TEXT -> text(b, nanos[i], done);
                case ESCAPE -> {
                    if (b == '[') {
                        params.setLength(0);
                        mode = Mode.CSI;
                    } else {
                        mode = b == ']' ? Mode.OSC : Mode.TEXT;
                    }
                }
                case CSI -> {
                    if (b >= 0x40 && b <= 0x7e) {
                        control((char) b, params.toString());
                        mode = Mode.TEXT;
                    } else if (params.length() < 64) {
                        params.append((char) b);
                    }
                }
                case OSC -> {
                    if (b == 7 || b == 0x1b) {
                        mode = Mode.TEXT;
                    }
                }
            }
        }
        return done;
    }

    /** The line being written, or null when it is empty. */
    ConsoleLine partial() {
        return chars.length() == 0 ? null : line();
    }

    private void text(int b, long nanos, List<ConsoleLine> done) {
        switch (b) {
            case '\n' -> newLine(done);
            case '\r' -> cursor = 0;
            case '\b' -> cursor = Math.max(0, cursor - 1);
            case 0x1b -> mode = Mode.ESCAPE;
            case '\t' -> {
                do {
                    put(' ', nanos, done);
                } while (cursor % 8 != 0);
            }
            default -> {
                if (b >= 0x20 && b != 0x7f) {
                    put((char) b, nanos, done);
                }
            }
        }
    }

    private void newLine(List<ConsoleLine> done) {
        done.add(line());
        chars.setLength(0);
        styles.clear();
        cursor = 0;
        lineStart = -1;
    }

    private void put(char c, long nanos, List<ConsoleLine> done) {
        if (cursor >= MAX_COLUMNS) {
            newLine(done);
        }
        if (lineStart < 0) {
            lineStart = nanos;
        }
        int[] style = {color, bold ? 1 : 0};
        if (cursor < chars.length()) {
            chars.setCharAt(cursor, c);
            styles.set(cursor, style);
        } else {
            chars.append(c);
            styles.add(style);
        }
        cursor++;
    }

    private void control(char command, String p) {
        if (command == 'K') {
            if (p.isEmpty() || p.equals("0")) {
                chars.setLength(cursor);
                while (styles.size() > cursor) {
                    styles.remove(styles.size() - 1);
                }
            }
        } else if (command == 'm') {
            for (String code : (p.isEmpty() ? "0" : p).split(";")) {
                sgr(code.isEmpty() ? 0 : parse(code));
            }
        }
    }

    private void sgr(int code) {
        if (code == 0) {
            color = -1;
            bold = false;
        } else if (code == 1) {
            bold = true;
        } else if (code == 22) {
            bold = false;
        } else if (code >= 30 && code <= 37) {
            color = code - 30;
        } else if (code >= 90 && code <= 97) {
            color = code - 90 + 8;
        } else if (code == 39) {
            color = -1;
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ConsoleLine line() {
        List<ConsoleLine.Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= chars.length(); i++) {
            if (i == chars.length() || styles.get(i)[0] != styles.get(start)[0] || styles.get(i)[1] != styles.get(start)[1]) {
                int[] s = styles.get(start);
                spans.add(new ConsoleLine.Span(chars.substring(start, i), s[0], s[1] == 1));
                start = i;
            }
        }
        return new ConsoleLine(spans, lineStart);
    }
}
