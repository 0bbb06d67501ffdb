package org.bootlab.machine.virtio;

import java.util.List;
import org.bootlab.machine.virtio.TestDriver.Buf;
import org.bootlab.machine.virtio.TestDriver.Queue;
import org.junit.jupiter.api.Test;

import static org.bootlab.machine.virtio.VirtioMmio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The virtio-mmio transport and the split virtqueue, driven from Java through the registers and
 * the rings, with the entropy device (the simplest) behind them. Every driver misbehaviour of
 * issue 4 ends in DEVICE_NEEDS_RESET or a failed request, never in an exception.
 */
class VirtioMmioTest {

    private final TestDriver d = new TestDriver(VirtioEntropy.seeded(1));

    @Test
    void identifiesItselfAsAModernEntropyDevice() {
        assertEquals(MAGIC, d.reg(REG_MAGIC));
        assertEquals(2, d.reg(REG_VERSION));
        assertEquals(VirtioEntropy.DEVICE_ID, d.reg(REG_DEVICE_ID));
        assertEquals(VENDOR_QEMU, d.reg(REG_VENDOR_ID));
        d.reg(REG_DEVICE_FEATURES_SEL, 0);
        assertEquals(F_INDIRECT_DESC | F_EVENT_IDX, d.reg(REG_DEVICE_FEATURES));
        d.reg(REG_DEVICE_FEATURES_SEL, 1);
        assertEquals(F_VERSION_1 >>> 32, d.reg(REG_DEVICE_FEATURES));
        d.reg(REG_DEVICE_FEATURES_SEL, 2);
        assertEquals(0, d.reg(REG_DEVICE_FEATURES));
        d.reg(REG_QUEUE_SEL, 0);
        assertEquals(QUEUE_MAX, d.reg(REG_QUEUE_NUM_MAX));
        d.reg(REG_QUEUE_SEL, 1);
        assertEquals(0, d.reg(REG_QUEUE_NUM_MAX), "no queue 1");
        assertEquals(0xffff_ffffL, d.reg(REG_SHM_LEN_LOW), "no shared memory region");
        assertEquals(0, d.transport.read(REG_MAGIC, 2), "registers are 32 bits wide");
        assertEquals(0, d.transport.read(REG_CONFIG, 4), "no configuration space");
    }

    @Test
    void featuresOkOnlyForOfferedFeaturesWithVersion1() {
        assertFalse(d.negotiate(F_VERSION_1 | 1L << 40), "a feature not offered");
        assertFalse(d.negotiate(F_INDIRECT_DESC), "no VERSION_1: legacy drivers are refused");
        assertTrue(d.negotiate(F_VERSION_1 | F_EVENT_IDX));
        // Once FEATURES_OK is set, DriverFeatures no longer changes.
        d.reg(REG_DRIVER_FEATURES_SEL, 0);
        d.reg(REG_DRIVER_FEATURES, 0);
        VirtioDeviceState s = d.transport.inspect();
        assertEquals(F_VERSION_1 | F_EVENT_IDX, s.driverFeatures());
        assertTrue(s.featuresOk());
        assertEquals(List.of("ACKNOWLEDGE", "DRIVER", "FEATURES_OK"), s.statusBits());
        assertTrue(s.features().contains(new VirtioDeviceState.Feature(29, "VIRTIO_F_EVENT_IDX", true, true)));
        assertTrue(s.features().contains(new VirtioDeviceState.Feature(28, "VIRTIO_F_INDIRECT_DESC", true, false)));
    }

