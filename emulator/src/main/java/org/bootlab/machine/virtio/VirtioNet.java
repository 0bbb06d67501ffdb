package org.bootlab.machine.virtio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * virtio-net (virtio 1.2 §5.1) on a network that lives inside the emulator: queue 0 receives,
 * queue 1 transmits, every frame travels behind a 12-byte virtio_net_hdr (VERSION_1, no
 * offloads). What the guest transmits goes to the {@link NetResponder}, whose replies wait in
 * a receive backlog and are delivered as soon as the driver has a receive buffer posted: in the
 * same QueueNotify as the request when it has (zero virtual time), else on its next notify of
 * the receive queue. Every frame sent and delivered is appended to the pcap file, if any.
 *
 * <p>The backlog is device state, saved in snapshots. The pcap file is not: a restored machine
 * that sends a frame again appends it again.
 */
public final class VirtioNet extends VirtioDevice {

    public static final int DEVICE_ID = 1;
    public static final long F_MAC = 1L << 5;
    public static final long F_STATUS = 1L << 16;
    public static final int RX = 0;
    public static final int TX = 1;
    /** sizeof(struct virtio_net_hdr) with VERSION_1: num_buffers is always there. */
    public static final int HEADER = 12;
    /** The longest frame accepted or delivered: the largest IPv4 packet plus its Ethernet header. */
    public static final int MAX_FRAME = 65_535 + FrameSummary.ETH_HEADER;
    /** Replies waiting beyond this many are dropped, as a full host queue would. */
    public static final int BACKLOG = 64;
    private static final int LINK_UP = 1;

    private final NetResponder responder;
    private final PcapWriter pcap;
    private final byte[] config = new byte[8];
    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    private boolean pcapBroken;

