package org.bootlab.cli;

import java.util.List;

import org.bootlab.machine.loader.ElfLoader;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.symbols.ElfFile;
import org.bootlab.symbols.ElfSymbolTable;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.symbols.SysinitTable;

/** What a trace needs to label a guest: its symbols, and its SYSINITs when it is such a kernel. */
record GuestSymbols(SymbolTable symbols, List<SysinitEntry> sysinits) {

    /** The tables of an ELF image; empty ones for a raw binary. */
    static GuestSymbols read(String origin, byte[] image) throws ImageException {
        if (!ElfLoader.hasElfMagic(image)) {
            return new GuestSymbols(SymbolTable.EMPTY, List.of());
        }
        ElfFile elf = ElfFile.parse(origin, image);
        ElfSymbolTable symbols = ElfSymbolTable.of(elf);
        List<SysinitEntry> sysinits = elf.section(SysinitTable.SECTION).isPresent()
                ? SysinitTable.read(elf, symbols) : List.of();
        return new GuestSymbols(symbols, sysinits);
    }
}
