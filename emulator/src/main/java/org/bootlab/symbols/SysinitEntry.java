package org.bootlab.symbols;

/**
 * One SYSINIT as the kernel image declares it in its {@code set_sysinit_set} linker set, with
 * its position in (subsystem, order) sorted order (a stable sort of the set's link order).
 *
 * @param index         position in sorted order, from 0
 * @param subsystem     the SI_SUB_* value
 * @param subsystemName its name, e.g. "SI_SUB_DRIVERS" (or hex when it is not a named value)
 * @param order         the SI_ORDER_* value
 * @param structAddress address of the {@code struct sysinit}
 * @param function      address of the function it calls
 * @param functionName  that function's symbol, or hex
 * @param udata         the argument it passes
 * @param name          the SYSINIT's uniquifier when the symbol table names it, else the function name
 */
public record SysinitEntry(int index, long subsystem, String subsystemName, long order, long structAddress,
                           long function, String functionName, long udata, String name) {
}
