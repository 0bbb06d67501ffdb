package org.bootlab.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.Ram;
import org.bootlab.machine.TimeSource;
import org.bootlab.machine.virtio.GuestMemory;
import org.bootlab.machine.virtio.NetResponder;
import org.bootlab.machine.virtio.VirtioBlock;
import org.bootlab.machine.virtio.VirtioDevice;
import org.bootlab.machine.virtio.VirtioEntropy;
import org.bootlab.machine.virtio.VirtioEventLog;
import org.bootlab.machine.virtio.VirtioMmio;
import org.bootlab.machine.virtio.VirtioNet;
import org.bootlab.machine.virtio.Virtqueue;

/**
 * A hostile virtio driver: it negotiates random features, places queues anywhere (outside RAM,
 * misaligned, overlapping), writes random descriptor tables (loops, chains longer than the
 * queue, indirect tables inside indirect tables, buffers past the end of RAM) and rings, then
 * notifies, pokes registers and reads the inspector's view. The devices (disk, network,
 * entropy) must answer with a used buffer, an error status or DEVICE_NEEDS_RESET, never a Java
 * exception or an endless walk.
 */
class VirtqueueFuzzTest {

    // The virtio-mmio register layout (virtio 1.2 §4.2.2).
    private static final int DRIVER_FEATURES = 0x020, DRIVER_FEATURES_SEL = 0x024, QUEUE_SEL = 0x030;
    private static final int QUEUE_NUM = 0x038, QUEUE_READY = 0x044, QUEUE_NOTIFY = 0x050;
    private static final int INTERRUPT_ACK = 0x064, STATUS = 0x070;
    private static final int[] QUEUE_AREAS = {0x080, 0x084, 0x090, 0x094, 0x0a0, 0x0a4};
    private static final int REGISTER_SPACE = 0x200;

    private static final long BASE = MemoryMap.DRAM_BASE;
    private static final int RAM_SIZE = 1 << 20;
    /** Where descriptors point by default: a buffer area above the rings. */
    private static final long BUFFERS = BASE + 0x8_0000;

    private static final Ram ram = new Ram(RAM_SIZE);
    private static VirtioBlock disk;

    private static final TimeSource CLOCK = new TimeSource() {
        @Override
        public long mtime() {
            return 0;
        }

        @Override
        public long nanos() {
            return 0;
        }
    };

    @FuzzTest
    void hostileDriver(FuzzedDataProvider data) {
        ram.clear();
        VirtioDevice device = switch (data.consumeInt(0, 2)) {
            case 0 -> disk();
            case 1 -> new VirtioNet(new byte[] {0x52, 0x54, 0, 0x12, 0x34, 0x56}, new NetResponder(), null);
            default -> VirtioEntropy.seeded(VirtioEntropy.DEFAULT_SEED);
        };
        VirtioMmio t = new VirtioMmio(7, 0x1000_8000L, 8, asserted -> { }, new GuestMemory(ram, BASE), CLOCK,
                new VirtioEventLog(), device);

        long features = data.consumeLong() | (data.consumeBoolean() ? VirtioMmio.F_VERSION_1 : 0);
        t.write(STATUS, 4, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER);
        t.write(DRIVER_FEATURES_SEL, 4, 0);
        t.write(DRIVER_FEATURES, 4, features & 0xffff_ffffL);
        t.write(DRIVER_FEATURES_SEL, 4, 1);
        t.write(DRIVER_FEATURES, 4, features >>> 32);
        t.write(STATUS, 4, VirtioMmio.STATUS_ACKNOWLEDGE | VirtioMmio.STATUS_DRIVER | VirtioMmio.STATUS_FEATURES_OK);

        int queues = data.consumeInt(1, 2);
        for (int q = 0; q < queues; q++) {
            int size = data.consumeBoolean() ? 1 << data.consumeInt(0, 8) : data.consumeInt(0, 300);
            long desc = BASE + 0x1_0000L * q;
            long avail = desc + 16L * size;
            long used = (avail + 6 + 2L * size + 3) & ~3L;
            if (data.consumeBoolean()) { // anywhere at all
                desc = area(data);
                avail = area(data);
                used = area(data);
            }
            t.write(QUEUE_SEL, 4, q);
            t.write(QUEUE_NUM, 4, size);
            long[] areas = {desc, avail, used};
            for (int a = 0; a < 3; a++) {
                t.write(QUEUE_AREAS[2 * a], 4, areas[a] & 0xffff_ffffL);
                t.write(QUEUE_AREAS[2 * a + 1], 4, areas[a] >>> 32);
            }
            t.write(QUEUE_READY, 4, 1);
            writeQueue(data, desc, avail, size);
        }
        if (data.consumeInt(0, 7) != 0) { // mostly: a driver that queued before DRIVER_OK is tried too
            t.write(STATUS, 4, t.read(STATUS, 4) | VirtioMmio.STATUS_DRIVER_OK);
        }

        int commands = data.consumeInt(0, 16);
        for (int i = 0; i < commands && data.remainingBytes() > 0; i++) {
            switch (data.consumeInt(0, 4)) {
                case 0 -> t.write(QUEUE_NOTIFY, 4, data.consumeInt(0, 3));
                case 1 -> t.write(data.consumeInt(0, REGISTER_SPACE), data.pickValue(new int[] {1, 2, 4, 8}),
                        data.consumeLong());
                case 2 -> t.read(data.consumeInt(0, REGISTER_SPACE), data.pickValue(new int[] {1, 2, 4, 8}));
                case 3 -> {
                    long at = data.consumeLong(BASE, BASE + RAM_SIZE - 64) - BASE;
                    byte[] bytes = data.consumeBytes(64);
                    ram.load(at, bytes, 0, bytes.length);
                }
                default -> t.write(INTERRUPT_ACK, 4, data.consumeInt());
            }
            t.inspect();
        }
        t.write(QUEUE_NOTIFY, 4, 0);
        t.inspect();
    }