    /**
     * @param mac  the guest's MAC address (6 bytes), in the configuration space
     * @param pcap where every frame goes, or null
     */
    public VirtioNet(byte[] mac, NetResponder responder, PcapWriter pcap) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + mac.length);
        }
        this.responder = responder;
        this.pcap = pcap;
        System.arraycopy(mac, 0, config, 0, 6);
        putLe(config, 6, 2, LINK_UP);
    }

    @Override
    public int deviceId() {
        return DEVICE_ID;
    }

    @Override
    public String name() {
        return "virtio-net";
    }

    @Override
    long deviceFeatures() {
        return F_MAC | F_STATUS;
    }

    @Override
    String featureName(int bit) {
        return switch (bit) {
            case 0 -> "VIRTIO_NET_F_CSUM";
            case 1 -> "VIRTIO_NET_F_GUEST_CSUM";
            case 3 -> "VIRTIO_NET_F_MTU";
            case 5 -> "VIRTIO_NET_F_MAC";
            case 7 -> "VIRTIO_NET_F_GUEST_TSO4";
            case 11 -> "VIRTIO_NET_F_HOST_TSO4";
            case 15 -> "VIRTIO_NET_F_MRG_RXBUF";
            case 16 -> "VIRTIO_NET_F_STATUS";
            case 17 -> "VIRTIO_NET_F_CTRL_VQ";
            case 22 -> "VIRTIO_NET_F_MQ";
            default -> null;
        };
    }

    @Override
    List<String> queueNames() {
        return List.of("receiveq", "transmitq");
    }

    @Override
    byte[] configSpace() {
        return config;
    }

    @Override
    List<VirtioDeviceState.ConfigField> decodeConfig() {
        return List.of(
                field(config, "mac", 0, 6, FrameSummary.mac(config, 0)),
                field(config, "status", 6, 2, (config[6] & LINK_UP) != 0 ? "LINK_UP" : "link down"));
    }

    @Override
    void queueNotified(int queue) {
        if (queue == TX) {
            transport.serve(TX, () -> true, this::transmit);
        }
        transport.serve(RX, () -> !backlog.isEmpty(), this::receive);
    }

    private VirtioMmio.Completion transmit(DescriptorChain chain) {
        long length = chain.readableLength() - HEADER;
        if (!chain.allInRam() || length < FrameSummary.ETH_HEADER || length > MAX_FRAME) {
            return new VirtioMmio.Completion(0, "TX dropped: " + (chain.allInRam()
                    ? chain.readableLength() + " bytes is no frame" : "a buffer lies outside RAM"));
        }
        byte[] frame = new byte[(int) length];
        chain.readReadable(transport.memory(), HEADER, frame, 0, frame.length);
        capture(frame);
        for (byte[] reply : responder.answer(frame)) {
            if (backlog.size() < BACKLOG) {
                backlog.addLast(reply);
            }
        }
        return new VirtioMmio.Completion(0, "TX " + FrameSummary.describe(frame));
    }

    private VirtioMmio.Completion receive(DescriptorChain chain) {
        byte[] frame = backlog.removeFirst();
        long needed = HEADER + (long) frame.length;
        if (!chain.allInRam() || chain.writableLength() < needed) {
            // Without VIRTIO_NET_F_MRG_RXBUF one buffer must hold the whole frame (§5.1.6.3.1).
            return new VirtioMmio.Completion(0, "RX dropped: the buffer cannot hold " + needed + " bytes");
        }
        byte[] header = new byte[HEADER];
        putLe(header, 10, 2, 1); // num_buffers; flags, gso_type and the rest are 0
        GuestMemory memory = transport.memory();
        chain.writeWritable(memory, 0, header, 0, HEADER);
        chain.writeWritable(memory, HEADER, frame, 0, frame.length);
        capture(frame);
        return new VirtioMmio.Completion(needed, "RX " + FrameSummary.describe(frame));
    }

    private void capture(byte[] frame) {
        if (pcap == null || pcapBroken) {
            return;
        }
        try {
            pcap.write(transport.now(), frame);
        } catch (IOException e) {
            // The guest must not notice; say it once and stop capturing.
            pcapBroken = true;
            System.err.println("bootlab: " + pcap.file() + ": cannot write, capture stopped: " + e.getMessage());
        }
    }

    @Override
    void resetDevice() {
        backlog.clear();
    }

    @Override
    DecodedRequest decode(int queue, DescriptorChain chain, long usedLength) {
        if (queue == RX && usedLength < 0) {
            return new DecodedRequest.NetReceiveBuffer(chain.writableLength());
        }
        boolean tx = queue == TX;
        long available = tx ? chain.readableLength() : Math.min(usedLength, chain.writableLength());
        if (available < HEADER) {
            return null;
        }
        byte[] bytes = new byte[(int) Math.min(available, MAX_FRAME + HEADER)];
        GuestMemory memory = transport.memory();
        if (tx) {
            chain.readReadable(memory, 0, bytes, 0, bytes.length);
        } else {
            chain.readWritable(memory, 0, bytes, 0, bytes.length);
        }
        byte[] frame = java.util.Arrays.copyOfRange(bytes, HEADER, bytes.length);
        return new DecodedRequest.NetFrame(tx, bytes[0] & 0xff, bytes[1] & 0xff, le16(bytes, 2), le16(bytes, 4),
                le16(bytes, 6), le16(bytes, 8), le16(bytes, 10), frame.length, FrameSummary.describe(frame));
    }

    private static int le16(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
    }

    @Override
    void saveDeviceState(DataOutput out) throws IOException {
        out.writeInt(backlog.size());
        for (byte[] frame : backlog) {
            out.writeInt(frame.length);
            out.write(frame);
        }
    }

    @Override
    void restoreDeviceState(DataInput in) throws IOException {
        backlog.clear();
        int n = in.readInt();
        if (n < 0 || n > BACKLOG) {
            throw new IOException("virtio-net backlog of " + n + " frames");
        }
        for (int i = 0; i < n; i++) {
            int length = in.readInt();
            if (length < 0 || length > MAX_FRAME) {
                throw new IOException("virtio-net frame of " + length + " bytes");
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            backlog.addLast(frame);
        }
    }

    @Override
    void close() throws IOException {
        if (pcap != null) {
            pcap.close();
        }
    }
}
