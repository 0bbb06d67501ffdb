package org.bootlab.machine.loader;

import java.nio.file.Path;
import java.util.List;

/**
 * A raw binary (u-boot.bin, a Linux Image, fw_jump.bin) copied byte for byte to one physical
 * address and entered there, as QEMU does with -bios and -kernel files that are not ELF.
 */
public final class RawImageLoader {

    private RawImageLoader() {
    }

    public static BootImage load(Path file, long address) throws ImageException {
        return fromBytes(file.toString(), ImageFiles.read(file), address);
    }

    public static BootImage fromBytes(String origin, byte[] data, long address) throws ImageException {
        if (data.length == 0) {
            throw new ImageException(origin + ": is empty");
        }
        if (Long.compareUnsigned(address + data.length, address) < 0) {
            throw new ImageException(origin + ": " + data.length + " bytes at "
                    + ImageLoader.hex(address) + " wrap past the end of the address space");
        }
        return new BootImage(origin, address, List.of(new BootImage.Segment(address, data, data.length)));
    }
}
