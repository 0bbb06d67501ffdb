package org.bootlab.machine.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageLoaderTest {

    private static final byte[] CODE = {0x13, 0x05, 0x10, 0x00, 0x6f, 0x00, 0x00, 0x00};

    @TempDir
    Path dir;

    @Test
    void rawBinaryIsPlacedAndEnteredAtTheGivenAddress() throws Exception {
        Path file = Files.write(dir.resolve("u-boot.bin"), CODE);
        BootImage image = RawImageLoader.load(file, 0x8020_0000L);
        assertEquals(0x8020_0000L, image.entry());
        assertEquals(1, image.segments().size());
        assertEquals(0x8020_0000L, image.segments().get(0).paddr());
        assertEquals(CODE.length, image.segments().get(0).memSize());
        assertArrayEquals(CODE, image.segments().get(0).data());
        assertEquals(file.toString(), image.origin());
    }

    @Test
    void emptyRawFileIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("empty.bin"), new byte[0]);
        ImageException e = assertThrows(ImageException.class, () -> ImageLoader.load(file, 0x8000_0000L));
        assertEquals(file + ": is empty", e.getMessage());
    }

    @Test
    void rawBinaryThatWouldWrapIsRefused() {
        ImageException e = assertThrows(ImageException.class,
                () -> RawImageLoader.fromBytes("wrap.bin", CODE, -4L));
        assertEquals("wrap.bin: 8 bytes at 0xfffffffffffffffc wrap past the end of the address space", e.getMessage());
    }

    @Test
    void picksElfByMagicAndRawOtherwise() throws Exception {
        byte[] elf = TestElf.executable(0x8000_0000L, new TestElf.Seg(0x8000_0000L, 0x8000_0000L, CODE, 64));
        BootImage fromElf = ImageLoader.load(Files.write(dir.resolve("fw.elf"), elf), 0x8020_0000L);
        assertEquals(0x8000_0000L, fromElf.entry());
        assertEquals(64, fromElf.segments().get(0).memSize());

        BootImage fromRaw = ImageLoader.load(Files.write(dir.resolve("fw.bin"), CODE), 0x8020_0000L);
        assertEquals(0x8020_0000L, fromRaw.entry());
    }

    @Test
    void aBrokenElfIsNotSilentlyLoadedAsRaw() throws Exception {
        byte[] elf = TestElf.executable(0x8000_0000L, new TestElf.Seg(0x8000_0000L, 0x8000_0000L, CODE, 64));
        TestElf.putShort(elf, TestElf.E_MACHINE, 183);
        Path file = Files.write(dir.resolve("arm64.elf"), elf);
        ImageException e = assertThrows(ImageException.class, () -> ImageLoader.load(file, 0x8000_0000L));
        assertEquals(file + ": not a RISC-V ELF (machine 183 = AArch64)", e.getMessage());
    }

    @Test
    void outsideRamMessageNamesTheSegmentAndTheRam() throws Exception {
        BootImage image = RawImageLoader.fromBytes("u-boot.bin", new byte[0x10_0000], 0x8020_0000L);
        long ramBase = 0x8000_0000L;
        assertDoesNotThrow(() -> ImageLoader.requireInsideRam(image, ramBase, 0x800_0000L));
        ImageException e = assertThrows(ImageException.class,
                () -> ImageLoader.requireInsideRam(image, ramBase, 0x28_0000L));
        assertEquals("u-boot.bin: segment 0x80200000..0x80300000 lies outside RAM 0x80000000..0x80280000",
                e.getMessage());

        BootImage below = RawImageLoader.fromBytes("low.bin", CODE, 0x1000L);
        assertThrows(ImageException.class, () -> ImageLoader.requireInsideRam(below, ramBase, 0x800_0000L));
    }
}
