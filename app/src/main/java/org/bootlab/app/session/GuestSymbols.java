package org.bootlab.app.session;

import java.util.List;
import java.util.Optional;

import org.bootlab.machine.loader.ElfLoader;
import org.bootlab.symbols.Disassembler;
import org.bootlab.symbols.ElfFile;
import org.bootlab.symbols.ElfFormatException;
import org.bootlab.symbols.ElfSymbolTable;
import org.bootlab.symbols.LineTable;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.symbols.SysinitTable;

/**
 * What the views know about the booted image from its ELF file: symbols, the SYSINIT table (a
 * FreeBSD-style kernel's {@code set_sysinit_set}), the DWARF line table, and the disassembler set
 * up as objdump would be for it. A raw binary has none of them.
 *
 * @param elf      the parsed image, or null for a raw binary
 * @param problem  why the tables are empty although the image is an ELF file, or null
 */
public record GuestSymbols(ElfFile elf, SymbolTable symbols, List<SysinitEntry> sysinits, LineTable lines,
                           String problem) {

    public static final GuestSymbols NONE = new GuestSymbols(null, SymbolTable.EMPTY, List.of(), null, null);

    public GuestSymbols {
        sysinits = List.copyOf(sysinits);
    }

    /** The tables of {@code image}; malformed tables are reported, never thrown. */
    public static GuestSymbols read(String origin, byte[] image) {
        if (image == null || !ElfLoader.hasElfMagic(image)) {
            return NONE;
        }
        try {
            ElfFile elf = ElfFile.parse(origin, image);
            ElfSymbolTable symbols = ElfSymbolTable.of(elf);
            List<SysinitEntry> sysinits = elf.section(SysinitTable.SECTION).isPresent()
                    ? SysinitTable.read(elf, symbols) : List.of();
            LineTable lines;
            String problem = null;
            try {
                lines = LineTable.read(elf);
            } catch (ElfFormatException e) {
                lines = null;
                problem = "no source lines: " + e.getMessage();
            }
            return new GuestSymbols(elf, symbols, sysinits, lines, problem);
        } catch (ElfFormatException e) {
            return new GuestSymbols(null, SymbolTable.EMPTY, List.of(), null, "no symbols: " + e.getMessage());
        }
    }

    /** The source line of the code at {@code address}. */
    public Optional<LineTable.SourceLine> line(long address) {
        return lines == null ? Optional.empty() : lines.lookup(address);
    }

    /**
     * A fresh disassembler (it carries auipc/lui state from one instruction to the next, so each
     * listing starts its own), printing as objdump does with its aliases; addresses as
     * {@code 80200010 <name+0x10>}.
     */
    public Disassembler disassembler() {
        if (elf != null) {
            try {
                return Disassembler.of(elf, true, this::label);
            } catch (ElfFormatException e) {
                // Fall through: the symbol table was read once already, so this does not happen.
            }
        }
        return new Disassembler(true, org.bootlab.symbols.ObjdumpCsrNames.PrivSpec.V1_12, null, this::label);
    }

    private String label(long address) {
        String hex = Long.toHexString(address);
        return symbols.containing(address).map(s -> hex + " <" + symbols.describe(address) + ">").orElse(hex);
    }
}