    @Test
    void fillsABufferRaisesTheInterruptAndAckLowersIt() {
        Queue q = d.start(0, 8, 1)[0];
        d.clock.nanos = 5_000;
        int head = q.send(Buf.in(TestDriver.BUFFERS, 32));
        assertArrayEquals(new long[] {head, 32}, q.takeUsed());
        assertTrue(d.irq.level);
        assertEquals(INTERRUPT_USED_BUFFER, d.reg(REG_INTERRUPT_STATUS));
        d.reg(REG_INTERRUPT_ACK, INTERRUPT_USED_BUFFER);
        assertFalse(d.irq.level);
        assertEquals(0, d.reg(REG_INTERRUPT_STATUS));

        List<VirtioEvent> events = d.log.events();
        List<VirtioEvent.Kind> kinds = events.stream().map(VirtioEvent::kind).toList();
        assertTrue(kinds.containsAll(List.of(VirtioEvent.Kind.RESET, VirtioEvent.Kind.STATUS,
                VirtioEvent.Kind.DRIVER_NOTIFY, VirtioEvent.Kind.BUFFER_USED, VirtioEvent.Kind.USED_BUFFER_INTERRUPT)));
        VirtioEvent used = events.stream().filter(e -> e.kind() == VirtioEvent.Kind.BUFFER_USED).findFirst().orElseThrow();
        assertEquals(5_000, used.nanos());
        assertEquals(32, used.length());
        assertEquals(7, used.slot());
    }

    @Test
    void nothingIsConsumedBeforeDriverOk() {
        assertTrue(d.negotiate(F_VERSION_1));
        Queue q = d.queue(0, 8);
        q.send(Buf.in(TestDriver.BUFFERS, 16));
        assertEquals(0, q.usedIdx());
        d.driverOk();
        assertEquals(1, q.usedIdx(), "taken at DRIVER_OK");
    }

    @Test
    void noInterruptWhenTheDriverAsksForNone() {
        Queue q = d.start(0, 8, 1)[0];
        q.availFlags(Virtqueue.AVAIL_F_NO_INTERRUPT);
        q.send(Buf.in(TestDriver.BUFFERS, 16));
        assertEquals(1, q.usedIdx());
        assertFalse(d.irq.level);
    }

    @Test
    void eventIdxDecidesTheInterruptAndPublishesAvailEvent() {
        Queue q = d.start(F_EVENT_IDX, 8, 1)[0];
        q.usedEvent(1); // interrupt when the second buffer is used, not the first
        q.send(Buf.in(TestDriver.BUFFERS, 8));
        assertFalse(d.irq.level);
        assertEquals(1, q.availEvent());
        q.send(Buf.in(TestDriver.BUFFERS, 8));
        assertTrue(d.irq.level);
        assertEquals(2, q.availEvent());
    }

    @Test
    void indirectDescriptorsAreFollowed() {
        Queue q = d.start(F_INDIRECT_DESC, 8, 1)[0];
        long table = TestDriver.BUFFERS + 0x1000;
        writeIndirect(table, 0, TestDriver.BUFFERS, 10, Virtqueue.F_WRITE | Virtqueue.F_NEXT, 1);
        writeIndirect(table, 1, TestDriver.BUFFERS + 100, 6, Virtqueue.F_WRITE, 0);
        q.descriptor(0, table, 32, Virtqueue.F_INDIRECT, 0);
        q.offer(0);
        q.notifyDevice();
        assertArrayEquals(new long[] {0, 16}, q.takeUsed());
        assertFalse(d.needsReset());
    }

    private void writeIndirect(long table, int i, long addr, long len, int flags, int next) {
        d.write64(table + 16L * i, addr);
        d.memory.put32(table + 16L * i + 8, len);
        d.memory.put16(table + 16L * i + 12, flags);
        d.memory.put16(table + 16L * i + 14, next);
    }

    // ------------------------------------------------------------------ misbehaving drivers

    @Test
    void queueSizeThatIsNotAPowerOfTwoNeedsReset() {
        assertTrue(d.negotiate(F_VERSION_1));
        d.queue(0, 12);
        assertEquals(0, d.reg(REG_QUEUE_READY));
        assertTrue(d.needsReset());
        assertTrue(d.transport.inspect().needsResetReason().contains("not a power of two"));
    }

    @Test
    void queueSizeZeroOrAboveTheMaximumNeedsReset() {
        assertTrue(d.negotiate(F_VERSION_1));
        d.queue(0, 0);
        assertTrue(d.needsReset());
        assertTrue(d.negotiate(F_VERSION_1));
        assertFalse(d.needsReset(), "a reset clears it");
        d.queue(0, 512);
        assertTrue(d.needsReset());
    }

