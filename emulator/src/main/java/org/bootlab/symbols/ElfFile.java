package org.bootlab.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A little-endian ELF64 file of any machine, read whole into memory: its header, its section
 * headers with their names, section contents by name, the symbol tables, and the bytes at a
 * virtual address. Everything in the file is untrusted: each inconsistency becomes an
 * {@link ElfFormatException} naming the file and the offset, never an unchecked exception, and
 * no count or size read from the file is allocated before it is checked against the file's length.
 */
public final class ElfFile {

    /** Larger files are refused rather than read: no kernel or firmware BootLab runs comes close. */
    public static final long MAX_FILE_SIZE = 1L << 30;

    private static final int ELF_HEADER_SIZE = 64;
    private static final int SECTION_HEADER_SIZE = 64;
    private static final int SYMBOL_SIZE = 24;
    private static final int SHN_XINDEX = 0xffff;

    private final String origin;
    private final byte[] b;
    private final int type;
    private final int machine;
    private final long entry;
    private final int flags;
    private final List<ElfSection> sections;

    private ElfFile(String origin, byte[] bytes) throws ElfFormatException {
        this.origin = origin;
        this.b = bytes;
        checkIdentification();
        type = u16(16);
        machine = u16(18);
        entry = u64(24);
        flags = (int) u32(48);
        sections = Collections.unmodifiableList(readSections());
    }

