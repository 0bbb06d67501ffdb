package org.bootlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bootlab.machine.virtio.VirtioConfig;
import picocli.CommandLine.Option;

/**
 * {@code boot}'s virtio device options, and how they combine with a Firecracker config: the
 * command line's disks replace the config's drives, its network options win over the config's
 * first interface.
 */
final class DeviceOptions {

    static final String EMBEDDED_DISK = "/org/bootlab/guest/disk.img";

    @Option(names = "--disk", paramLabel = "FILE[,rw]",
            description = "A virtio-blk disk backed by FILE, read-only unless ',rw' follows; repeat for more "
                    + "disks. With the embedded kernel, the embedded root disk is attached when none is given.")
    List<String> disks = new ArrayList<>();

    @Option(names = "--net",
            description = "A virtio-net device on BootLab's own network, where a host at 192.0.2.2 answers "
                    + "ARP and ping (no host network). On by default with the embedded kernel.")
    boolean net;

    @Option(names = "--mac", paramLabel = "MAC",
            description = "The network device's MAC address (default " + VirtioConfig.Net.DEFAULT_MAC
                    + "); implies --net.")
    String mac;

    @Option(names = "--pcap", paramLabel = "FILE",
            description = "Write every frame the guest sends and receives to FILE (libpcap format, "
                    + "virtual timestamps); implies --net.")
    Path pcap;

    @Option(names = "--entropy", paramLabel = "seeded|host|none",
            description = "The virtio-rng device's bytes: 'seeded' (the default: the same bytes every run), "
                    + "'host' (SecureRandom), or 'none' for no device.")
    String entropy = "seeded";

    /**
     * The devices to attach.
     *
     * @param fc       the Firecracker config, or null
     * @param embedded whether the embedded kernel boots: it gets the embedded disk and the network
     */
    VirtioConfig resolve(FirecrackerConfig fc, boolean embedded) throws InputException {
        List<VirtioConfig.Disk> disks = new ArrayList<>();
        for (String spec : this.disks) {
            disks.add(disk(spec, disks.size()));
        }
        if (disks.isEmpty() && fc != null) {
            // Firecracker attaches the root device first; drives are writable unless is_read_only.
            List<FirecrackerConfig.Drive> drives = new ArrayList<>(fc.drives());
            drives.sort(Comparator.comparing(d -> !d.rootDevice()));
            for (FirecrackerConfig.Drive d : drives) {
                requireFile(d.pathOnHost(), "drive '" + d.driveId() + "'");
                disks.add(new VirtioConfig.Disk(d.pathOnHost(), !d.readOnly(), serial(d.driveId())));
            }
        }
        if (disks.isEmpty() && embedded) {
            disks.add(new VirtioConfig.Disk(embeddedDisk(), false, VirtioConfig.defaultSerial(0)));
        }
        FirecrackerConfig.NetworkInterface iface = fc == null || fc.networkInterfaces().isEmpty()
                ? null : fc.networkInterfaces().get(0);
        VirtioConfig.Net network = null;
        if (pcap != null) {
            Path folder = pcap.toAbsolutePath().getParent();
            if (Files.isDirectory(pcap) || folder == null || !Files.isDirectory(folder)) {
                throw new InputException("--pcap " + pcap + ": cannot create a file there ("
                        + (Files.isDirectory(pcap) ? "it is a directory" : "no such directory " + folder) + ")");
            }
        }
        if (net || mac != null || pcap != null || iface != null || embedded) {
            String address = mac != null ? mac
                    : iface != null && iface.guestMac() != null ? iface.guestMac() : VirtioConfig.Net.DEFAULT_MAC;
            try {
                network = new VirtioConfig.Net(address, pcap);
            } catch (IllegalArgumentException e) {
                throw new InputException("--mac: " + e.getMessage());
            }
        }
        VirtioConfig.Entropy rng = switch (entropy) {
            case "seeded" -> VirtioConfig.Entropy.seeded();
            case "host" -> VirtioConfig.Entropy.fromHost();
            case "none" -> null;
            default -> throw new InputException("--entropy must be seeded, host or none, not '" + entropy + "'");
        };
        try {
            return new VirtioConfig(disks, network, rng);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    private static VirtioConfig.Disk disk(String spec, int index) throws InputException {
        int comma = spec.lastIndexOf(',');
        String mode = comma < 0 ? "" : spec.substring(comma + 1);
        boolean flagged = mode.equals("rw") || mode.equals("ro");
        Path file = Path.of(flagged ? spec.substring(0, comma) : spec);
        if (comma >= 0 && !flagged && !Files.exists(file)) {
            throw new InputException("--disk " + spec + ": no such file, and '," + mode
                    + "' is not a mode (FILE, FILE,ro or FILE,rw)");
        }
        requireFile(file, "--disk");
        return new VirtioConfig.Disk(file, mode.equals("rw"), VirtioConfig.defaultSerial(index));
    }

    private static void requireFile(Path file, String what) throws InputException {
        if (Files.isDirectory(file)) {
            throw new InputException(what + " " + file + ": is a directory, not a disk image");
        }
        if (!Files.isRegularFile(file)) {
            throw new InputException(what + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException(what + " " + file + ": permission denied");
        }
    }

    /** A Firecracker drive_id as a GET_ID serial: printable ASCII, at most 20 characters. */
    private static String serial(String driveId) {
        String s = driveId.replaceAll("[^\\x20-\\x7e]", "_");
        return s.length() > 20 ? s.substring(0, 20) : s;
    }

    /** The embedded root disk, copied to a temporary file (deleted on exit) that is opened read-only. */
    private static Path embeddedDisk() throws InputException {
        try (InputStream in = DeviceOptions.class.getResourceAsStream(EMBEDDED_DISK)) {
            if (in == null) {
                throw new InputException("this build has no embedded root disk (" + EMBEDDED_DISK
                        + " is not on the classpath); give --disk FILE");
            }
            Path copy = Files.createTempFile("bootlab-disk-", ".img");
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new InputException("cannot copy the embedded root disk: " + e.getMessage());
        }
    }
}
