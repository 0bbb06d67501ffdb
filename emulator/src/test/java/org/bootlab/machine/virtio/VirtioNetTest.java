package org.bootlab.machine.virtio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bootlab.machine.virtio.TestDriver.Buf;
import org.bootlab.machine.virtio.TestDriver.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** virtio-net and its in-emulator network, driven through the receive and transmit queues. */
class VirtioNetTest {

    static final byte[] GUEST_MAC = {0x52, 0x54, 0, 0x12, 0x34, 0x56};
    static final byte[] GUEST_IP = {(byte) 192, 0, 2, 15};
    private static final int HDR = VirtioNet.HEADER;
    private static final long TX_BUF = TestDriver.BUFFERS;
    private static final long RX_BUF = TestDriver.BUFFERS + 0x1_0000;
    private static final int RX_SIZE = 2048;

    @TempDir
    Path dir;

    private TestDriver d;
    private Queue rx;
    private Queue tx;
    private Path pcapFile;

    private void start(boolean withPcap) throws Exception {
        pcapFile = dir.resolve("net.pcap");
        PcapWriter pcap = withPcap ? new PcapWriter(pcapFile) : null;
        d = new TestDriver(new VirtioNet(GUEST_MAC, new NetResponder(), pcap));
        Queue[] qs = d.start(VirtioNet.F_MAC, 16, 2);
        rx = qs[0];
        tx = qs[1];
    }

    private void postRx(int n) {
        for (int i = 0; i < n; i++) {
            rx.offer(rx.chain(Buf.in(RX_BUF + (long) RX_SIZE * i, RX_SIZE)));
        }
        rx.notifyDevice();
    }

    private void transmit(byte[] frame) {
        byte[] buf = new byte[HDR + frame.length];
        System.arraycopy(frame, 0, buf, HDR, frame.length);
        d.put(TX_BUF, buf);
        tx.send(Buf.out(TX_BUF, HDR), Buf.out(TX_BUF + HDR, frame.length));
    }

