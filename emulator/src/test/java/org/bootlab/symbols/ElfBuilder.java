package org.bootlab.symbols;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds small ELF64 files byte by byte, so tests can make well-formed and broken ones. */
final class ElfBuilder {

    record Sym(String name, long value, long size, int type, int bind, int section) {
    }

    private record Sec(String name, int type, long flags, long addr, byte[] data, long size) {
    }

    private final List<Sec> sections = new ArrayList<>();
    private final List<Sym> symbols = new ArrayList<>();

    /** Adds a section; returns its index (the null section is 0, the first added is 1). */
    int section(String name, int type, long flags, long addr, byte[] data) {
        sections.add(new Sec(name, type, flags, addr, data, data.length));
        return sections.size();
    }

    int bss(String name, long addr, long size) {
        sections.add(new Sec(name, ElfSection.SHT_NOBITS, ElfSection.SHF_ALLOC | ElfSection.SHF_WRITE, addr,
                new byte[0], size));
        return sections.size();
    }

    ElfBuilder symbol(String name, long value, long size, int type, int bind, int section) {
        symbols.add(new Sym(name, value, size, type, bind, section));
        return this;
    }

    /** Offset of section header {@code index} in the bytes {@link #build} returns. */
    static long sectionHeaderOffset(byte[] elf, int index) {
        return ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).getLong(40) + 64L * index;
    }

    byte[] build() {
        List<Sec> all = new ArrayList<>(sections);
        if (!symbols.isEmpty()) {
            ByteArrayOutputStream strtab = new ByteArrayOutputStream();
            strtab.write(0);
            ByteBuffer symtab = ByteBuffer.allocate(24 * (symbols.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
            symtab.position(24);
            for (Sym s : symbols) {
                symtab.putInt(strtab.size());
                strtab.writeBytes((s.name + "\0").getBytes(StandardCharsets.UTF_8));
                symtab.put((byte) (s.bind << 4 | s.type)).put((byte) 0).putShort((short) s.section);
                symtab.putLong(s.value).putLong(s.size);
            }
            all.add(new Sec(".symtab", ElfSection.SHT_SYMTAB, 0, 0, symtab.array(), symtab.capacity()));
            all.add(new Sec(".strtab", ElfSection.SHT_STRTAB, 0, 0, strtab.toByteArray(), strtab.size()));
        }
        ByteArrayOutputStream shstr = new ByteArrayOutputStream();
        shstr.write(0);
        int[] nameIndex = new int[all.size() + 1];
        for (int i = 0; i < all.size(); i++) {
            nameIndex[i] = shstr.size();
            shstr.writeBytes((all.get(i).name + "\0").getBytes(StandardCharsets.UTF_8));
        }
        nameIndex[all.size()] = shstr.size();
        shstr.writeBytes(".shstrtab\0".getBytes(StandardCharsets.UTF_8));
        all.add(new Sec(".shstrtab", ElfSection.SHT_STRTAB, 0, 0, shstr.toByteArray(), shstr.size()));

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long[] offsets = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            while (body.size() % 8 != 0) {
                body.write(0);
            }
            offsets[i] = 64 + body.size();
            body.writeBytes(all.get(i).data);
        }
        while (body.size() % 8 != 0) {
            body.write(0);
        }
        long shoff = 64 + body.size();
        int shnum = all.size() + 1;
        ByteBuffer out = ByteBuffer.allocate((int) shoff + 64 * shnum).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        out.position(16);
        out.putShort((short) 2).putShort((short) 243).putInt(1).putLong(0x80200000L).putLong(0).putLong(shoff);
        out.putInt(5).putShort((short) 64).putShort((short) 56).putShort((short) 0).putShort((short) 64);
        out.putShort((short) shnum).putShort((short) (shnum - 1));
        out.position(64);
        out.put(body.toByteArray());
        out.position((int) shoff + 64);
        int symtabIndex = sections.size() + 1;
        for (int i = 0; i < all.size(); i++) {
            Sec s = all.get(i);
            boolean isSymtab = s.type == ElfSection.SHT_SYMTAB;
            out.putInt(nameIndex[i]).putInt(s.type).putLong(s.flags).putLong(s.addr).putLong(offsets[i]).putLong(s.size);
            out.putInt(isSymtab ? symtabIndex + 1 : 0).putInt(0).putLong(8).putLong(isSymtab ? 24 : 0);
        }
        return out.array();
    }
}
