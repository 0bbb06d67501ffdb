package org.bootlab.app.virtio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.machine.Bus;
import org.bootlab.machine.virtio.VirtioDeviceState;
import org.bootlab.machine.virtio.VirtioEvent;

/**
 * Adapter for the virtio inspector: {@code Machine.virtio().inspect()} (immutable, side-effect
 * free copies of every device and queue) and the recent {@code eventLog()}, with what is new
 * since the machine last stopped, and a hex dump of the buffer the view selected.
 *
 * <p>Inspecting reads every ring and descriptor, so while a command runs it is done at most
 * {@link #RUNNING_INTERVAL_NANOS} apart; the view gets the previous model in between.
 */
public final class VirtioAdapter implements MachineProbe<VirtioModel> {

    static final long RUNNING_INTERVAL_NANOS = 250_000_000L;
    static final int EVENTS_SHOWN = 400;
    static final int DUMP_MAX = 4096;

    private record DumpRequest(long address, long length) {
    }

    private volatile DumpRequest dump;
    // Emulator thread only.
    private VirtioModel last;
    private long lastCapture;
    /** Ring indices where the machine last stopped, and where it stopped before that. */
    private Map<String, int[]> baseline = Map.of();
    private Map<String, int[]> previous = Map.of();
    private long baselineNanos;
    private long previousNanos;
    private long baselinePosition = -1;

    /** Dumps {@code length} bytes (at most {@link #DUMP_MAX}) of physical memory at {@code address} from the next snapshot on. */
    public void requestDump(long address, long length) {
        dump = new DumpRequest(address, Math.min(Math.max(length, 0), DUMP_MAX));
    }

    @Override
    public void attach(BootedGuest guest) {
        last = null;
        dump = null;
        baseline = previous = Map.of();
        baselineNanos = previousNanos = 0;
        baselinePosition = -1;
    }

    @Override
    public VirtioModel capture(BootedGuest guest) {
        return capture(guest, false);
    }

    @Override
    public VirtioModel capture(BootedGuest guest, boolean running) {
        long t = System.nanoTime();
        if (running && last != null && t - lastCapture < RUNNING_INTERVAL_NANOS) {
            return last;
        }
        lastCapture = t;
        List<VirtioDeviceState> devices = guest.machine().virtio().inspect();
        long position = guest.machine().hart().steps();
        long now = guest.machine().hart().cycles();
        Map<String, int[]> indices = new HashMap<>();
        for (VirtioDeviceState d : devices) {
            for (VirtioDeviceState.Queue q : d.queues()) {
                indices.put(key(d.slot(), q.index()), new int[] {q.availIdx(), q.usedIdx()});
            }
        }
        if (!running && position != baselinePosition) {
            // A new stop: what is new is measured from the stop before it.
            previous = baseline;
            previousNanos = baselineNanos;
            baseline = indices;
            baselineNanos = now;
            baselinePosition = position;
        }
        Map<String, int[]> since = running ? baseline : previous;
        long sinceNanos = running ? baselineNanos : previousNanos;
        List<VirtioEvent> all = guest.machine().virtio().eventLog().events();
        List<VirtioEvent> events = List.copyOf(all.subList(Math.max(0, all.size() - EVENTS_SHOWN), all.size()));
        last = new VirtioModel(devices, Map.copyOf(since), sinceNanos, events, readDump(guest.machine().bus()));
        return last;
    }

    private VirtioModel.Dump readDump(Bus bus) {
        DumpRequest r = dump;
        if (r == null) {
            return null;
        }
        int[] bytes = new int[(int) r.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bus.peekByte(r.address() + i);
        }
        return new VirtioModel.Dump(r.address(), bytes);
    }

    static String key(int slot, int queue) {
        return slot + ":" + queue;
    }
}
