package org.bootlab.debug;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the guest wrote to its console, each byte with the position (hart step count) and
 * virtual time at which it was written. Reverse execution truncates it to the position it
 * returns to, so the history always matches the machine's state; forward execution appends
 * again. It keeps the newest {@link #MAX_BYTES}: output older than that is gone, from this view
 * and from reverse execution's. Written on the emulator thread; read from any thread.
 */
public final class ConsoleHistory {

    /** Sees the history change, on the emulator thread. */
    public interface Listener {

        /** A byte was appended at {@code index}. */
        void onAppend(int index, int b, long position, long virtualNanos);

        /** Everything from {@code newLength} on was dropped by reverse execution. */
        void onTruncate(int newLength);

        /**
         * The oldest {@code count} bytes were dropped to keep the history within
         * {@link #MAX_BYTES}; every index moved down by {@code count}.
         */
        default void onDropOldest(int count) {
        }
    }

    /**
     * The most bytes kept (each costs 17 bytes of heap with its position and time): a guest that
     * prints without end keeps its newest output and the emulator its memory.
     */
    public static final int MAX_BYTES = 4 << 20;
    /** How many of the oldest bytes go at once when the history is full. */
    static final int DROP = MAX_BYTES / 4;

    private byte[] bytes = new byte[4096];
    private long[] positions = new long[4096];
    private long[] nanos = new long[4096];
    private int length;
    private boolean muted;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    synchronized void append(int b, long position, long virtualNanos) {
        if (muted) {
            return;
        }
        if (length == MAX_BYTES) {
            dropOldest();
        }
        if (length == bytes.length) {
            int n = Math.min(length * 2, MAX_BYTES);
            bytes = Arrays.copyOf(bytes, n);
            positions = Arrays.copyOf(positions, n);
            nanos = Arrays.copyOf(nanos, n);
        }
        bytes[length] = (byte) b;
        positions[length] = position;
        nanos[length] = virtualNanos;
        int index = length++;
        for (Listener l : listeners) {
            l.onAppend(index, b & 0xff, position, virtualNanos);
        }
    }

    private void dropOldest() {
        length -= DROP;
        System.arraycopy(bytes, DROP, bytes, 0, length);
        System.arraycopy(positions, DROP, positions, 0, length);
        System.arraycopy(nanos, DROP, nanos, 0, length);
        for (Listener l : listeners) {
            l.onDropOldest(DROP);
        }
    }

    /**
     * Ignores appends while reverse execution re-executes a stretch whose output the history
     * already holds.
     */
    synchronized void setMuted(boolean muted) {
        this.muted = muted;
    }

    /** Drops every byte written after {@code position}. */
    synchronized void truncateAfter(long position) {
        int n = length;
        while (n > 0 && positions[n - 1] > position) {
            n--;
        }
        if (n != length) {
            length = n;
            for (Listener l : listeners) {
                l.onTruncate(n);
            }
        }
    }

    public synchronized int length() {
        return length;
    }

    /** The bytes written so far. */
    public synchronized byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** The whole history as text (ISO-8859-1, one char per byte). */
    public synchronized String text() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    public synchronized long positionOf(int index) {
        checkIndex(index);
        return positions[index];
    }

    public synchronized long virtualNanosOf(int index) {
        checkIndex(index);
        return nanos[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
    }
}
