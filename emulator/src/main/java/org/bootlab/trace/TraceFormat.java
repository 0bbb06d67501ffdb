package org.bootlab.trace;

import java.nio.charset.StandardCharsets;

/** Constants of the native trace format (docs/trace-format.md). */
final class TraceFormat {

    static final byte[] MAGIC = "BLTRACE\0".getBytes(StandardCharsets.US_ASCII);
    /** Readers reject another major version; a minor version may add chunk types, which older readers skip. */
    static final int MAJOR = 1;
    static final int MINOR = 0;

    static final int INFO = 1;
    static final int NAMES = 2;
    static final int SYMBOLS = 3;
    static final int SYSINITS = 4;
    static final int TRACK = 5;
    static final int CALLS = 6;
    static final int INSTANTS = 7;
    static final int CONSOLE = 8;
    static final int END = 9;

    static final int TAG_ENTER = 0;
    static final int TAG_EXIT = 1;
    static final int TAG_ENTER_SYSINIT = 2;

    /** A chunk's payload is at most this long: a reader never buffers more than one. */
    static final int MAX_CHUNK = 16 << 20;
    /** Chunks of events are cut at about this size while writing. */
    static final int TARGET_CHUNK = 64 << 10;

    private TraceFormat() {
    }
}
