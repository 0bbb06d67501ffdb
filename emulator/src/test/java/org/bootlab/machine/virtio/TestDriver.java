package org.bootlab.machine.virtio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.bootlab.machine.IrqLine;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.Ram;
import org.bootlab.machine.TimeSource;

import static org.bootlab.machine.virtio.VirtioMmio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A virtio driver written in Java for the tests: it lays out split virtqueues in a small RAM,
 * writes descriptors and rings exactly as a guest driver would, and pokes the transport's
 * registers. Nothing here goes through the device's own helpers, so the tests check the device
 * against the specification's layout, not against itself.
 */
final class TestDriver {

    static final long BASE = MemoryMap.DRAM_BASE;
    static final long RAM_SIZE = 1 << 20;
    /** Where the tests put their buffers: above the rings. */
    static final long BUFFERS = BASE + 0x8_0000;

    final Ram ram = new Ram(RAM_SIZE);
    final GuestMemory memory = new GuestMemory(ram, BASE);
    final Wire irq = new Wire();
    final Clock clock = new Clock();
    final VirtioEventLog log = new VirtioEventLog();
    final VirtioMmio transport;

    TestDriver(VirtioDevice device) {
        transport = new VirtioMmio(7, 0x1000_8000L, 8, irq, memory, clock, log, device);
    }

    /** An interrupt wire that remembers its level. */
    static final class Wire implements IrqLine {
        boolean level;

        @Override
        public void set(boolean asserted) {
            level = asserted;
        }
    }

    /** A clock the test moves by hand. */
    static final class Clock implements TimeSource {
        long nanos;

        @Override
        public long mtime() {
            return nanos / 100;
        }

        @Override
        public long nanos() {
            return nanos;
        }
    }

    long reg(int offset) {
        return transport.read(offset, 4);
    }

    void reg(int offset, long value) {
        transport.write(offset, 4, value);
    }

