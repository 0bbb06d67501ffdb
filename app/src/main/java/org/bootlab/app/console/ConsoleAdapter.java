package org.bootlab.app.console;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.MachineProbe;

/**
 * Adapter for the serial console: collects the bytes the guest writes to the UART
 * ({@code Machine.addConsoleListener}, on the emulator thread) with their virtual times, for the
 * view to {@link #drain()} once per frame; and sends typed bytes to the UART's receiver.
 *
 * <p>Bounded: when the window falls behind a guest that prints without end, the oldest pending
 * bytes are dropped (and counted), so neither memory nor the frame time grows.
 */
public final class ConsoleAdapter implements MachineProbe<Void> {

    /** Pending bytes kept at most between two frames. */
    static final int CAPACITY = 256 * 1024;

    /** Bytes written since the last drain, with each byte's virtual time in ns. */
    public record Output(byte[] bytes, long[] nanos, long dropped, boolean rebooted) {
    }

    private final EmulatorSession session;
    private final byte[] ring = new byte[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private int head;
    private int count;
    private long dropped;
    private boolean rebooted;

    public ConsoleAdapter(EmulatorSession session) {
        this.session = session;
    }

    @Override
    public void attach(BootedGuest guest) {
        synchronized (this) {
            rebooted = true;
        }
        guest.machine().addConsoleListener(this::onByte);
    }

    /** No per-snapshot model: the console streams through {@link #drain()}. */
    @Override
    public Void capture(BootedGuest guest) {
        return null;
    }

    private synchronized void onByte(int b, long nanos) {
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

    /** Everything written since the last call; called on the JavaFX thread each frame. */
    public synchronized Output drain() {
        byte[] bytes = new byte[count];
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            int at = (head + i) % CAPACITY;
            bytes[i] = ring[at];
            nanos[i] = times[at];
        }
        Output out = new Output(bytes, nanos, dropped, rebooted);
        head = 0;
        count = 0;
        dropped = 0;
        rebooted = false;
        return out;
    }

    /** Sends typed bytes to the guest's UART; never blocks. */
    public void type(byte[] bytes) {
        session.sendConsoleInput(bytes);
    }
}
