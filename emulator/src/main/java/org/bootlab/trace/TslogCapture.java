package org.bootlab.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bootlab.machine.ConsoleListener;

/**
 * Picks the guest's TSLOG dump out of its console output: the lines between
 * {@code ---- tslog begin ----} and {@code ---- tslog end ----} (the guest kernel prints them with
 * bootarg tslog.dump=1), in FreeBSD's {@code sysctl debug.tslog} format. Bounded: a dump longer
 * than {@link #MAX_CHARS} is cut there.
 */
public final class TslogCapture implements ConsoleListener {

    public static final int MAX_CHARS = 16 << 20;
    private static final int MAX_LINE = 4096;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder log = new StringBuilder();
    private boolean inside;
    private boolean begun;
    private boolean ended;

    @Override
    public void onByte(int b, long virtualNanos) {
        if (b != '\n') {
            if (b != '\r' && line.size() < MAX_LINE) {
                line.write(b);
            }
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.equals(TslogText.BEGIN)) {
            inside = true;
            begun = true;
            log.setLength(0);
        } else if (text.equals(TslogText.END) && inside) {
            inside = false;
            ended = true;
        } else if (inside && log.length() + text.length() < MAX_CHARS) {
            log.append(text).append('\n');
        }
    }

    /** Whether the guest printed a whole dump (begin and end lines). */
    public boolean complete() {
        return begun && ended;
    }

    /** Whether a dump began. */
    public boolean begun() {
        return begun;
    }

    /** The records, one per line. */
    public String text() {
        return log.toString();
    }
}
