package org.bootlab.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The SYSINITs an ELF kernel declares, read from its {@code set_sysinit_set} linker set: an array
 * of pointers to {@code struct sysinit { uint32 subsystem; uint32 order; <list link: one pointer>;
 * func pointer; udata pointer; ... }} (FreeBSD's layout; the guest kernel adds a name pointer
 * after udata, which is not needed here). The entries come out in the order {@code mi_startup()}
 * runs them: a stable sort of the set's link order by (subsystem, order), both unsigned.
 *
 * <p>A SYSINIT's name is its uniquifier: {@code SYSINIT(foo, ...)} defines the struct as the
 * static object {@code foo_sys_init} (FreeBSD's and the guest kernel's macro), so the name comes
 * from the symbol at the struct's address when the file has one, else from the function.
 */
public final class SysinitTable {

    public static final String SECTION = "set_sysinit_set";
    private static final String STRUCT_SUFFIX = "_sys_init";
    private static final int POINTER = 8;
    private static final int FUNC_OFFSET = 16;
    private static final int UDATA_OFFSET = 24;

    private SysinitTable() {
    }

    /** The sorted SYSINITs of {@code elf}, named with {@code symbols}. */
    public static List<SysinitEntry> read(ElfFile elf, SymbolTable symbols) throws ElfFormatException {
        ElfSection set = elf.section(SECTION).orElseThrow(() -> new ElfFormatException(
                elf.origin() + ": has no " + SECTION + " section (not a kernel with FreeBSD-style SYSINITs)"));
        if (set.size() % POINTER != 0) {
            throw new ElfFormatException(elf.origin() + ": " + SECTION + " is " + set.size()
                    + " bytes, not a whole number of 8-byte pointers (at offset 0x" + Long.toHexString(set.offset()) + ")");
        }
        byte[] pointers = elf.data(set);
        List<SysinitEntry> entries = new ArrayList<>(pointers.length / POINTER);
        for (int at = 0; at < pointers.length; at += POINTER) {
            long struct = ElfFile.le(pointers, at, POINTER);
            long subsystem = elf.readInt(struct);
            long order = elf.readInt(struct + 4);
            long function = elf.readLong(struct + FUNC_OFFSET);
            long udata = elf.readLong(struct + UDATA_OFFSET);
            String functionName = symbols.describe(function);
            String name = symbols.containing(struct)
                    .filter(s -> s.address() == struct && s.name().endsWith(STRUCT_SUFFIX))
                    .map(s -> s.name().substring(0, s.name().length() - STRUCT_SUFFIX.length()))
                    .orElse(functionName);
            entries.add(new SysinitEntry(0, subsystem, SysinitSubsystems.name(subsystem), order, struct,
                    function, functionName, udata, name));
        }
        // List.sort is a stable merge sort, like the kernel's own.
        entries.sort(Comparator.comparingLong(SysinitEntry::subsystem).thenComparingLong(SysinitEntry::order));
        List<SysinitEntry> sorted = new ArrayList<>(entries.size());
        for (SysinitEntry e : entries) {
            sorted.add(new SysinitEntry(sorted.size(), e.subsystem(), e.subsystemName(), e.order(), e.structAddress(),
                    e.function(), e.functionName(), e.udata(), e.name()));
        }
        return sorted;
    }
}
