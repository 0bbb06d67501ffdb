package org.bootlab.symbols;

import java.nio.file.Path;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfSymbolTableTest {

    @Test
    void findsFunctionsObjectsAndLabels() throws Exception {
        ElfBuilder b = new ElfBuilder();
        int text = b.section(".text", ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC | ElfSection.SHF_EXECINSTR,
                0x1000, new byte[0x40]);
        int data = b.section(".data", ElfSection.SHT_PROGBITS, ElfSection.SHF_ALLOC, 0x2000, new byte[0x10]);
        b.symbol("_start", 0x1000, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_GLOBAL, text)
                .symbol("$xrv64i2p1", 0x1000, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_LOCAL, text)
                .symbol("main", 0x1010, 0x10, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, text)
                .symbol("main_alias", 0x1010, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_GLOBAL, text)
                .symbol("tail", 0x1030, 0, ElfSymbol.STT_NOTYPE, ElfSymbol.STB_GLOBAL, text)
                .symbol("table", 0x2000, 8, ElfSymbol.STT_OBJECT, ElfSymbol.STB_LOCAL, data)
                .symbol("kernel.c", 0, 0, ElfSymbol.STT_FILE, ElfSymbol.STB_LOCAL, 0xfff1)
                .symbol("undefined", 0, 0, ElfSymbol.STT_FUNC, ElfSymbol.STB_GLOBAL, 0);
        ElfSymbolTable t = ElfSymbolTable.of(ElfFile.parse("t.elf", b.build()));
        assertEquals(5, t.symbols().size());
        assertEquals("_start+0x8", t.describe(0x1008));
        assertEquals("main", t.describe(0x1010));
        assertEquals("main+0xf", t.describe(0x101f));
        assertEquals("0x1020", t.describe(0x1020)); // after main's extent, before the next label
        assertEquals("tail+0xf", t.describe(0x103f));
        assertEquals("0x1040", t.describe(0x1040)); // past the end of .text
        assertEquals("table+0x4", t.describe(0x2004));
        assertEquals("0x2008", t.describe(0x2008));
        assertEquals("0xfff", t.describe(0xfff));
        assertEquals(0x1030, t.byName("tail").orElseThrow().address());
        assertEquals(Symbol.Kind.OBJECT, t.byName("table").orElseThrow().kind());
        assertFalse(t.byName("$xrv64i2p1").isPresent());
        assertFalse(t.byName("undefined").isPresent());
    }

    @Test
    void namesTheGuestKernel() throws Exception {
        Path kernel = Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
        ElfSymbolTable t = ElfSymbolTable.of(ElfFile.read(kernel));
        Symbol mi = t.byName("mi_startup").orElseThrow();
        assertEquals(Symbol.Kind.FUNCTION, mi.kind());
        assertEquals(".text", mi.section());
        assertTrue(mi.size() > 0);
        assertEquals("mi_startup+0x4", t.describe(mi.address() + 4));
        assertEquals("_start+0x42", t.describe(0x80200042L));
        for (Symbol s : t.symbols()) {
            if (s.size() > 0) {
                long mid = s.address() + s.size() / 2;
                assertTrue(t.containing(mid).orElseThrow().contains(mid), s.toString());
            }
        }
    }
}
