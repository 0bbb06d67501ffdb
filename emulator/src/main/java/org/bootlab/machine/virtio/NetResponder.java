package org.bootlab.machine.virtio;

import java.util.List;

/**
 * The network the virtio-net device is plugged into: no host network, only a host at
 * {@value #HOST_IP_TEXT} that answers ARP requests for its address and ICMP echo requests to
 * it, at once. Its MAC address is the one QEMU's user-mode network gives the same address
 * (52:55 followed by the IPv4 address), so transcripts read the same on both.
 */
public final class NetResponder {

    public static final String HOST_IP_TEXT = "192.0.2.2";
    static final byte[] HOST_IP = {(byte) 192, 0, 2, 2};
    static final byte[] HOST_MAC = {0x52, 0x55, (byte) 192, 0, 2, 2};
    /** The shortest Ethernet frame without its FCS; shorter replies are padded to it. */
    static final int MIN_FRAME = 60;
    private static final int ETH = FrameSummary.ETH_HEADER;
    private static final int TTL = 255;

    /** The frames the host sends back for one the guest sent: none, or one reply. */
    public List<byte[]> answer(byte[] frame) {
        if (frame.length < ETH) {
            return List.of();
        }
        int type = FrameSummary.u16(frame, 12);
        byte[] reply = type == FrameSummary.ETHERTYPE_ARP ? arp(frame)
                : type == FrameSummary.ETHERTYPE_IPV4 ? echo(frame) : null;
        return reply == null ? List.of() : List.of(reply);
    }

    private static byte[] arp(byte[] f) {
        // Ethernet/IPv4 ARP request (RFC 826) whose target is the host.
        if (f.length < ETH + 28 || FrameSummary.u16(f, ETH) != 1 || FrameSummary.u16(f, ETH + 2) != 0x0800
                || f[ETH + 4] != 6 || f[ETH + 5] != 4 || FrameSummary.u16(f, ETH + 6) != 1
                || !equal(f, ETH + 24, HOST_IP)) {
            return null;
        }
        byte[] r = new byte[MIN_FRAME];
        System.arraycopy(f, ETH + 8, r, 0, 6); // to the requester's hardware address
        System.arraycopy(HOST_MAC, 0, r, 6, 6);
        put16(r, 12, FrameSummary.ETHERTYPE_ARP);
        System.arraycopy(f, ETH, r, ETH, 6); // htype, ptype, hlen, plen as asked
        put16(r, ETH + 6, 2);
        System.arraycopy(HOST_MAC, 0, r, ETH + 8, 6);
        System.arraycopy(HOST_IP, 0, r, ETH + 14, 4);
        System.arraycopy(f, ETH + 8, r, ETH + 18, 10); // target = the requester's MAC and IP
        return r;
    }

    private static byte[] echo(byte[] f) {
        if (f.length < ETH + 20 || !equal(f, 0, HOST_MAC)) {
            return null;
        }
        int ihl = (f[ETH] & 0x0f) * 4;
        int total = FrameSummary.u16(f, ETH + 2);
        boolean fragment = (FrameSummary.u16(f, ETH + 6) & 0x3fff) != 0;
        if ((f[ETH] & 0xf0) != 0x40 || ihl < 20 || total < ihl + 8 || ETH + total > f.length || fragment
                || f[ETH + 9] != FrameSummary.PROTO_ICMP || !equal(f, ETH + 16, HOST_IP)
                || f[ETH + ihl] != 8 || f[ETH + ihl + 1] != 0) {
            return null;
        }
        int icmpLength = total - ihl;
        byte[] r = new byte[Math.max(MIN_FRAME, ETH + 20 + icmpLength)];
        System.arraycopy(f, 6, r, 0, 6);
        System.arraycopy(HOST_MAC, 0, r, 6, 6);
        put16(r, 12, FrameSummary.ETHERTYPE_IPV4);
        int ip = ETH;
        r[ip] = 0x45;
        put16(r, ip + 2, 20 + icmpLength);
        System.arraycopy(f, ETH + 4, r, ip + 4, 2); // the request's identification
        r[ip + 8] = (byte) TTL;
        r[ip + 9] = FrameSummary.PROTO_ICMP;
        System.arraycopy(HOST_IP, 0, r, ip + 12, 4);
        System.arraycopy(f, ETH + 12, r, ip + 16, 4);
        put16(r, ip + 10, checksum(r, ip, 20));
        int icmp = ip + 20;
        System.arraycopy(f, ETH + ihl, r, icmp, icmpLength);
        r[icmp] = 0; // echo reply, same identifier, sequence and data
        put16(r, icmp + 2, 0);
        put16(r, icmp + 2, checksum(r, icmp, icmpLength));
        return r;
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes. */
    static int checksum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int k = 0; k + 1 < length; k += 2) {
            sum += FrameSummary.u16(b, offset + k);
        }
        if ((length & 1) != 0) {
            sum += (b[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    private static boolean equal(byte[] b, int offset, byte[] expected) {
        for (int k = 0; k < expected.length; k++) {
            if (b[offset + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    private static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }
}
