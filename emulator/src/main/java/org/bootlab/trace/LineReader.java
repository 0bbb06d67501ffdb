package org.bootlab.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads text lines of bounded length (a file of one endless line cannot exhaust memory),
 * counting them for error messages. Accepts LF and CRLF; decodes UTF-8.
 */
final class LineReader {

    static final int MAX_LINE = 1 << 16;

    private final String file;
    private final InputStream in;
    private byte[] buf = new byte[256];
    private long lineNumber;

    LineReader(String file, InputStream in) {
        this.file = file;
        this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in, 1 << 16);
    }

    /** The next line without its terminator, or null at the end of the input. */
    String next() throws IOException, TraceFormatException {
        int n = 0;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (n == MAX_LINE) {
                throw TraceFormatException.atLine(file, lineNumber + 1, "expected a line of at most " + MAX_LINE + " bytes");
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = (byte) b;
        }
        if (b < 0 && n == 0) {
            return null;
        }
        lineNumber++;
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** The number of the line {@link #next} returned last. */
    long lineNumber() {
        return lineNumber;
    }

    TraceFormatException error(String expectation) {
        return TraceFormatException.atLine(file, lineNumber, expectation);
    }
}