    public static ElfFile read(Path file) throws ElfFormatException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw new ElfFormatException(file + ": is " + size + " bytes, more than the " + MAX_FILE_SIZE
                        + " BootLab reads");
            }
            return parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ElfFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses an ELF file held in memory; {@code origin} names it in messages. */
    public static ElfFile parse(String origin, byte[] bytes) throws ElfFormatException {
        return new ElfFile(origin, bytes);
    }

    public String origin() {
        return origin;
    }

    /** e_type: 1 relocatable, 2 executable, 3 shared object or PIE, 4 core. */
    public int type() {
        return type;
    }

    /** e_machine: 243 for RISC-V. */
    public int machine() {
        return machine;
    }

    public long entry() {
        return entry;
    }

    public int flags() {
        return flags;
    }

    /** Every section header in file order, index 0 (the null section) included. */
    public List<ElfSection> sections() {
        return sections;
    }

    public Optional<ElfSection> section(String name) {
        for (ElfSection s : sections) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The section's bytes as the file holds them: none for SHT_NOBITS (.bss) and SHT_NULL. */
    public byte[] data(ElfSection s) {
        if (!s.hasFileData()) {
            return new byte[0];
        }
        return Arrays.copyOfRange(b, (int) s.offset(), (int) (s.offset() + s.size()));
    }

    /** The named section's bytes, or empty if there is no such section. */
    public Optional<byte[]> data(String name) {
        Optional<ElfSection> s = section(name);
        return s.isPresent() ? Optional.of(data(s.get())) : Optional.empty();
    }

    /** The static symbol table (.symtab), empty when the file is stripped. */
    public List<ElfSymbol> symbols() throws ElfFormatException {
        return symbolsOfType(ElfSection.SHT_SYMTAB);
    }

    /** The dynamic symbol table (.dynsym), which stripped position-independent firmware keeps. */
    public List<ElfSymbol> dynamicSymbols() throws ElfFormatException {
        return symbolsOfType(ElfSection.SHT_DYNSYM);
    }

    /**
     * {@code length} bytes of the program's memory image at virtual address {@code address}, from
     * the allocated section that holds them (zeros in .bss).
     */
    public byte[] readMemory(long address, int length) throws ElfFormatException {
        for (ElfSection s : sections) {
            if (s.containsAddress(address) && Long.compareUnsigned(address - s.address() + length, s.size()) <= 0) {
                long at = address - s.address();
                if (!s.hasFileData()) {
                    return new byte[length];
                }
                return Arrays.copyOfRange(b, (int) (s.offset() + at), (int) (s.offset() + at + length));
            }
        }
        throw new ElfFormatException(origin + ": no section holds the " + length + " bytes at address 0x"
                + Long.toHexString(address));
    }

    /** The little-endian 64-bit word at a virtual address of the memory image. */
    public long readLong(long address) throws ElfFormatException {
        return le(readMemory(address, 8), 0, 8);
    }

    /** The little-endian 32-bit word (zero-extended) at a virtual address of the memory image. */
    public long readInt(long address) throws ElfFormatException {
        return le(readMemory(address, 4), 0, 4);
    }

    static long le(byte[] bytes, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (bytes[at + i] & 0xff);
        }
        return v;
    }

    private void checkIdentification() throws ElfFormatException {
        if (b.length < 4 || b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F') {
            throw fail(0, "not an ELF file (no 0x7f 'E' 'L' 'F' magic number)");
        }
        if (b.length < ELF_HEADER_SIZE) {
            throw fail(0, "truncated ELF header (" + b.length + " of " + ELF_HEADER_SIZE + " bytes)");
        }
        if (b[4] == 1) {
            throw fail(4, "is a 32-bit ELF; BootLab reads ELF64");
        }
        if (b[4] != 2) {
            throw fail(4, "unknown ELF class " + b[4] + " (expected 2 = 64-bit)");
        }
        if (b[5] == 2) {
            throw fail(5, "is a big-endian ELF; BootLab reads little-endian files");
        }
        if (b[5] != 1) {
            throw fail(5, "unknown ELF data encoding " + b[5] + " (expected 1 = little-endian)");
        }
        if (b[6] != 1) {
            throw fail(6, "unknown ELF version " + b[6]);
        }
    }

    private List<ElfSection> readSections() throws ElfFormatException {
        long shoff = u64(40);
        int shentsize = u16(58);
        long shnum = u16(60);
        int shstrndx = u16(62);
        if (shoff == 0) {
            return List.of();
        }
        if (shentsize != SECTION_HEADER_SIZE) {
            throw fail(58, "section header entries are " + shentsize + " bytes, expected " + SECTION_HEADER_SIZE);
        }
        if (!inFile(shoff, SECTION_HEADER_SIZE)) {
            throw fail(40, "section headers at offset 0x" + Long.toHexString(shoff)
                    + " lie past the end of the file (" + b.length + " bytes)");
        }
        int first = (int) shoff;
        if (shnum == 0) { // more than 0xff00 sections: the count is in section 0's sh_size
            shnum = u64(first + 32);
        }
        if (shstrndx == SHN_XINDEX) {
            shstrndx = (int) u32(first + 40);
        }
        if (Long.compareUnsigned(shnum, (b.length - shoff) / SECTION_HEADER_SIZE) > 0) {
            throw fail(60, shnum + " section headers at offset 0x" + Long.toHexString(shoff)
                    + " run past the end of the file (" + b.length + " bytes)");
        }
        int n = (int) shnum;
        if (shstrndx >= n) {
            throw fail(62, "section name table index " + shstrndx + " is not below the section count " + n);
        }
        long[][] raw = new long[n][];
        for (int i = 0; i < n; i++) {
            int h = first + i * SECTION_HEADER_SIZE;
            raw[i] = new long[] {u32(h), u32(h + 4), u64(h + 8), u64(h + 16), u64(h + 24), u64(h + 32),
                u32(h + 40), u32(h + 44), u64(h + 48), u64(h + 56)};
            int type = (int) raw[i][1];
            if (type != ElfSection.SHT_NOBITS && type != ElfSection.SHT_NULL && !inFile(raw[i][4], raw[i][5])) {
                throw fail(h + 24, "section " + i + " data at offset 0x" + Long.toHexString(raw[i][4]) + " size 0x"
                        + Long.toHexString(raw[i][5]) + " runs past the end of the file (" + b.length + " bytes)");
            }
        }
        long[] names = raw[shstrndx];
        if (shstrndx != 0 && names[1] != ElfSection.SHT_STRTAB) {
            throw fail(62, "section name table (section " + shstrndx + ") is not a string table");
        }
        List<ElfSection> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] r = raw[i];
            String name = shstrndx == 0 ? "" : string(names[4], names[5], r[0], first + i * SECTION_HEADER_SIZE);
            list.add(new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], r[5], (int) r[6], (int) r[7], r[8], r[9]));
        }
        return list;
    }

    private List<ElfSymbol> symbolsOfType(int sectionType) throws ElfFormatException {
        for (ElfSection s : sections) {
            if (s.type() == sectionType) {
                return readSymbols(s);
            }
        }
        return List.of();
    }

    private List<ElfSymbol> readSymbols(ElfSection table) throws ElfFormatException {
        long header = headerOffset(table.index());
        if (table.entrySize() != SYMBOL_SIZE) {
            throw fail(header + 56, "symbol table " + describe(table) + " has " + table.entrySize()
                    + "-byte entries, expected " + SYMBOL_SIZE);
        }
        if (table.size() % SYMBOL_SIZE != 0) {
            throw fail(header + 32, "symbol table " + describe(table) + " size " + table.size()
                    + " is not a multiple of " + SYMBOL_SIZE);
        }
        if (table.link() <= 0 || table.link() >= sections.size()
                || sections.get(table.link()).type() != ElfSection.SHT_STRTAB) {
            throw fail(header + 40, "symbol table " + describe(table) + " links to section " + table.link()
                    + ", which is not a string table");
        }
        ElfSection strings = sections.get(table.link());
        int count = (int) (table.size() / SYMBOL_SIZE);
        List<ElfSymbol> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = (int) (table.offset() + (long) i * SYMBOL_SIZE);
            String name = string(strings.offset(), strings.size(), u32(at), at);
            int info = b[at + 4] & 0xff;
            list.add(new ElfSymbol(name, u64(at + 8), u64(at + 16), info & 0xf, info >>> 4, u16(at + 6)));
        }
        return list;
    }

    /** The NUL-terminated string at {@code index} in the string table at {@code tableOffset}. */
    private String string(long tableOffset, long tableSize, long index, long referencedAt) throws ElfFormatException {
        if (Long.compareUnsigned(index, tableSize) >= 0) {
            throw fail(referencedAt, "name index " + index + " lies outside its string table (" + tableSize + " bytes)");
        }
        int start = (int) (tableOffset + index);
        int end = start;
        int limit = (int) (tableOffset + tableSize);
        while (end < limit && b[end] != 0) {
            end++;
        }
        if (end == limit) {
            throw fail(start, "string is not terminated inside its string table");
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private long headerOffset(int index) {
        return u64(40) + (long) index * SECTION_HEADER_SIZE;
    }

    private static String describe(ElfSection s) {
        return s.index() + (s.name().isEmpty() ? "" : " (" + s.name() + ")");
    }

    private boolean inFile(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= b.length && length <= b.length - offset;
    }

    private int u16(long at) {
        return (b[(int) at] & 0xff) | (b[(int) at + 1] & 0xff) << 8;
    }

    private long u32(long at) {
        return (u16(at) | (long) u16(at + 2) << 16) & 0xffff_ffffL;
    }

    private long u64(long at) {
        return u32(at) | u32(at + 4) << 32;
    }

    private ElfFormatException fail(long offset, String problem) {
        return new ElfFormatException(origin + ": " + problem + " (at offset 0x" + Long.toHexString(offset) + ")");
    }
}
