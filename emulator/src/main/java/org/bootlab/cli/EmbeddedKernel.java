package org.bootlab.cli;

import java.io.IOException;
import java.io.InputStream;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.loader.ImageLoader;

/** The default guest: the teaching kernel the guest-kernel module puts on the classpath. */
final class EmbeddedKernel {

    static final String RESOURCE = "/org/bootlab/guest/kernel.elf";

    private EmbeddedKernel() {
    }

    static BootImage load(String resource) throws InputException, ImageException {
        return ImageLoader.fromBytes("embedded " + resource, bytes(resource), MemoryMap.KERNEL_LOAD);
    }

    /** The resource's bytes (the ELF file, for its symbols as well as for loading). */
    static byte[] bytes(String resource) throws InputException {
        try (InputStream in = EmbeddedKernel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InputException("this build has no embedded guest kernel (" + resource
                        + " is not on the classpath); give --kernel FILE or --bios FILE");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InputException("cannot read the embedded guest kernel " + resource + ": " + e.getMessage());
        }
    }
}
