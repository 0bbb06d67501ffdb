package org.bootlab.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bootlab.symbols.Disassembler;
import org.bootlab.symbols.ElfFile;
import org.bootlab.symbols.ElfFormatException;
import org.bootlab.symbols.ElfSection;
import org.bootlab.symbols.ElfSymbol;
import org.bootlab.symbols.ElfSymbolTable;
import org.bootlab.symbols.LineTable;
import org.bootlab.symbols.SysinitTable;

/**
 * The symbol side of an ELF file, as the debugger, {@code bootlab sysinits} and
 * {@code bootlab disasm} read it: sections, symbol tables, SYSINITs, DWARF lines and the
 * disassembly. Only {@link ElfFormatException} may come out, whatever the bytes.
 */
class ElfFileFuzzTest {

    @FuzzTest
    void read(byte[] file) {
        ElfFile elf;
        try {
            elf = ElfFile.parse("fuzz.elf", file);
        } catch (ElfFormatException e) {
            return;
        }
        for (ElfSection s : elf.sections()) {
            elf.data(s);
        }
        try {
            List<ElfSymbol> symbols = elf.symbols();
            elf.dynamicSymbols();
            for (ElfSymbol s : symbols.subList(0, Math.min(symbols.size(), 64))) {
                readQuietly(elf, s.value(), (int) Math.min(Math.max(s.size(), 0), 64));
            }
            readQuietly(elf, elf.entry(), 4);
            ElfSymbolTable table = ElfSymbolTable.of(elf);
            table.containing(elf.entry());
            sysinits(elf, table);
            lines(LineTable.read(elf), elf.entry());
            disassemble(elf);
        } catch (ElfFormatException e) {
            // a malformed table: reported by name and offset
        }
    }

    /**
     * .debug_line in a well-formed ELF file. Input: two little-endian 16-bit lengths, then that
     * many bytes of .debug_line_str and of .debug_str, then .debug_line (the rest).
     */
    @FuzzTest
    void lineTable(byte[] input) {
        ByteBuffer in = ByteBuffer.wrap(input).order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 4) {
            return;
        }
        int lineStrLength = in.getShort() & 0xffff;
        int strLength = in.getShort() & 0xffff;
        lineStrLength = Math.min(lineStrLength, in.remaining());
        strLength = Math.min(strLength, in.remaining() - lineStrLength);
        Map<String, byte[]> sections = new LinkedHashMap<>();
        sections.put(".debug_line_str", take(in, lineStrLength));
        sections.put(".debug_str", take(in, strLength));
        sections.put(".debug_line", take(in, in.remaining()));
        try {
            ElfFile elf = ElfFile.parse("fuzz.elf", MinimalElf.withSections(sections));
            lines(LineTable.read(elf), 0x8000_0000L);
        } catch (ElfFormatException e) {
            // malformed DWARF: reported with its section offset
        }
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void lines(LineTable lines, long probe) {
        lines.lookup(probe);
        lines.lookup(0);
        lines.lookup(-1);
        for (String f : lines.files()) {
            lines.addresses(f, 1);
        }
        lines.lookup(probe).ifPresent(l -> lines.addresses(l.file(), l.line()));
    }

    private static void sysinits(ElfFile elf, ElfSymbolTable symbols) {
        if (elf.section(SysinitTable.SECTION).isPresent()) {
            try {
                SysinitTable.read(elf, symbols);
            } catch (ElfFormatException e) {
                // a broken set_sysinit_set: reported by name
            }
        }
    }

    private static void disassemble(ElfFile elf) throws ElfFormatException {
        Disassembler d = Disassembler.of(elf, true, Long::toHexString);
        for (ElfSection s : elf.sections()) {
            if (s.isExecutable()) {
                byte[] code = elf.data(s);
                int end = Math.min(code.length, 4096);
                for (int at = 0; at < end; ) {
                    at += d.next(code, at, s.address() + at).length();
                }
            }
        }
    }

    private static void readQuietly(ElfFile elf, long address, int length) {
        try {
            elf.readMemory(address, length);
        } catch (ElfFormatException e) {
            // no section holds it
        }
    }
}
