package org.bootlab.app.session;

import org.bootlab.symbols.SymbolTable;

/**
 * Adapter: the symbol table of the booted kernel, for the disassembly's labels and the status
 * bar's current function.
 *
 * <p>Not available yet: main has the {@link SymbolTable} interface but no ELF symbol reader.
 * When org.bootlab.symbols.ElfSymbolTable lands this becomes
 * {@code ElfSymbolTable.of(ElfFile.read(path))} (or {@code ElfFile.parse} on the embedded
 * kernel's bytes); until then every address shows as hex.
 */
public final class GuestSymbols {

    private GuestSymbols() {
    }

    public static SymbolTable of(BootSettings settings) {
        return SymbolTable.EMPTY;
    }
}
