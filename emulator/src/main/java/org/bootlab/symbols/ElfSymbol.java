package org.bootlab.symbols;

/** One raw entry of an ELF symbol table (.symtab or .dynsym). */
public record ElfSymbol(String name, long value, long size, int type, int binding, int sectionIndex) {

    public static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4;
    public static final int STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
    /** Section indexes from SHN_LORESERVE up (SHN_ABS, SHN_COMMON, ...) name no section. */
    public static final int SHN_UNDEF = 0, SHN_LORESERVE = 0xff00;

    public boolean isDefined() {
        return sectionIndex != SHN_UNDEF;
    }
}
