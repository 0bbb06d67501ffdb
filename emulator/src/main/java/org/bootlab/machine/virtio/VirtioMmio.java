package org.bootlab.machine.virtio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.bootlab.machine.IrqLine;
import org.bootlab.machine.MmioDevice;
import org.bootlab.machine.TimeSource;

/**
 * A virtio-mmio slot with a device behind it: the version 2 ("modern") register interface of
 * virtio 1.2 §4.2.2 in front of a {@link VirtioDevice}. It negotiates features, holds each
 * queue's configuration, runs the device's requests when the driver writes QueueNotify and
 * raises the slot's interrupt (a PLIC source) for used buffers and configuration changes.
 *
 * <p>A driver that breaks the rules it cannot be trusted to keep (a queue size that is not a
 * power of two, rings outside RAM, a descriptor loop, an over-long chain, a misused indirect
 * table) puts the device in DEVICE_NEEDS_RESET (§2.1.2): it stops using its queues, raises a
 * configuration change interrupt once the driver is running, and waits for a reset. A request
 * that is well-formed but cannot be carried out fails with the device's own error status.
 *
 * <p>Registers are 32 bits wide; any other width reads 0 and writes are ignored, as in QEMU.
 * The configuration space from 0x100 reads at any width.
 */
public final class VirtioMmio implements MmioDevice {

    public static final int MAGIC = 0x7472_6976;
    public static final int VERSION = 2;
    public static final int VENDOR_QEMU = 0x554d_4551;
    public static final long WINDOW = 0x1000;

    public static final int STATUS_ACKNOWLEDGE = 1;
    public static final int STATUS_DRIVER = 2;
    public static final int STATUS_DRIVER_OK = 4;
    public static final int STATUS_FEATURES_OK = 8;
    public static final int STATUS_DEVICE_NEEDS_RESET = 64;
    public static final int STATUS_FAILED = 128;

    public static final int INTERRUPT_USED_BUFFER = 1;
    public static final int INTERRUPT_CONFIG_CHANGE = 2;

    public static final long F_INDIRECT_DESC = 1L << 28;
    public static final long F_EVENT_IDX = 1L << 29;
    public static final long F_VERSION_1 = 1L << 32;
    private static final long TRANSPORT_FEATURES = F_INDIRECT_DESC | F_EVENT_IDX | F_VERSION_1;

    /** QueueNumMax of every queue. */
    public static final int QUEUE_MAX = 256;

    static final int REG_MAGIC = 0x000;
    static final int REG_VERSION = 0x004;
    static final int REG_DEVICE_ID = 0x008;
    static final int REG_VENDOR_ID = 0x00c;
    static final int REG_DEVICE_FEATURES = 0x010;
    static final int REG_DEVICE_FEATURES_SEL = 0x014;
    static final int REG_DRIVER_FEATURES = 0x020;
    static final int REG_DRIVER_FEATURES_SEL = 0x024;
    static final int REG_QUEUE_SEL = 0x030;
    static final int REG_QUEUE_NUM_MAX = 0x034;
    static final int REG_QUEUE_NUM = 0x038;
    static final int REG_QUEUE_READY = 0x044;
    static final int REG_QUEUE_NOTIFY = 0x050;
    static final int REG_INTERRUPT_STATUS = 0x060;
    static final int REG_INTERRUPT_ACK = 0x064;
    static final int REG_STATUS = 0x070;
    static final int REG_QUEUE_DESC_LOW = 0x080;
    static final int REG_QUEUE_DESC_HIGH = 0x084;
    static final int REG_QUEUE_DRIVER_LOW = 0x090;
    static final int REG_QUEUE_DRIVER_HIGH = 0x094;
    static final int REG_QUEUE_DEVICE_LOW = 0x0a0;
    static final int REG_QUEUE_DEVICE_HIGH = 0x0a4;
    static final int REG_SHM_SEL = 0x0ac;
    static final int REG_SHM_LEN_LOW = 0x0b0;
    static final int REG_SHM_BASE_HIGH = 0x0bc;
    static final int REG_CONFIG_GENERATION = 0x0fc;
    static final int REG_CONFIG = 0x100;

