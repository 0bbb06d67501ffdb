package org.bootlab.trace;

/**
 * A trace file that cannot be read: names the file, where (a byte offset or a line number) and
 * what was expected there.
 */
public final class TraceFormatException extends Exception {

    public TraceFormatException(String file, String where, String problem) {
        super(file + ": " + where + ": " + problem);
    }

    public static TraceFormatException atOffset(String file, long offset, String problem) {
        return new TraceFormatException(file, "offset " + offset, problem);
    }

    public static TraceFormatException atLine(String file, long line, String problem) {
        return new TraceFormatException(file, "line " + line, problem);
    }
}