    /** The next frame the guest received, without its virtio_net_hdr (checked to be all zeros but num_buffers). */
    private byte[] received() {
        long[] used = rx.takeUsed();
        long addr = RX_BUF + (used[0] % 4) * RX_SIZE;
        byte[] hdr = d.get(addr, HDR);
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, hdr, "num_buffers = 1, no offloads");
        return d.get(addr + HDR, (int) used[1] - HDR);
    }

    static byte[] arpRequest(byte[] targetIp) {
        ByteBuffer f = ByteBuffer.allocate(42);
        f.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(GUEST_MAC).putShort((short) 0x0806);
        f.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1);
        f.put(GUEST_MAC).put(GUEST_IP).put(new byte[6]).put(targetIp);
        return f.array();
    }

    static byte[] echoRequest(int id, int seq, int payload) {
        ByteBuffer f = ByteBuffer.allocate(14 + 20 + 8 + payload);
        f.put(NetResponder.HOST_MAC).put(GUEST_MAC).putShort((short) 0x0800);
        f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + payload)).putShort((short) 7).putShort((short) 0)
                .put((byte) 64).put((byte) 1).putShort((short) 0).put(GUEST_IP).put(NetResponder.HOST_IP);
        f.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq);
        for (int i = 0; i < payload; i++) {
            f.put((byte) i);
        }
        byte[] b = f.array();
        putChecksum(b, 14 + 10, NetResponder.checksum(b, 14, 20));
        putChecksum(b, 34 + 2, NetResponder.checksum(b, 34, 8 + payload));
        return b;
    }

    private static void putChecksum(byte[] b, int at, int sum) {
        b[at] = (byte) (sum >>> 8);
        b[at + 1] = (byte) sum;
    }

    @Test
    void configurationSpaceHoldsTheMacAndLinkUp() throws Exception {
        start(false);
        for (int i = 0; i < 6; i++) {
            assertEquals(GUEST_MAC[i] & 0xff, d.transport.read(0x100 + i, 1));
        }
        assertEquals(1, d.transport.read(0x106, 2), "VIRTIO_NET_S_LINK_UP");
        VirtioDeviceState s = d.transport.inspect();
        assertEquals("52:54:00:12:34:56", s.config().get(0).text());
        assertEquals(List.of("receiveq", "transmitq"), s.queues().stream().map(VirtioDeviceState.Queue::name).toList());
    }

    @Test
    void arpRequestForTheHostIsAnsweredAtOnce() throws Exception {
        start(false);
        postRx(4);
        d.reg(VirtioMmio.REG_INTERRUPT_ACK, 3);
        transmit(arpRequest(NetResponder.HOST_IP));
        assertArrayEquals(new long[] {0, 0}, tx.takeUsed(), "transmitted: nothing written back");
        byte[] reply = received();
        assertEquals(60, reply.length, "padded to the minimum frame");
        assertArrayEquals(GUEST_MAC, slice(reply, 0, 6));
        assertArrayEquals(NetResponder.HOST_MAC, slice(reply, 6, 6));
        assertEquals(2, reply[21], "ARP reply");
        assertArrayEquals(NetResponder.HOST_MAC, slice(reply, 22, 6));
        assertArrayEquals(NetResponder.HOST_IP, slice(reply, 28, 4));
        assertArrayEquals(GUEST_MAC, slice(reply, 32, 6));
        assertArrayEquals(GUEST_IP, slice(reply, 38, 4));
        assertTrue(d.irq.level);
    }

    @Test
    void arpForAnotherAddressIsNotAnswered() throws Exception {
        start(false);
        postRx(4);
        transmit(arpRequest(new byte[] {(byte) 192, 0, 2, 99}));
        assertEquals(0, rx.usedIdx());
    }

    @Test
    void pingIsAnsweredWithValidChecksums() throws Exception {
        start(false);
        postRx(4);
        byte[] request = echoRequest(0x1234, 5, 56);
        transmit(request);
        byte[] reply = received();
        assertEquals(request.length, reply.length);
        assertArrayEquals(GUEST_MAC, slice(reply, 0, 6));
        assertEquals(0, NetResponder.checksum(reply, 14, 20), "IPv4 header checksum");
        assertEquals(0, NetResponder.checksum(reply, 34, 8 + 56), "ICMP checksum");
        assertEquals(0, reply[34], "echo reply");
        assertArrayEquals(slice(request, 38, 4 + 56), slice(reply, 38, 4 + 56), "id, sequence and data echoed");
        assertArrayEquals(NetResponder.HOST_IP, slice(reply, 26, 4));
        assertArrayEquals(GUEST_IP, slice(reply, 30, 4));
        assertEquals("IPv4 192.0.2.2 > 192.0.2.15 ICMP echo reply id 4660 seq 5", FrameSummary.describe(reply));
    }

    @Test
    void repliesWaitForAReceiveBufferAndSurviveASnapshot() throws Exception {
        start(false);
        transmit(arpRequest(NetResponder.HOST_IP));
        byte[] snapshot = d.save();
        postRx(1);
        byte[] first = received();

        d.restore(snapshot);
        rx.nextFree = 0;
        rx.availIdx = 0;
        rx.lastUsed = 0;
        postRx(1);
        assertArrayEquals(first, received(), "the backlog came back with the snapshot");
    }

    @Test
    void aReceiveBufferTooSmallDropsTheFrame() throws Exception {
        start(false);
        rx.offer(rx.chain(Buf.in(RX_BUF, 20)));
        rx.notifyDevice();
        transmit(echoRequest(1, 1, 56));
        assertArrayEquals(new long[] {0, 0}, rx.takeUsed());
        assertFalse(d.needsReset());
    }

    @Test
    void transmitFromOutsideRamIsDropped() throws Exception {
        start(false);
        postRx(1);
        tx.send(Buf.out(0x4000_0000L, HDR + 42));
        assertArrayEquals(new long[] {0, 0}, tx.takeUsed());
        assertEquals(0, rx.usedIdx());
        assertFalse(d.needsReset());
        tx.send(Buf.out(TX_BUF, 4));
        assertArrayEquals(new long[] {1, 0}, tx.takeUsed(), "shorter than a header: dropped too");
    }

    @Test
    void inspectorDecodesFramesAndPostedBuffers() throws Exception {
        start(false);
        postRx(2);
        transmit(arpRequest(NetResponder.HOST_IP));
        VirtioDeviceState s = d.transport.inspect();
        VirtioDeviceState.Queue rxq = s.queues().get(0);
        VirtioDeviceState.Chain waiting = rxq.chains().get(0);
        assertEquals(new DecodedRequest.NetReceiveBuffer(RX_SIZE), waiting.request());
        DecodedRequest.NetFrame got = assertInstanceOf(DecodedRequest.NetFrame.class, rxq.chains().get(1).request());
        assertFalse(got.transmit());
        assertEquals(1, got.numBuffers());
        assertEquals("ARP reply 192.0.2.2 is-at 52:55:c0:00:02:02", got.summary());
        DecodedRequest.NetFrame sent = assertInstanceOf(DecodedRequest.NetFrame.class,
                s.queues().get(1).chains().get(0).request());
        assertTrue(sent.transmit());
        assertEquals(42, sent.frameLength());
        assertEquals("ARP request who-has 192.0.2.2 tell 192.0.2.15", sent.summary());
    }

    @Test
    void pcapHoldsEveryFrameWithVirtualTimestamps() throws Exception {
        start(true);
        postRx(4);
        d.clock.nanos = 2_500_001_000L;
        transmit(arpRequest(NetResponder.HOST_IP));
        d.clock.nanos = 2_500_003_000L;
        transmit(echoRequest(9, 1, 8));

        ByteBuffer p = ByteBuffer.wrap(Files.readAllBytes(pcapFile)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, p.getInt());
        assertEquals(2, p.getShort());
        assertEquals(4, p.getShort());
        p.getInt();
        p.getInt();
        assertEquals(65535, p.getInt());
        assertEquals(1, p.getInt(), "LINKTYPE_ETHERNET");
        List<long[]> records = new ArrayList<>();
        while (p.hasRemaining()) {
            long sec = p.getInt();
            long usec = p.getInt();
            int incl = p.getInt();
            int orig = p.getInt();
            assertEquals(incl, orig);
            p.position(p.position() + incl);
            records.add(new long[] {sec, usec, incl});
        }
        assertEquals(4, records.size(), "ARP request and reply, echo request and reply");
        assertArrayEquals(new long[] {2, 500_001, 42}, records.get(0));
        assertArrayEquals(new long[] {2, 500_001, 60}, records.get(1));
        assertArrayEquals(new long[] {2, 500_003, 50}, records.get(2));
    }

    private static byte[] slice(byte[] b, int from, int length) {
        return java.util.Arrays.copyOfRange(b, from, from + length);
    }
}
