package org.bootlab.symbols;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysinitTableTest {

    /** What the kernel prints as "sysinit: order checksum ..." with sysinit.sort=merge (and bubble). */
    private static final long KERNEL_ORDER_CHECKSUM = 0x493d7b3648415413L;

    @Test
    void readsTheGuestKernelsTableInBootOrder() throws Exception {
        Path kernel = Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
        ElfFile elf = ElfFile.read(kernel);
        List<SysinitEntry> table = SysinitTable.read(elf, ElfSymbolTable.of(elf));
        assertEquals(1125, table.size());
        SysinitEntry first = table.get(0);
        assertEquals(0, first.index());
        assertEquals("SI_SUB_TUNABLES", first.subsystemName());
        SysinitEntry last = table.get(1124);
        assertEquals("SI_SUB_KTHREAD_PAGE", last.subsystemName());
        for (int i = 1; i < table.size(); i++) {
            SysinitEntry a = table.get(i - 1);
            SysinitEntry b = table.get(i);
            assertTrue(a.subsystem() < b.subsystem() || a.subsystem() == b.subsystem() && a.order() <= b.order());
        }
        assertEquals(KERNEL_ORDER_CHECKSUM, orderChecksum(table),
                "the order mi_startup's merge sort produces (kern/init_main.c, sysinit_checksum)");
    }

    /** The kernel's FNV-1a 64 over each uniquifier and its terminating NUL, in boot order. */
    static long orderChecksum(List<SysinitEntry> table) {
        long h = 0xcbf29ce484222325L;
        for (SysinitEntry e : table) {
            for (byte c : (e.name() + "\0").getBytes(StandardCharsets.US_ASCII)) {
                h ^= c & 0xff;
                h *= 0x100000001b3L;
            }
        }
        return h;
    }

    @Test
    void sortsStablyAndNamesByStructSymbol() throws Exception {
        // Three structs in .data, linked in the order c, a, b; a and b have equal keys.
        long data = 0x2000;
        byte[] structs = new byte[3 * 40];
        long[][] fields = {{0x3100000, 1, 0x1010, 7}, {0x3100000, 1, 0x1020, 8}, {0x0800001, 0, 0x1000, 9}};
        for (int i = 0; i < 3; i++) {
            putLe(structs, i * 40, fields[i][0], 4);
            putLe(structs, i * 40 + 4, fields[i][1], 4);
            putLe(structs, i * 40 + 16, fields[i][2], 8);
            putLe(structs, i * 40 + 24, fields[i][3], 8);
        }
        byte[] set = new byte[24];
        putLe(set, 0, data + 80, 8);
        putLe(set, 8, data, 8);
        putLe(set, 16, data + 40, 8);
        ElfBuilder b = new ElfBuilder();
        int text = b.section(".text", ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC | ElfSection.SHF_EXECINSTR,
                0x1000, new byte[0x30]);
        b.section("set_sysinit_set", ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC, 0x3000, set);
        int d = b.section(".data", ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC, data, structs);
        b.symbol("banner", 0x1000, 0x10, ElfSymbol.STT_FUNC, ElfSymbol.STB_LOCAL, text)
                .symbol("attach", 0x1010, 0x10, ElfSymbol.STT_FUNC, ElfSymbol.STB_LOCAL, text)
                .symbol("vtblk_sys_init", data, 40, ElfSymbol.STT_OBJECT, ElfSymbol.STB_LOCAL, d);
        ElfFile elf = ElfFile.parse("k.elf", b.build());
        List<SysinitEntry> t = SysinitTable.read(elf, ElfSymbolTable.of(elf));
        assertEquals(List.of("banner", "vtblk", "0x1020"), t.stream().map(SysinitEntry::name).toList());
        assertEquals(List.of("SI_SUB_COPYRIGHT", "SI_SUB_DRIVERS", "SI_SUB_DRIVERS"),
                t.stream().map(SysinitEntry::subsystemName).toList());
        assertEquals(8, t.get(2).udata());
        assertEquals(2, t.get(2).index());
    }

    @Test
    void rejectsAFileWithoutTheSetOrWithDanglingPointers() throws Exception {
        ElfBuilder b = new ElfBuilder();
        b.section("set_sysinit_set", ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC, 0x3000, new byte[8]);
        ElfFile dangling = ElfFile.parse("k.elf", b.build());
        ElfFormatException e = assertThrows(ElfFormatException.class,
                () -> SysinitTable.read(dangling, SymbolTable.EMPTY));
        assertTrue(e.getMessage().startsWith("k.elf: no section holds"), e.getMessage());
        ElfFile none = ElfFile.parse("n.elf", new ElfBuilder().build());
        e = assertThrows(ElfFormatException.class, () -> SysinitTable.read(none, SymbolTable.EMPTY));
        assertTrue(e.getMessage().contains("has no set_sysinit_set section"), e.getMessage());
    }

    private static void putLe(byte[] b, int at, long v, int size) {
        for (int i = 0; i < size; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
