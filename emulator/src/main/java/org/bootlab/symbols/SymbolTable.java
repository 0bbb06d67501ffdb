package org.bootlab.symbols;

import java.util.List;
import java.util.Optional;

/** Address-to-name lookups over a program's symbols, as debugger views and traces need them. */
public interface SymbolTable {

    /** Every symbol, sorted by address. */
    List<Symbol> symbols();

    /** The function or object whose extent contains {@code address}. */
    Optional<Symbol> containing(long address);

    /** The symbol with this exact name. */
    Optional<Symbol> byName(String name);

    /** {@code name+0xoff} for an address inside a symbol, {@code name} at its start, else hex. */
    default String describe(long address) {
        return containing(address)
                .map(s -> address == s.address() ? s.name() : s.name() + "+0x" + Long.toHexString(address - s.address()))
                .orElse("0x" + Long.toHexString(address));
    }

    /** A table with no symbols (a raw binary). */
    SymbolTable EMPTY = new SymbolTable() {
        @Override
        public List<Symbol> symbols() {
            return List.of();
        }

        @Override
        public Optional<Symbol> containing(long address) {
            return Optional.empty();
        }

        @Override
        public Optional<Symbol> byName(String name) {
            return Optional.empty();
        }
    };
}
