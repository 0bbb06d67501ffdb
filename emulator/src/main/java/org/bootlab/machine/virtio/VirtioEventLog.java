package org.bootlab.machine.virtio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The machine's stream of {@link VirtioEvent}s: the most recent {@value #CAPACITY} are kept,
 * and listeners hear each one as it happens, on the emulator thread.
 *
 * <p>The log is an observation of the run, not machine state: a snapshot does not contain it.
 * When a snapshot is restored, the events later than the restored virtual time are dropped
 * ({@link #truncateAfter}), so a rewound timeline shows no future.
 */
public final class VirtioEventLog {

    public static final int CAPACITY = 65_536;

    private final ArrayDeque<VirtioEvent> events = new ArrayDeque<>();
    private final List<Consumer<VirtioEvent>> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Consumer<VirtioEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<VirtioEvent> listener) {
        listeners.remove(listener);
    }

    void add(VirtioEvent event) {
        synchronized (events) {
            if (events.size() == CAPACITY) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        for (Consumer<VirtioEvent> l : listeners) {
            l.accept(event);
        }
    }

    /** A copy of the kept events, oldest first; safe from any thread. */
    public List<VirtioEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** Drops the events after virtual time {@code nanos}. */
    public void truncateAfter(long nanos) {
        synchronized (events) {
            while (!events.isEmpty() && events.peekLast().nanos() > nanos) {
                events.removeLast();
            }
        }
    }
}
