package org.bootlab.machine.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes small ELF64 little-endian RISC-V executables byte by byte, for loader tests: a header,
 * program headers right after it, then each segment's file bytes. Tests corrupt the result at
 * the offsets below to make every kind of bad file.
 */
final class TestElf {

    static final int E_IDENT_CLASS = 4;
    static final int E_IDENT_DATA = 5;
    static final int E_TYPE = 16;
    static final int E_MACHINE = 18;
    static final int E_ENTRY = 24;
    static final int E_PHOFF = 32;
    static final int E_PHENTSIZE = 54;
    static final int E_PHNUM = 56;
    static final int PHDRS = 64;
    static final int PHDR_SIZE = 56;
    static final int P_TYPE = 0;
    static final int P_OFFSET = 8;
    static final int P_VADDR = 16;
    static final int P_PADDR = 24;
    static final int P_FILESZ = 32;
    static final int P_MEMSZ = 40;

    /** One PT_LOAD segment to write. */
    record Seg(long vaddr, long paddr, byte[] data, long memsz) {
    }

    private TestElf() {
    }

    static byte[] executable(long entry, Seg... segs) {
        int dataStart = PHDRS + segs.length * PHDR_SIZE;
        int total = dataStart;
        for (Seg s : segs) {
            total += s.data().length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(E_TYPE, (short) 2).putShort(E_MACHINE, (short) 243).putInt(20, 1)
                .putLong(E_ENTRY, entry).putLong(E_PHOFF, PHDRS).putShort(52, (short) 64)
                .putShort(E_PHENTSIZE, (short) PHDR_SIZE).putShort(E_PHNUM, (short) segs.length);
        int offset = dataStart;
        for (int i = 0; i < segs.length; i++) {
            Seg s = segs[i];
            int ph = PHDRS + i * PHDR_SIZE;
            b.putInt(ph + P_TYPE, 1).putInt(ph + 4, 5).putLong(ph + P_OFFSET, offset)
                    .putLong(ph + P_VADDR, s.vaddr()).putLong(ph + P_PADDR, s.paddr())
                    .putLong(ph + P_FILESZ, s.data().length).putLong(ph + P_MEMSZ, s.memsz())
                    .putLong(ph + 48, 0x1000);
            b.put(offset, s.data());
            offset += s.data().length;
        }
        return b.array();
    }

    static void putShort(byte[] elf, int at, int value) {
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
    }

    static void putLong(byte[] elf, int at, long value) {
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }
}