    /** Reset, ACKNOWLEDGE | DRIVER, offer {@code features}, FEATURES_OK; returns whether it stuck. */
    boolean negotiate(long features) {
        reg(REG_STATUS, 0);
        reg(REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
        reg(REG_DRIVER_FEATURES_SEL, 0);
        reg(REG_DRIVER_FEATURES, features & 0xffff_ffffL);
        reg(REG_DRIVER_FEATURES_SEL, 1);
        reg(REG_DRIVER_FEATURES, features >>> 32);
        reg(REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
        return (reg(REG_STATUS) & STATUS_FEATURES_OK) != 0;
    }

    void driverOk() {
        reg(REG_STATUS, reg(REG_STATUS) | STATUS_DRIVER_OK);
    }

    /** Features VERSION_1 only, queues 0..n-1 of {@code size} set up, DRIVER_OK. */
    Queue[] start(long features, int size, int queues) {
        assertTrue(negotiate(features | F_VERSION_1), "FEATURES_OK");
        Queue[] qs = new Queue[queues];
        for (int q = 0; q < queues; q++) {
            qs[q] = queue(q, size);
            assertEquals(1, reg(REG_QUEUE_READY), "queue " + q + " ready");
        }
        driverOk();
        return qs;
    }

    /** Configures queue {@code index} with its areas in page {@code index} of RAM and asks for ready. */
    Queue queue(int index, int size) {
        long page = BASE + 0x1_0000L * index;
        return queue(index, size, page, page + 16L * size, (page + 16L * size + 6 + 2L * size + 3) & ~3L);
    }

    Queue queue(int index, int size, long desc, long avail, long used) {
        // A driver allocates its rings zeroed.
        for (long a : new long[] {desc, avail, used}) {
            if (memory.contains(a, 0x1000)) {
                put(a, new byte[0x1000]);
            }
        }
        reg(REG_QUEUE_SEL, index);
        reg(REG_QUEUE_NUM, size);
        reg(REG_QUEUE_DESC_LOW, desc & 0xffff_ffffL);
        reg(REG_QUEUE_DESC_HIGH, desc >>> 32);
        reg(REG_QUEUE_DRIVER_LOW, avail & 0xffff_ffffL);
        reg(REG_QUEUE_DRIVER_HIGH, avail >>> 32);
        reg(REG_QUEUE_DEVICE_LOW, used & 0xffff_ffffL);
        reg(REG_QUEUE_DEVICE_HIGH, used >>> 32);
        reg(REG_QUEUE_READY, 1);
        return new Queue(index, size, desc, avail, used);
    }

    boolean needsReset() {
        return (reg(REG_STATUS) & STATUS_DEVICE_NEEDS_RESET) != 0;
    }

    /** One buffer of a chain. */
    record Buf(long addr, long length, boolean writable) {
        static Buf out(long addr, long length) {
            return new Buf(addr, length, false);
        }

        static Buf in(long addr, long length) {
            return new Buf(addr, length, true);
        }
    }

    /** A split virtqueue as the driver keeps it. */
    final class Queue {
        final int index;
        final int size;
        final long desc;
        final long avail;
        final long used;
        int nextFree;
        int availIdx;
        int lastUsed;

        Queue(int index, int size, long desc, long avail, long used) {
            this.index = index;
            this.size = size;
            this.desc = desc;
            this.avail = avail;
            this.used = used;
        }

        void descriptor(int i, long addr, long length, int flags, int next) {
            long d = desc + 16L * i;
            write64(d, addr);
            memory.put32(d + 8, length);
            memory.put16(d + 12, flags);
            memory.put16(d + 14, next);
        }

        /** Chains the buffers into fresh descriptors; returns the head (not yet available). */
        int chain(Buf... bufs) {
            int head = nextFree;
            for (int k = 0; k < bufs.length; k++) {
                int i = (nextFree + k) % size;
                int flags = (bufs[k].writable() ? Virtqueue.F_WRITE : 0) | (k + 1 < bufs.length ? Virtqueue.F_NEXT : 0);
                descriptor(i, bufs[k].addr(), bufs[k].length(), flags, (i + 1) % size);
            }
            nextFree = (nextFree + bufs.length) % size;
            return head;
        }

        /** Puts {@code head} in the available ring and publishes the index. */
        void offer(int head) {
            memory.put16(avail + 4 + 2L * (availIdx % size), head);
            availIdx = (availIdx + 1) & 0xffff;
            memory.put16(avail + 2, availIdx);
        }

        /** chain + offer + QueueNotify. */
        int send(Buf... bufs) {
            int head = chain(bufs);
            offer(head);
            notifyDevice();
            return head;
        }

        void notifyDevice() {
            reg(REG_QUEUE_NOTIFY, index);
        }

        int usedIdx() {
            return memory.u16(used + 2);
        }

        long usedId(int k) {
            return memory.u32(used + 4 + 8L * (k % size));
        }

        long usedLength(int k) {
            return memory.u32(used + 4 + 8L * (k % size) + 4);
        }

        /** The next used element as {id, len}, checked to exist. */
        long[] takeUsed() {
            assertTrue(usedIdx() != lastUsed, "queue " + index + ": nothing used");
            long[] e = {usedId(lastUsed), usedLength(lastUsed)};
            lastUsed = (lastUsed + 1) & 0xffff;
            return e;
        }

        void availFlags(int flags) {
            memory.put16(avail, flags);
        }

        void usedEvent(int value) {
            memory.put16(avail + 4 + 2L * size, value);
        }

        int availEvent() {
            return memory.u16(used + 4 + 8L * size);
        }
    }

    void write64(long addr, long value) {
        memory.put32(addr, value & 0xffff_ffffL);
        memory.put32(addr + 4, value >>> 32);
    }

    void put(long addr, byte[] bytes) {
        memory.write(addr, bytes, 0, bytes.length);
    }

    byte[] get(long addr, int length) {
        byte[] b = new byte[length];
        memory.read(addr, b, 0, length);
        return b;
    }

    byte[] save() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ram.saveState(out);
            transport.saveState(out);
        }
        return bytes.toByteArray();
    }

    void restore(byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            ram.restoreState(in);
            transport.restoreState(in);
            assertEquals(-1, in.read(), "restoreState left bytes unread");
        }
    }
}