    private final int slot;
    private final long base;
    private final int irqNumber;
    private final IrqLine irq;
    private final GuestMemory memory;
    private final TimeSource time;
    private final VirtioEventLog log;
    private final VirtioDevice device;
    private final Virtqueue[] queues;

    private int deviceFeaturesSel;
    private int driverFeaturesSel;
    private long driverFeatures;
    private int queueSel;
    private int status;
    private int interruptStatus;
    private int configGeneration;
    private String needsResetReason;

    /**
     * @param slot      the virtio-mmio slot (for the inspector and the events)
     * @param base      its physical address
     * @param irqNumber its PLIC source number, wired to {@code irq}
     */
    public VirtioMmio(int slot, long base, int irqNumber, IrqLine irq, GuestMemory memory, TimeSource time,
                      VirtioEventLog log, VirtioDevice device) {
        this.slot = slot;
        this.base = base;
        this.irqNumber = irqNumber;
        this.irq = irq;
        this.memory = memory;
        this.time = time;
        this.log = log;
        this.device = device;
        List<String> names = device.queueNames();
        this.queues = new Virtqueue[names.size()];
        for (int q = 0; q < queues.length; q++) {
            queues[q] = new Virtqueue(q, names.get(q), QUEUE_MAX);
        }
        device.attach(this);
        reset();
    }

    public int slot() {
        return slot;
    }

    public long offeredFeatures() {
        return device.deviceFeatures() | TRANSPORT_FEATURES;
    }

    // ------------------------------------------------------------------ registers

    @Override
    public long size() {
        return WINDOW;
    }

    @Override
    public long read(long offset, int width) {
        return peek(offset, width);
    }

    /** No register read has a side effect: reading is peeking. */
    @Override
    public long peek(long offset, int width) {
        if (offset >= REG_CONFIG) {
            return readConfig((int) (offset - REG_CONFIG), width);
        }
        if (width != 4) {
            return 0;
        }
        Virtqueue q = selectedQueue();
        return switch ((int) offset) {
            case REG_MAGIC -> MAGIC;
            case REG_VERSION -> VERSION;
            case REG_DEVICE_ID -> device.deviceId();
            case REG_VENDOR_ID -> VENDOR_QEMU;
            case REG_DEVICE_FEATURES -> deviceFeaturesSel < 2
                    ? (offeredFeatures() >>> (32 * deviceFeaturesSel)) & 0xffff_ffffL : 0;
            case REG_QUEUE_NUM_MAX -> q == null ? 0 : q.maxSize();
            case REG_QUEUE_NUM -> q == null ? 0 : q.size();
            case REG_QUEUE_READY -> q != null && q.ready() ? 1 : 0;
            case REG_INTERRUPT_STATUS -> interruptStatus;
            case REG_STATUS -> status;
            case REG_QUEUE_DESC_LOW -> q == null ? 0 : q.descAddr() & 0xffff_ffffL;
            case REG_QUEUE_DESC_HIGH -> q == null ? 0 : q.descAddr() >>> 32;
            case REG_QUEUE_DRIVER_LOW -> q == null ? 0 : q.driverAddr() & 0xffff_ffffL;
            case REG_QUEUE_DRIVER_HIGH -> q == null ? 0 : q.driverAddr() >>> 32;
            case REG_QUEUE_DEVICE_LOW -> q == null ? 0 : q.deviceAddr() & 0xffff_ffffL;
            case REG_QUEUE_DEVICE_HIGH -> q == null ? 0 : q.deviceAddr() >>> 32;
            // No shared memory regions: their length and base read as -1 (§4.2.2).
            case REG_SHM_LEN_LOW, REG_SHM_LEN_LOW + 4, REG_SHM_BASE_HIGH - 4, REG_SHM_BASE_HIGH -> 0xffff_ffffL;
            case REG_CONFIG_GENERATION -> configGeneration;
            default -> 0;
        };
    }

