package org.bootlab.app.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.machine.virtio.VirtioConfig;

/**
 * Turns {@link BootSettings} into a {@link MachineConfig}, with its devices as {@code bootlab
 * boot} attaches them, and keeps the bytes of the image whose symbols the views show.
 */
public final class GuestImages {

    /** The guest kernel the guest-kernel module puts on the classpath. */
    public static final String EMBEDDED_KERNEL = "/org/bootlab/guest/kernel.elf";
    /** Its root disk (a ustar archive), attached read-only with the embedded kernel. */
    public static final String EMBEDDED_DISK = "/org/bootlab/guest/disk.img";

    /** A copy of the embedded disk in a temporary file; read-only, so every boot can share it. */
    private static Path embeddedDiskCopy;

    /**
     * What to build the machine from.
     *
     * @param config        the machine's configuration
     * @param symbolsOrigin where the symbol image came from, for messages
     * @param symbolsImage  the kernel's bytes (else the firmware's), whose symbols the views show
     */
    public record Loaded(MachineConfig config, String symbolsOrigin, byte[] symbolsImage) {
    }

    private GuestImages() {
    }

    public static Loaded load(BootSettings settings) throws ImageException {
        byte[] firmwareBytes = settings.firmware() == null ? null : read(settings.firmware());
        BootImage firmware = firmwareBytes == null ? null
                : ImageLoader.fromBytes(settings.firmware().toString(), firmwareBytes, MemoryMap.DRAM_BASE);
        String origin;
        byte[] kernelBytes;
        if (settings.kernel() != null) {
            origin = settings.kernel().toString();
            kernelBytes = read(settings.kernel());
        } else if (firmware == null) {
            origin = "embedded guest kernel";
            kernelBytes = embedded(EMBEDDED_KERNEL, "guest kernel");
        } else {
            origin = null;
            kernelBytes = null;
        }
        BootImage kernel = kernelBytes == null ? null : ImageLoader.fromBytes(origin, kernelBytes, MemoryMap.KERNEL_LOAD);
        MachineConfig config = new MachineConfig(settings.memMiB(), settings.bootargs(), firmware, kernel,
                devices(settings));
        return kernelBytes != null ? new Loaded(config, origin, kernelBytes)
                : new Loaded(config, settings.firmware().toString(), firmwareBytes);
    }

    private static VirtioConfig devices(BootSettings settings) throws ImageException {
        Path disk = settings.disk();
        if (disk == null && settings.embeddedKernel()) {
            disk = embeddedDisk();
        }
        if (disk != null && !Files.isReadable(disk)) {
            throw new ImageException("cannot read the disk image " + disk);
        }
        List<VirtioConfig.Disk> disks = disk == null ? List.of()
                : List.of(new VirtioConfig.Disk(disk, false, VirtioConfig.defaultSerial(0)));
        return new VirtioConfig(disks,
                settings.network() ? new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, null) : null,
                settings.entropy() ? VirtioConfig.Entropy.seeded() : null);
    }

    private static synchronized Path embeddedDisk() throws ImageException {
        if (embeddedDiskCopy == null || !Files.isReadable(embeddedDiskCopy)) {
            try {
                Path copy = Files.createTempFile("bootlab-disk-", ".img");
                copy.toFile().deleteOnExit();
                Files.write(copy, embedded(EMBEDDED_DISK, "root disk"));
                embeddedDiskCopy = copy;
            } catch (IOException e) {
                throw new ImageException("cannot copy the embedded root disk: " + e.getMessage(), e);
            }
        }
        return embeddedDiskCopy;
    }

    private static byte[] embedded(String resource, String what) throws ImageException {
        try (InputStream in = GuestImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ImageException("this build has no embedded " + what + " (" + resource
                        + " is not on the classpath); choose a file");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ImageException("cannot read the embedded " + what + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws ImageException {
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 16) {
                throw new ImageException(file + " is too large to be a boot image");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageException("cannot read " + file + ": " + e, e);
        }
    }
}
