package org.bootlab.machine.loader;

import java.nio.file.Path;

/**
 * Reads a kernel or firmware file the way QEMU treats -bios and -kernel: an ELF file (recognised
 * by its magic number) is loaded by its program headers, anything else is a raw binary placed
 * at the given address.
 */
public final class ImageLoader {

    private ImageLoader() {
    }

    public static BootImage load(Path file, long rawLoadAddress) throws ImageException {
        return fromBytes(file.toString(), ImageFiles.read(file), rawLoadAddress);
    }

    /** As {@link #load}, for an image already in memory (a classpath resource, say). */
    public static BootImage fromBytes(String origin, byte[] bytes, long rawLoadAddress) throws ImageException {
        return ElfLoader.hasElfMagic(bytes)
                ? ElfLoader.parse(origin, bytes)
                : RawImageLoader.fromBytes(origin, bytes, rawLoadAddress);
    }

    /**
     * Fails with a message naming the first segment that does not lie entirely inside
     * {@code [ramBase, ramBase + ramSize)}; the machine calls this before copying an image.
     */
    public static void requireInsideRam(BootImage image, long ramBase, long ramSize) throws ImageException {
        long ramEnd = ramBase + ramSize;
        for (BootImage.Segment s : image.segments()) {
            boolean inside = Long.compareUnsigned(s.paddr(), ramBase) >= 0
                    && Long.compareUnsigned(s.end(), ramEnd) <= 0
                    && Long.compareUnsigned(s.end(), s.paddr()) >= 0;
            if (!inside) {
                throw new ImageException(outsideRamMessage(image.origin(), s, ramBase, ramEnd));
            }
        }
    }

    /** "u-boot.bin: segment 0x80200000..0x80300000 lies outside RAM 0x80000000..0x88000000". */
    public static String outsideRamMessage(String origin, BootImage.Segment segment, long ramBase, long ramEnd) {
        return origin + ": segment " + hex(segment.paddr()) + ".." + hex(segment.end())
                + " lies outside RAM " + hex(ramBase) + ".." + hex(ramEnd);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