    private long readConfig(int offset, int width) {
        byte[] config = device.configSpace();
        long v = 0;
        for (int k = width - 1; k >= 0; k--) {
            int at = offset + k;
            v = v << 8 | (at < config.length ? config[at] & 0xff : 0);
        }
        return v;
    }

    @Override
    public void write(long offset, int width, long value) {
        if (width != 4 || offset >= REG_CONFIG) {
            return; // No device offers a writable configuration field.
        }
        long v = value & 0xffff_ffffL;
        Virtqueue q = selectedQueue();
        boolean configurable = q != null && !q.ready();
        switch ((int) offset) {
            case REG_DEVICE_FEATURES_SEL -> deviceFeaturesSel = (int) v;
            case REG_DRIVER_FEATURES_SEL -> driverFeaturesSel = (int) v;
            case REG_DRIVER_FEATURES -> {
                // Features are fixed once FEATURES_OK is set (§3.1.1).
                if (driverFeaturesSel < 2 && (status & STATUS_FEATURES_OK) == 0) {
                    int shift = 32 * driverFeaturesSel;
                    driverFeatures = (driverFeatures & ~(0xffff_ffffL << shift)) | v << shift;
                }
            }
            case REG_QUEUE_SEL -> queueSel = (int) v;
            case REG_QUEUE_NUM -> {
                if (configurable) {
                    q.setSize((int) Math.min(v, Integer.MAX_VALUE));
                }
            }
            case REG_QUEUE_READY -> queueReady(q, v);
            case REG_QUEUE_NOTIFY -> notifyQueue((int) Math.min(v, Integer.MAX_VALUE));
            case REG_INTERRUPT_ACK -> acknowledge((int) v);
            case REG_STATUS -> writeStatus((int) v & 0xff);
            case REG_QUEUE_DESC_LOW -> { if (configurable) q.setDescLow(v); }
            case REG_QUEUE_DESC_HIGH -> { if (configurable) q.setDescHigh(v); }
            case REG_QUEUE_DRIVER_LOW -> { if (configurable) q.setDriverLow(v); }
            case REG_QUEUE_DRIVER_HIGH -> { if (configurable) q.setDriverHigh(v); }
            case REG_QUEUE_DEVICE_LOW -> { if (configurable) q.setDeviceLow(v); }
            case REG_QUEUE_DEVICE_HIGH -> { if (configurable) q.setDeviceHigh(v); }
            default -> { }
        }
    }

    private Virtqueue selectedQueue() {
        return queueSel >= 0 && queueSel < queues.length ? queues[queueSel] : null;
    }

    private void queueReady(Virtqueue q, long v) {
        if (q == null) {
            return;
        }
        if (v == 0) {
            q.disable();
        } else if (!q.ready()) {
            String why = q.enable(memory);
            if (why != null) {
                needsReset(why);
            }
        }
    }

    private void writeStatus(int v) {
        if (v == 0) {
            reset();
            event(VirtioEvent.Kind.RESET, -1, -1, 0, "reset by the driver");
            return;
        }
        int old = status;
        int next = (v & ~STATUS_DEVICE_NEEDS_RESET) | (old & STATUS_DEVICE_NEEDS_RESET);
        if ((next & STATUS_FEATURES_OK) != 0 && (old & STATUS_FEATURES_OK) == 0
                && ((driverFeatures & ~offeredFeatures()) != 0 || (driverFeatures & F_VERSION_1) == 0)) {
            // Features the device does not offer, or no VERSION_1: FEATURES_OK does not stick.
            next &= ~STATUS_FEATURES_OK;
        }
        status = next;
        event(VirtioEvent.Kind.STATUS, -1, -1, status, String.join(" ", statusNames(status)));
        if ((next & STATUS_DRIVER_OK) != 0 && (old & STATUS_DRIVER_OK) == 0) {
            // Anything the driver queued before DRIVER_OK is taken now (§3.1.1: not before).
            for (Virtqueue q : queues) {
                if (operational() && q.ready()) {
                    device.queueNotified(q.index());
                }
            }
        }
    }

