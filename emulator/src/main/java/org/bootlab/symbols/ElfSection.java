package org.bootlab.symbols;

/** One section header of an ELF64 file, with its name resolved from the section name table. */
public record ElfSection(int index, String name, int type, long flags, long address, long offset, long size,
                         int link, int info, long align, long entrySize) {

    public static final int SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8, SHT_DYNSYM = 11;
    public static final long SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4;

    /** True if the section holds machine code (objdump -d disassembles exactly these). */
    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    /** True if the section occupies memory when the program runs. */
    public boolean isAllocated() {
        return (flags & SHF_ALLOC) != 0;
    }

    /** True if the file holds bytes for it (everything but SHT_NOBITS and SHT_NULL). */
    public boolean hasFileData() {
        return type != SHT_NOBITS && type != SHT_NULL;
    }

    /** True if {@code addr} lies inside the section's memory image. */
    public boolean containsAddress(long addr) {
        return isAllocated() && Long.compareUnsigned(addr - address, size) < 0;
    }
}