    @Test
    void ringsOutsideRamOrMisalignedNeedReset() {
        assertTrue(d.negotiate(F_VERSION_1));
        d.queue(0, 8, 0x1000, TestDriver.BASE + 0x200, TestDriver.BASE + 0x400);
        assertTrue(d.needsReset());
        assertTrue(d.negotiate(F_VERSION_1));
        long end = TestDriver.BASE + TestDriver.RAM_SIZE;
        d.queue(0, 8, TestDriver.BASE, TestDriver.BASE + 0x200, end - 16);
        assertTrue(d.needsReset(), "used ring runs past the end of RAM");
        assertTrue(d.negotiate(F_VERSION_1));
        d.queue(0, 8, TestDriver.BASE + 8, TestDriver.BASE + 0x200, TestDriver.BASE + 0x400);
        assertTrue(d.needsReset(), "descriptor table not 16-byte aligned");
        assertTrue(d.negotiate(F_VERSION_1));
        d.queue(0, 8, 0xffff_ffff_ffff_f000L, TestDriver.BASE + 0x200, TestDriver.BASE + 0x400);
        assertTrue(d.needsReset(), "an address that wraps around");
    }

    @Test
    void descriptorLoopNeedsResetAndRaisesAConfigInterrupt() {
        Queue q = d.start(0, 4, 1)[0];
        for (int i = 0; i < 4; i++) {
            q.descriptor(i, TestDriver.BUFFERS, 8, Virtqueue.F_WRITE | Virtqueue.F_NEXT, (i + 1) % 4);
        }
        q.offer(0);
        q.notifyDevice();
        assertMalformed(q, "loops");
        assertEquals(INTERRUPT_CONFIG_CHANGE, d.reg(REG_INTERRUPT_STATUS));
        assertTrue(d.irq.level);

        // A stopped device ignores notifications until it is reset, then works again.
        q.send(Buf.in(TestDriver.BUFFERS, 8));
        assertEquals(0, q.usedIdx());
        Queue fresh = d.start(0, 4, 1)[0];
        assertFalse(d.needsReset());
        assertFalse(d.irq.level, "reset drops the interrupt");
        fresh.send(Buf.in(TestDriver.BUFFERS, 8));
        assertEquals(1, fresh.usedIdx());
    }

    @Test
    void selfLoopNeedsReset() {
        Queue q = d.start(0, 8, 1)[0];
        q.descriptor(3, TestDriver.BUFFERS, 8, Virtqueue.F_WRITE | Virtqueue.F_NEXT, 3);
        q.offer(3);
        q.notifyDevice();
        assertMalformed(q, "loops");
    }

    @Test
    void nextIndexOutsideTheTableNeedsReset() {
        Queue q = d.start(0, 8, 1)[0];
        q.descriptor(0, TestDriver.BUFFERS, 8, Virtqueue.F_WRITE | Virtqueue.F_NEXT, 8);
        q.offer(0);
        q.notifyDevice();
        assertMalformed(q, "next index 8");
    }

    @Test
    void headIndexOutsideTheTableNeedsReset() {
        Queue q = d.start(0, 8, 1)[0];
        q.offer(200);
        q.notifyDevice();
        assertMalformed(q, "head index 200");
    }

    @Test
    void availIndexRunningAheadNeedsReset() {
        Queue q = d.start(0, 8, 1)[0];
        d.memory.put16(q.avail + 2, 9);
        q.notifyDevice();
        assertMalformed(q, "avail.idx");
    }

    @Test
    void readableAfterWritableNeedsReset() {
        Queue q = d.start(0, 8, 1)[0];
        q.send(Buf.in(TestDriver.BUFFERS, 8), Buf.out(TestDriver.BUFFERS + 8, 8));
        assertMalformed(q, "follows a device-writable one");
    }

