package org.bootlab.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bootlab.machine.loader.BootImage;

/**
 * A minimal ELF64 reader for tests: the PT_LOAD segments (at their physical addresses) and the
 * entry point of a little-endian RISC-V executable. Tests use it so they do not depend on the
 * emulator's own loader, which they may be checking.
 */
public final class TestElf {

    private static final int PT_LOAD = 1;
    private static final int EM_RISCV = 243;

    private TestElf() {
    }

    public static BootImage read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || elf.getInt(0) != 0x464c457f) {
            throw new IOException(file + ": not an ELF file");
        }
        if (bytes[4] != 2 || bytes[5] != 1 || elf.getShort(18) != EM_RISCV) {
            throw new IOException(file + ": not a little-endian 64-bit RISC-V ELF");
        }
        long entry = elf.getLong(24);
        long phoff = elf.getLong(32);
        int phentsize = Short.toUnsignedInt(elf.getShort(54));
        int phnum = Short.toUnsignedInt(elf.getShort(56));
        List<BootImage.Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int ph = Math.toIntExact(phoff + (long) i * phentsize);
            if (elf.getInt(ph) != PT_LOAD) {
                continue;
            }
            int offset = Math.toIntExact(elf.getLong(ph + 8));
            long paddr = elf.getLong(ph + 24);
            int fileSize = Math.toIntExact(elf.getLong(ph + 32));
            long memSize = elf.getLong(ph + 40);
            segments.add(new BootImage.Segment(paddr,
                    Arrays.copyOfRange(bytes, offset, offset + fileSize), memSize));
        }
        return new BootImage(file.getFileName().toString(), entry, segments);
    }
}
