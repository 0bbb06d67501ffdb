package org.bootlab.machine.virtio;

/**
 * One line describing an Ethernet frame, as far as BootLab understands it: ARP, IPv4 with
 * ICMP echo, or just the EtherType. For the inspector and the event stream; reads only.
 */
public final class FrameSummary {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETH_HEADER = 14;
    static final int PROTO_ICMP = 1;

    private FrameSummary() {
    }

    public static String describe(byte[] f) {
        if (f.length < ETH_HEADER) {
            return "runt frame of " + f.length + " bytes";
        }
        String eth = mac(f, 6) + " > " + mac(f, 0);
        int type = u16(f, 12);
        if (type == ETHERTYPE_ARP && f.length >= ETH_HEADER + 28) {
            int op = u16(f, ETH_HEADER + 6);
            String sender = ip(f, ETH_HEADER + 14);
            String target = ip(f, ETH_HEADER + 24);
            return switch (op) {
                case 1 -> "ARP request who-has " + target + " tell " + sender;
                case 2 -> "ARP reply " + sender + " is-at " + mac(f, ETH_HEADER + 8);
                default -> "ARP op " + op + ", " + eth;
            };
        }
        if (type == ETHERTYPE_IPV4 && f.length >= ETH_HEADER + 20) {
            int ihl = (f[ETH_HEADER] & 0x0f) * 4;
            String ips = ip(f, ETH_HEADER + 12) + " > " + ip(f, ETH_HEADER + 16);
            int proto = f[ETH_HEADER + 9] & 0xff;
            int icmp = ETH_HEADER + ihl;
            if (proto == PROTO_ICMP && f.length >= icmp + 8) {
                int icmpType = f[icmp] & 0xff;
                String what = switch (icmpType) {
                    case 0 -> "ICMP echo reply";
                    case 8 -> "ICMP echo request";
                    default -> "ICMP type " + icmpType;
                };
                if (icmpType == 0 || icmpType == 8) {
                    what += " id " + u16(f, icmp + 4) + " seq " + u16(f, icmp + 6);
                }
                return "IPv4 " + ips + " " + what;
            }
            return "IPv4 " + ips + " protocol " + proto;
        }
        return String.format("Ethernet %s type 0x%04x, %d bytes", eth, type, f.length);
    }

    static int u16(byte[] b, int offset) {
        return (b[offset] & 0xff) << 8 | (b[offset + 1] & 0xff);
    }

    static String mac(byte[] b, int offset) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 6; k++) {
            if (k > 0) {
                s.append(':');
            }
            s.append(String.format("%02x", b[offset + k] & 0xff));
        }
        return s.toString();
    }

    static String ip(byte[] b, int offset) {
        return (b[offset] & 0xff) + "." + (b[offset + 1] & 0xff) + "." + (b[offset + 2] & 0xff) + "."
                + (b[offset + 3] & 0xff);
    }
}
