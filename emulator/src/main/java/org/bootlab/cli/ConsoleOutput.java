package org.bootlab.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bootlab.machine.ConsoleListener;

/**
 * The guest's UART output on the host's stdout, raw bytes. Output is written a line at a time
 * rather than a byte at a time; a partial line (a "=> " prompt waiting for input) is flushed
 * after a short pause so the person at the terminal sees it.
 */
final class ConsoleOutput implements ConsoleListener, AutoCloseable {

    private static final long PARTIAL_LINE_FLUSH_MILLIS = 50;

    private final PrintStream out;
    private final byte[] line = new byte[4096];
    private int length;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bootlab-console-flush");
        t.setDaemon(true);
        return t;
    });

    ConsoleOutput(PrintStream out) {
        this.out = out;
        flusher.scheduleWithFixedDelay(this::flush, PARTIAL_LINE_FLUSH_MILLIS,
                PARTIAL_LINE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void onByte(int b, long virtualNanos) {
        line[length++] = (byte) b;
        if (b == '\n' || length == line.length) {
            flush();
        }
    }

    synchronized void flush() {
        if (length > 0) {
            out.write(line, 0, length);
            length = 0;
        }
        out.flush();
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