    @Test
    void indirectWithoutTheFeatureNeedsReset() {
        Queue q = d.start(0, 8, 1)[0];
        writeIndirect(TestDriver.BUFFERS, 0, TestDriver.BUFFERS + 0x100, 8, Virtqueue.F_WRITE, 0);
        q.descriptor(0, TestDriver.BUFFERS, 16, Virtqueue.F_INDIRECT, 0);
        q.offer(0);
        q.notifyDevice();
        assertMalformed(q, "without VIRTIO_F_INDIRECT_DESC");
    }

    @Test
    void misusedIndirectTablesNeedReset() {
        long table = TestDriver.BUFFERS;
        writeIndirect(table, 0, TestDriver.BUFFERS + 0x100, 8, Virtqueue.F_WRITE, 0);
        assertIndirectMalformed(table, 16, Virtqueue.F_INDIRECT | Virtqueue.F_NEXT, "with NEXT set");
        assertIndirectMalformed(table, 24, Virtqueue.F_INDIRECT, "not a multiple of 16");
        assertIndirectMalformed(table, 0, Virtqueue.F_INDIRECT, "not a multiple of 16");
        assertIndirectMalformed(0x4000_0000L, 16, Virtqueue.F_INDIRECT, "outside RAM");

        writeIndirect(table, 0, table, 16, Virtqueue.F_INDIRECT, 0);
        assertIndirectMalformed(table, 16, Virtqueue.F_INDIRECT, "holds an indirect descriptor");

        writeIndirect(table, 0, TestDriver.BUFFERS + 0x100, 8, Virtqueue.F_WRITE | Virtqueue.F_NEXT, 1);
        writeIndirect(table, 1, TestDriver.BUFFERS + 0x100, 8, Virtqueue.F_WRITE | Virtqueue.F_NEXT, 0);
        assertIndirectMalformed(table, 32, Virtqueue.F_INDIRECT, "loops");

        writeIndirect(table, 1, TestDriver.BUFFERS + 0x100, 8, Virtqueue.F_WRITE | Virtqueue.F_NEXT, 2);
        assertIndirectMalformed(table, 32, Virtqueue.F_INDIRECT, "next index 2");
    }

    @Test
    void chainLongerThanTheLimitNeedsReset() {
        // A loop-free indirect table of 2000 entries: longer than any chain may be.
        long table = TestDriver.BUFFERS;
        for (int i = 0; i < 2000; i++) {
            writeIndirect(table, i, TestDriver.BUFFERS, 1, Virtqueue.F_WRITE | (i < 1999 ? Virtqueue.F_NEXT : 0), i + 1);
        }
        assertIndirectMalformed(table, 2000 * 16, Virtqueue.F_INDIRECT, "longer than " + Virtqueue.MAX_CHAIN);
    }

    private void assertIndirectMalformed(long table, long length, int flags, String why) {
        Queue q = d.start(F_INDIRECT_DESC, 8, 1)[0];
        q.descriptor(0, table, length, flags, 0);
        q.offer(0);
        q.notifyDevice();
        assertMalformed(q, why);
    }

    private void assertMalformed(Queue q, String why) {
        assertTrue(d.needsReset(), "DEVICE_NEEDS_RESET");
        assertEquals(0, q.usedIdx(), "nothing used");
        String reason = d.transport.inspect().needsResetReason();
        assertNotNull(reason);
        assertTrue(reason.contains(why), reason);
        assertTrue(d.log.events().stream().anyMatch(e -> e.kind() == VirtioEvent.Kind.DEVICE_NEEDS_RESET));
    }

    @Test
    void buffersOutsideRamFailTheRequestOnly() {
        Queue q = d.start(0, 8, 1)[0];
        q.send(Buf.in(0x1000, 16));
        assertArrayEquals(new long[] {0, 0}, q.takeUsed());
        assertFalse(d.needsReset());
        q.send(Buf.in(TestDriver.BASE + TestDriver.RAM_SIZE - 8, 16));
        assertArrayEquals(new long[] {1, 0}, q.takeUsed());
    }

