package org.bootlab.machine.virtio;

import java.nio.file.Path;
import java.util.List;
import org.bootlab.machine.MemoryMap;

/**
 * The virtio devices a machine has. Slots are filled as QEMU fills them for
 * {@code -device virtio-*-device}: the first device takes the highest slot (7, IRQ 8), the next
 * one slot 6, and so on, in the order disks, entropy, network. That order gives the guest the
 * same slots as the QEMU command line in guest-kernel/README.md.
 *
 * @param disks   virtio-blk devices
 * @param net     the virtio-net device, or null
 * @param entropy the virtio-rng device, or null
 */
public record VirtioConfig(List<Disk> disks, Net net, Entropy entropy) {

    /** No virtio devices: every slot is empty. */
    public static final VirtioConfig NONE = new VirtioConfig(List.of(), null, null);

    /**
     * A disk image.
     *
     * @param writable whether the guest may write to the file (default: read-only)
     * @param serial   what VIRTIO_BLK_T_GET_ID answers, at most 20 ASCII characters
     */
    public record Disk(Path file, boolean writable, String serial) {
        public Disk {
            if (file == null) {
                throw new IllegalArgumentException("a disk needs an image file");
            }
            if (serial == null || serial.length() > VirtioBlock.ID_BYTES || !serial.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("disk serial '" + serial + "' is not 0..20 printable ASCII characters");
            }
        }
    }

    /**
     * The network device.
     *
     * @param mac  the guest's MAC address, "52:54:00:12:34:56" style
     * @param pcap where to write every frame, or null
     */
    public record Net(String mac, Path pcap) {

        /** QEMU's default for its first NIC. */
        public static final String DEFAULT_MAC = "52:54:00:12:34:56";

        public Net {
            parseMac(mac);
        }

        public byte[] macBytes() {
            return parseMac(mac);
        }

        /** Six hexadecimal pairs separated by colons; a unicast address (group bit clear). */
        public static byte[] parseMac(String text) {
            String[] parts = text == null ? new String[0] : text.split(":", -1);
            byte[] mac = new byte[6];
            boolean ok = parts.length == 6;
            for (int i = 0; ok && i < 6; i++) {
                ok = parts[i].matches("[0-9A-Fa-f]{2}");
                if (ok) {
                    mac[i] = (byte) Integer.parseInt(parts[i], 16);
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("'" + text + "' is not a MAC address like " + DEFAULT_MAC);
            }
            if ((mac[0] & 1) != 0) {
                throw new IllegalArgumentException(text + " is a multicast address; a NIC needs a unicast one");
            }
            return mac;
        }
    }

    /**
     * The entropy device.
     *
     * @param host whether the bytes come from the host's SecureRandom instead of the seed
     * @param seed the deterministic generator's seed
     */
    public record Entropy(boolean host, long seed) {

        public static Entropy seeded() {
            return new Entropy(false, VirtioEntropy.DEFAULT_SEED);
        }

        public static Entropy fromHost() {
            return new Entropy(true, 0);
        }
    }

    public VirtioConfig {
        disks = disks == null ? List.of() : List.copyOf(disks);
        int count = disks.size() + (net != null ? 1 : 0) + (entropy != null ? 1 : 0);
        if (count > MemoryMap.VIRTIO_SLOTS) {
            throw new IllegalArgumentException(count + " virtio devices do not fit in "
                    + MemoryMap.VIRTIO_SLOTS + " slots");
        }
    }

    /** The serial a disk gets when none is named: "bootlab-vda", "bootlab-vdb"... */
    public static String defaultSerial(int index) {
        return "bootlab-vd" + (char) ('a' + index);
    }
}