    private void notifyQueue(int q) {
        event(VirtioEvent.Kind.DRIVER_NOTIFY, q, -1, 0, q < queues.length ? queues[q].name() : "no such queue");
        if (q < queues.length && queues[q].ready() && operational()) {
            device.queueNotified(q);
        }
    }

    /** Whether the device may use its queues: the driver is ready and nothing went wrong. */
    private boolean operational() {
        return (status & STATUS_DRIVER_OK) != 0 && (status & STATUS_DEVICE_NEEDS_RESET) == 0;
    }

    private void acknowledge(int bits) {
        interruptStatus &= ~bits;
        irq.set(interruptStatus != 0);
    }

    private void raise(int bit) {
        interruptStatus |= bit;
        irq.set(true);
    }

    @Override
    public void reset() {
        deviceFeaturesSel = 0;
        driverFeaturesSel = 0;
        driverFeatures = 0;
        queueSel = 0;
        status = 0;
        interruptStatus = 0;
        needsResetReason = null;
        for (Virtqueue q : queues) {
            q.reset();
        }
        device.resetDevice();
        irq.set(false);
    }

    // ------------------------------------------------------------------ for the devices

    /** Whether the driver accepted {@code feature} (FEATURES_OK is set and the bit was asked for). */
    boolean negotiated(long feature) {
        return (status & STATUS_FEATURES_OK) != 0 && (driverFeatures & feature) == feature;
    }

    GuestMemory memory() {
        return memory;
    }

    long now() {
        return time.nanos();
    }

    /** What a device did with one chain: the bytes it wrote into it, and a line for the events. */
    record Completion(long written, String detail) {
    }

    /**
     * Serves queue {@code q}: while {@code more} holds and the driver has chains available,
     * takes one, lets {@code handler} carry it out and puts it in the used ring; then raises
     * the used-buffer interrupt if the driver wants one. A malformed chain or a runaway
     * avail.idx puts the device in DEVICE_NEEDS_RESET instead.
     */
    void serve(int q, BooleanSupplier more, Function<DescriptorChain, Completion> handler) {
        Virtqueue vq = queues[q];
        if (!vq.ready() || !operational()) {
            return;
        }
        int oldUsed = vq.usedIdx();
        boolean eventIdx = negotiated(F_EVENT_IDX);
        boolean indirect = negotiated(F_INDIRECT_DESC);
        while (more.getAsBoolean()) {
            int pending = vq.pending(memory);
            if (pending < 0) {
                needsReset("queue " + q + ": avail.idx is more than the queue size ahead of the device");
                break;
            }
            if (pending == 0) {
                break;
            }
            DescriptorChain chain = vq.pop(memory, indirect);
            if (chain.error() != null) {
                needsReset("queue " + q + ", chain " + chain.head() + ": " + chain.error());
                break;
            }
            Completion done = handler.apply(chain);
            vq.push(memory, chain.head(), done.written());
            event(VirtioEvent.Kind.BUFFER_USED, q, chain.head(), done.written(), done.detail());
        }
        if (eventIdx) {
            vq.publishAvailEvent(memory);
        }
        if (vq.usedIdx() != oldUsed && vq.wantsInterrupt(memory, oldUsed, eventIdx)) {
            raise(INTERRUPT_USED_BUFFER);
            event(VirtioEvent.Kind.USED_BUFFER_INTERRUPT, q, -1, 0, "irq " + irqNumber);
        }
    }

    /** The device cannot go on until the driver resets it (§2.1.2). */
    void needsReset(String reason) {
        if ((status & STATUS_DEVICE_NEEDS_RESET) != 0) {
            return;
        }
        needsResetReason = reason;
        status |= STATUS_DEVICE_NEEDS_RESET;
        event(VirtioEvent.Kind.DEVICE_NEEDS_RESET, -1, -1, status, reason);
        if ((status & STATUS_DRIVER_OK) != 0) {
            raise(INTERRUPT_CONFIG_CHANGE);
            event(VirtioEvent.Kind.CONFIG_CHANGE_INTERRUPT, -1, -1, 0, "irq " + irqNumber);
        }
    }

