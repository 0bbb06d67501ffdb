package org.bootlab.app.session;

import java.io.IOException;
import java.io.InputStream;

import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.loader.ImageLoader;

/** Turns {@link BootSettings} into a {@link MachineConfig}: reads the files or the embedded kernel. */
public final class GuestImages {

    /** The guest kernel the guest-kernel module puts on the classpath. */
    public static final String EMBEDDED_KERNEL = "/org/bootlab/guest/kernel.elf";

    private GuestImages() {
    }

    public static MachineConfig configFor(BootSettings settings) throws ImageException {
        BootImage firmware = settings.firmware() == null ? null
                : ImageLoader.load(settings.firmware(), MemoryMap.DRAM_BASE);
        BootImage kernel = settings.kernel() == null
                ? (firmware == null ? embeddedKernel() : null)
                : ImageLoader.load(settings.kernel(), MemoryMap.KERNEL_LOAD);
        return new MachineConfig(settings.memMiB(), settings.bootargs(), firmware, kernel);
    }

    /** The embedded kernel's bytes, or null when this build has none. */
    public static byte[] embeddedKernelBytes() throws IOException {
        try (InputStream in = GuestImages.class.getResourceAsStream(EMBEDDED_KERNEL)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static BootImage embeddedKernel() throws ImageException {
        try {
            byte[] bytes = embeddedKernelBytes();
            if (bytes == null) {
                throw new ImageException("this build has no embedded guest kernel (" + EMBEDDED_KERNEL
                        + " is not on the classpath); choose a kernel file");
            }
            return ImageLoader.fromBytes("embedded guest kernel", bytes, MemoryMap.KERNEL_LOAD);
        } catch (IOException e) {
            throw new ImageException("cannot read the embedded guest kernel: " + e.getMessage(), e);
        }
    }
}
