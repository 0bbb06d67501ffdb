package org.bootlab.symbols;

/** A named address from an ELF symbol table: a function or a data object. */
public record Symbol(String name, long address, long size, Kind kind, String section) {

    public enum Kind { FUNCTION, OBJECT, OTHER }

    public boolean contains(long addr) {
        return addr >= address && (addr < address + size || (size == 0 && addr == address));
    }
}