    private void event(VirtioEvent.Kind kind, int queue, int head, long length, String detail) {
        log.add(new VirtioEvent(time.nanos(), slot, device.name(), kind, queue, head, length, detail));
    }

    void flush() throws IOException {
        device.flush();
    }

    void close() throws IOException {
        device.close();
    }

    // ------------------------------------------------------------------ inspector

    /** The device as an inspector shows it; no side effects. Emulator thread only. */
    public VirtioDeviceState inspect() {
        long offered = offeredFeatures();
        List<VirtioDeviceState.Feature> features = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            long mask = 1L << bit;
            if (((offered | driverFeatures) & mask) != 0) {
                features.add(new VirtioDeviceState.Feature(bit, featureName(bit), (offered & mask) != 0,
                        (driverFeatures & mask) != 0));
            }
        }
        boolean indirect = negotiated(F_INDIRECT_DESC);
        List<VirtioDeviceState.Queue> qs = new ArrayList<>();
        for (Virtqueue q : queues) {
            qs.add(q.inspect(memory, indirect, device::decode));
        }
        return new VirtioDeviceState(slot, base, irqNumber, device.deviceId(), device.name(), status,
                statusNames(status), needsResetReason, interruptStatus, configGeneration, offered, driverFeatures,
                (status & STATUS_FEATURES_OK) != 0, features, device.decodeConfig(), qs);
    }

    private String featureName(int bit) {
        return switch (bit) {
            case 28 -> "VIRTIO_F_INDIRECT_DESC";
            case 29 -> "VIRTIO_F_EVENT_IDX";
            case 32 -> "VIRTIO_F_VERSION_1";
            case 33 -> "VIRTIO_F_ACCESS_PLATFORM";
            case 34 -> "VIRTIO_F_RING_PACKED";
            case 35 -> "VIRTIO_F_IN_ORDER";
            case 36 -> "VIRTIO_F_ORDER_PLATFORM";
            case 37 -> "VIRTIO_F_SR_IOV";
            case 38 -> "VIRTIO_F_NOTIFICATION_DATA";
            case 39 -> "VIRTIO_F_NOTIF_CONFIG_DATA";
            case 40 -> "VIRTIO_F_RING_RESET";
            default -> {
                String name = device.featureName(bit);
                yield name != null ? name : "bit " + bit;
            }
        };
    }

    static List<String> statusNames(int status) {
        List<String> names = new ArrayList<>();
        String[] bits = {"ACKNOWLEDGE", "DRIVER", "DRIVER_OK", "FEATURES_OK", "bit 4", "bit 5",
            "DEVICE_NEEDS_RESET", "FAILED"};
        for (int b = 0; b < 8; b++) {
            if ((status & (1 << b)) != 0) {
                names.add(bits[b]);
            }
        }
        return names;
    }

    // ------------------------------------------------------------------ snapshots

    /** The disk's host file is not part of the state: a restore does not undo writes to it. */
    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeInt(deviceFeaturesSel);
        out.writeInt(driverFeaturesSel);
        out.writeLong(driverFeatures);
        out.writeInt(queueSel);
        out.writeInt(status);
        out.writeInt(interruptStatus);
        out.writeInt(configGeneration);
        out.writeBoolean(needsResetReason != null);
        if (needsResetReason != null) {
            out.writeUTF(needsResetReason);
        }
        for (Virtqueue q : queues) {
            q.saveState(out);
        }
        device.saveDeviceState(out);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        deviceFeaturesSel = in.readInt();
        driverFeaturesSel = in.readInt();
        driverFeatures = in.readLong();
        queueSel = in.readInt();
        status = in.readInt();
        interruptStatus = in.readInt();
        configGeneration = in.readInt();
        needsResetReason = in.readBoolean() ? in.readUTF() : null;
        for (Virtqueue q : queues) {
            q.restoreState(in);
        }
        device.restoreDeviceState(in);
        irq.set(interruptStatus != 0);
        log.truncateAfter(time.nanos());
    }
}