    @Test
    void hostileRegisterWritesNeverThrow() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long offset = r.nextInt(0x120) & ~3;
            d.transport.write(offset, 4, r.nextInt());
            d.transport.read(offset, 4);
            d.transport.inspect();
        }
    }

    // ------------------------------------------------------------------ inspector and snapshots

    @Test
    void inspectorShowsTheRingsAsWritten() {
        Queue q = d.start(0, 4, 1)[0];
        int first = q.send(Buf.in(TestDriver.BUFFERS, 8), Buf.in(TestDriver.BUFFERS + 8, 4));
        int pending = q.chain(Buf.in(TestDriver.BUFFERS + 64, 24));
        q.offer(pending);
        // The second chain is available but not notified: the device has not seen it.

        VirtioDeviceState s = d.transport.inspect();
        assertEquals("virtio-rng", s.name());
        assertEquals(7, s.slot());
        assertEquals(8, s.irq());
        VirtioDeviceState.Queue vq = s.queues().get(0);
        assertEquals("requestq", vq.name());
        assertEquals(4, vq.size());
        assertTrue(vq.ready());
        assertEquals(q.desc, vq.descAddr());
        assertEquals(q.avail, vq.driverAddr());
        assertEquals(q.used, vq.deviceAddr());
        assertEquals(new VirtioDeviceState.Descriptor(0, TestDriver.BUFFERS, 8,
                Virtqueue.F_WRITE | Virtqueue.F_NEXT, 1), vq.descriptors().get(0));
        assertTrue(vq.descriptors().get(0).hasNext() && vq.descriptors().get(0).writable());
        assertEquals(new VirtioDeviceState.Descriptor(2, TestDriver.BUFFERS + 64, 24, Virtqueue.F_WRITE, 3),
                vq.descriptors().get(2));
        assertEquals(2, vq.availIdx());
        assertEquals(List.of(first, pending), vq.availRing().subList(0, 2));
        assertEquals(1, vq.usedIdx());
        assertEquals(new VirtioDeviceState.UsedElement(first, 12), vq.usedRing().get(0));
        assertEquals(1, vq.lastAvailIdx());
        assertEquals(1, vq.deviceUsedIdx());

        assertEquals(2, vq.chains().size());
        VirtioDeviceState.Chain waiting = vq.chains().get(0);
        assertEquals(pending, waiting.head());
        assertFalse(waiting.completed());
        assertEquals(new DecodedRequest.Entropy(24), waiting.request());
        VirtioDeviceState.Chain done = vq.chains().get(1);
        assertTrue(done.completed());
        assertEquals(2, done.segments().size());
        assertEquals(new DecodedRequest.Entropy(12), done.request());
        assertNull(done.error());
    }

    @Test
    void inspectingChangesNothing() throws Exception {
        Queue q = d.start(0, 4, 1)[0];
        q.send(Buf.in(TestDriver.BUFFERS, 8));
        q.offer(q.chain(Buf.in(TestDriver.BUFFERS + 64, 8)));
        byte[] before = d.save();
        d.transport.inspect();
        assertArrayEquals(before, d.save());
    }

    @Test
    void snapshotRewindsQueuesAndTheGenerator() throws Exception {
        Queue q = d.start(0, 8, 1)[0];
        q.send(Buf.in(TestDriver.BUFFERS, 8));
        byte[] snapshot = d.save();
        q.send(Buf.in(TestDriver.BUFFERS + 64, 16));
        byte[] first = d.get(TestDriver.BUFFERS + 64, 16);
        d.clock.nanos = 0;
        d.restore(snapshot);
        d.memory.put32(TestDriver.BUFFERS + 64, 0);
        q.nextFree = 1;
        q.availIdx = 1;
        q.lastUsed = 1;
        q.send(Buf.in(TestDriver.BUFFERS + 64, 16));
        assertArrayEquals(new long[] {1, 16}, q.takeUsed());
        assertArrayEquals(first, d.get(TestDriver.BUFFERS + 64, 16), "the same bytes again");
    }

    private static void assertArrayEquals(long[] expected, long[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }

    private static void assertArrayEquals(byte[] expected, byte[] actual, String message) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, message);
    }
}
