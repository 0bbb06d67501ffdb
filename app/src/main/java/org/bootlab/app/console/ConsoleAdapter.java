package org.bootlab.app.console;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.debug.ConsoleHistory;

/**
 * Adapter for the serial console: follows the debugger's {@link ConsoleHistory} (on the emulator
 * thread), collecting appended bytes with their virtual times for the view to {@link #drain()}
 * once per frame; when reverse execution cuts the history short, the view starts over from the
 * history's tail. Typed bytes go to the debugger, which logs them for reverse execution.
 *
 * <p>Bounded: when the window falls behind a guest that prints without end, the oldest pending
 * bytes are dropped (and counted), so neither memory nor the frame time grows.
 */
public final class ConsoleAdapter implements MachineProbe<Void> {

    /** Pending bytes kept at most between two frames. */
    static final int CAPACITY = 64 * 1024;

    /**
     * Bytes written since the last drain, with each byte's virtual time in ns.
     *
     * @param rebooted a new machine: the view marks the boundary
     * @param rewound  reverse execution dropped output: the view clears itself, and
     *                 {@code bytes} is the history's tail as it now stands
     */
    public record Output(byte[] bytes, long[] nanos, long dropped, boolean rebooted, boolean rewound) {
    }

    private final EmulatorSession session;
    private final byte[] ring = new byte[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private int head;
    private int count;
    private long dropped;
    private boolean rebooted;
    private boolean rewound;
    /** The history of the current machine. */
    private ConsoleHistory history;

    public ConsoleAdapter(EmulatorSession session) {
        this.session = session;
    }

    @Override
    public void attach(BootedGuest guest) {
        ConsoleHistory h = guest.control().console();
        synchronized (this) {
            rebooted = true;
            history = h;
        }
        h.addListener(new ConsoleHistory.Listener() {
            @Override
            public void onAppend(int index, int b, long position, long virtualNanos) {
                onByte(h, b, virtualNanos);
            }

            @Override
            public void onTruncate(int newLength) {
                onRewind(h, newLength);
            }
        });
    }

    /** No per-snapshot model: the console streams through {@link #drain()}. */
    @Override
    public Void capture(BootedGuest guest) {
        return null;
    }

    private synchronized void onByte(ConsoleHistory from, int b, long nanos) {
        if (from != history) {
            return;
        }
        if (count == CAPACITY) {
            head = (head + 1) % CAPACITY;
            count--;
            dropped++;
        }
        int tail = (head + count) % CAPACITY;
        ring[tail] = (byte) b;
        times[tail] = nanos;
        count++;
    }

    /** The history now holds {@code length} bytes: refill from its tail, at most {@link #CAPACITY}. */
    private synchronized void onRewind(ConsoleHistory from, int length) {
        if (from != history) {
            return;
        }
        rewound = true;
        dropped = 0;
        head = 0;
        count = Math.min(length, CAPACITY);
        byte[] all = from.bytes();
        int first = all.length - count;
        for (int i = 0; i < count; i++) {
            ring[i] = all[first + i];
            times[i] = from.virtualNanosOf(first + i);
        }
    }

    /** Everything written since the last call; called on the JavaFX thread each frame. */
    public synchronized Output drain() {
        byte[] bytes = new byte[count];
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            int at = (head + i) % CAPACITY;
            bytes[i] = ring[at];
            nanos[i] = times[at];
        }
        Output out = new Output(bytes, nanos, dropped, rebooted, rewound);
        head = 0;
        count = 0;
        dropped = 0;
        rebooted = false;
        rewound = false;
        return out;
    }

    /** Sends typed bytes to the guest's UART; never blocks. */
    public void type(byte[] bytes) {
        session.sendConsoleInput(bytes);
    }
}