    /** Descriptors, the available ring and used_event for one queue, mostly near-valid. */
    private static void writeQueue(FuzzedDataProvider data, long desc, long avail, int size) {
        int n = data.consumeInt(0, Math.min(size + 2, 32));
        for (int i = 0; i < n; i++) {
            long addr = data.consumeBoolean() ? BUFFERS + data.consumeInt(0, 0x7_0000) : data.consumeLong();
            long length = data.consumeBoolean() ? data.consumeInt(0, 0x1000) : data.consumeInt() & 0xffff_ffffL;
            int flags = data.consumeInt(0, 7) & (Virtqueue.F_NEXT | Virtqueue.F_WRITE | Virtqueue.F_INDIRECT);
            int next = data.consumeInt(0, Math.max(size + 1, 1));
            long d = desc + 16L * i;
            put(d, 8, addr);
            put(d + 8, 4, length);
            put(d + 12, 2, flags);
            put(d + 14, 2, next);
        }
        int offered = data.consumeInt(0, Math.min(size + 2, 32));
        put(avail, 2, data.consumeInt(0, 1)); // flags
        for (int k = 0; k < offered; k++) {
            put(avail + 4 + 2L * k, 2, data.consumeInt(0, Math.max(size + 1, 1)));
        }
        put(avail + 2, 2, data.consumeBoolean() ? offered : data.consumeInt(0, 0xffff)); // idx
        put(avail + 4 + 2L * size, 2, data.consumeInt(0, 0xffff)); // used_event
    }

    private static long area(FuzzedDataProvider data) {
        return data.consumeBoolean() ? BASE + data.consumeInt(0, RAM_SIZE + 0x100) : data.consumeLong();
    }

    /** A little-endian store into guest RAM; nothing when it falls outside. */
    private static void put(long addr, int width, long value) {
        for (int b = 0; b < width; b++) {
            long off = addr + b - BASE;
            if (off >= 0 && off < RAM_SIZE) {
                ram.writeByte(off, (int) (value >>> (8 * b)));
            }
        }
    }

    /** One writable disk for the whole run; what the guest writes to it is only data. */
    private static VirtioBlock disk() {
        if (disk == null) {
            try {
                Path file = Files.createTempFile("bootlab-virtq-fuzz", ".img");
                file.toFile().deleteOnExit();
                Files.write(file, new byte[16 * VirtioBlock.SECTOR]);
                disk = new VirtioBlock(file, true, "fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return disk;
    }
}
