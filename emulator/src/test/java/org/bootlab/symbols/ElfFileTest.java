package org.bootlab.symbols;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfFileTest {

    private static final long AX = ElfSection.SHF_ALLOC | ElfSection.SHF_EXECINSTR;

    private static byte[] small() {
        ElfBuilder b = new ElfBuilder();
        int text = b.section(".text", ElfSection.SHT_PROGBITS, AX, 0x1000, new byte[] {0x13, 0, 0, 0, (byte) 0x82, (byte) 0x80});
        int data = b.section(".data", ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC | ElfSection.SHF_WRITE, 0x2000,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        b.bss(".bss", 0x3000, 0x100);
        b.symbol("main", 0x1000, 6, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, text);
        b.symbol("counter", 0x2000, 8, ElfSymbol.STT_OBJECT, ElfSymbol.STB_LOCAL, data);
        return b.build();
    }

    @Test
    void readsHeaderSectionsSymbolsAndMemory() throws Exception {
        ElfFile elf = ElfFile.parse("small.elf", small());
        assertEquals(243, elf.machine());
        assertEquals(0x80200000L, elf.entry());
        assertEquals(Arrays.asList("", ".text", ".data", ".bss", ".symtab", ".strtab", ".shstrtab"),
                elf.sections().stream().map(ElfSection::name).toList());
        assertTrue(elf.section(".text").orElseThrow().isExecutable());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, elf.data(".data").orElseThrow());
        assertEquals(0x0807060504030201L, elf.readLong(0x2000));
        assertEquals(0x08070605L, elf.readInt(0x2004));
        assertArrayEquals(new byte[4], elf.readMemory(0x3010, 4));
        assertEquals(3, elf.symbols().size()); // the null symbol and two
        assertEquals("counter", elf.symbols().get(2).name());
        assertThrows(ElfFormatException.class, () -> elf.readLong(0x2004)); // runs past .data
    }

    @Test
    void readsTheGuestKernel() throws Exception {
        Path kernel = Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
        ElfFile elf = ElfFile.read(kernel);
        assertEquals(21, elf.sections().size());
        assertEquals(0x2328, elf.section("set_sysinit_set").orElseThrow().size());
        assertEquals(0x19a88 / 24, elf.symbols().size());
    }

    @Test
    void rejectsMalformedFilesWithTheFileAndOffset() {
        byte[] good = small();
        expect(new byte[] {1, 2, 3}, "bad.elf: not an ELF file");
        expect(Arrays.copyOf(good, 40), "bad.elf: truncated ELF header (40 of 64 bytes) (at offset 0x0)");
        expect(patch(good, 4, (byte) 1), "is a 32-bit ELF");
        expect(patch(good, 5, (byte) 2), "is a big-endian ELF");
        expect(patchShort(good, 58, 40), "section header entries are 40 bytes, expected 64 (at offset 0x3a)");
        expect(patchShort(good, 60, 0x7fff), "32767 section headers at offset");
        expect(patchShort(good, 62, 100), "section name table index 100 is not below the section count 7");
        expect(Arrays.copyOf(good, good.length - 64), "run past the end of the file");
        long textHeader = ElfBuilder.sectionHeaderOffset(good, 1);
        expect(patchLong(good, (int) textHeader + 32, 1L << 40), "section 1 data at offset");
        expect(patchLong(good, (int) textHeader + 24, -8), "section 1 data at offset 0xfffffffffffffff8");
        expect(patchInt(good, (int) textHeader, 1 << 20), "name index 1048576 lies outside its string table");
        long symtabHeader = ElfBuilder.sectionHeaderOffset(good, 4);
        expectSymbols(patchLong(good, (int) symtabHeader + 56, 16), "has 16-byte entries, expected 24");
        expectSymbols(patchLong(good, (int) symtabHeader + 32, 50), "size 50 is not a multiple of 24");
        expectSymbols(patchInt(good, (int) symtabHeader + 40, 1), "links to section 1, which is not a string table");
        expectSymbols(patchInt(good, (int) symtabHeader + 40, 1 << 30), "links to section 1073741824");
    }

    @Test
    void survivesEveryTruncationAndByteFlipWithoutUncheckedExceptions() {
        byte[] good = small();
        for (int len = 0; len < good.length; len++) {
            parseAll(Arrays.copyOf(good, len));
        }
        for (int at = 0; at < good.length; at++) {
            for (int v : new int[] {0, 0xff, 0x80, 0x7f}) {
                parseAll(patch(good, at, (byte) v));
            }
        }
    }

    private static void parseAll(byte[] bytes) {
        try {
            ElfFile elf = ElfFile.parse("fuzz.elf", bytes);
            ElfSymbolTable.of(elf);
            for (ElfSection s : elf.sections()) {
                elf.data(s);
            }
        } catch (ElfFormatException e) {
            assertTrue(e.getMessage().startsWith("fuzz.elf: "), e.getMessage());
        }
    }

    private static void expect(byte[] bytes, String message) {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.parse("bad.elf", bytes));
        assertTrue(e.getMessage().contains(message) && e.getMessage().startsWith("bad.elf: "), e.getMessage());
    }

    private static void expectSymbols(byte[] bytes, String message) {
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> ElfFile.parse("bad.elf", bytes).symbols());
        assertTrue(e.getMessage().contains(message) && e.getMessage().contains("(at offset 0x"), e.getMessage());
    }

    private static byte[] patch(byte[] b, int at, byte v) {
        byte[] c = b.clone();
        c[at] = v;
        return c;
    }

    private static byte[] patchShort(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v);
        return c;
    }

    private static byte[] patchInt(byte[] b, int at, int v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
        return c;
    }

    private static byte[] patchLong(byte[] b, int at, long v) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
        return c;
    }
}
