package org.bootlab.symbols;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The functions, objects and code labels of an ELF file, for address-to-name lookups. It reads
 * .symtab, or .dynsym when the file is stripped (as Debian's OpenSBI and U-Boot are), and leaves
 * out what names no place in the program: section and file symbols, undefined and absolute
 * symbols, RISC-V mapping symbols ({@code $x}, {@code $d}, {@code $xrv64i2p1...}) and the
 * assembler's local {@code .L} labels.
 *
 * <p>{@link #containing} is a binary search over the symbols sorted by address. A symbol with a
 * size contains its extent; a sizeless label (an assembly entry point such as {@code _start})
 * is taken to run to the next symbol or the end of its section, as objdump labels code.
 */
public final class ElfSymbolTable implements SymbolTable {

    private final List<Symbol> symbols;
    /** One symbol per distinct address (the preferred one), sorted, for the binary search. */
    private final Symbol[] byAddress;
    private final long[] addresses;
    /** Where each entry of {@link #byAddress} stops being the answer for a sizeless label. */
    private final long[] labelEnds;
    private final Map<String, Symbol> byName = new HashMap<>();

    private ElfSymbolTable(List<Symbol> symbols, List<ElfSection> sections) {
        symbols.sort(Comparator.comparingLong(Symbol::address).thenComparing(ElfSymbolTable::preference));
        this.symbols = List.copyOf(symbols);
        List<Symbol> unique = new ArrayList<>();
        for (Symbol s : symbols) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).address() != s.address()) {
                unique.add(s);
            }
            byName.merge(s.name(), s, (a, b) -> a);
        }
        byAddress = unique.toArray(new Symbol[0]);
        addresses = new long[byAddress.length];
        labelEnds = new long[byAddress.length];
        for (int i = 0; i < byAddress.length; i++) {
            addresses[i] = byAddress[i].address();
            long end = sectionEnd(sections, byAddress[i]);
            if (i + 1 < byAddress.length && byAddress[i + 1].address() < end) {
                end = byAddress[i + 1].address();
            }
            labelEnds[i] = end;
        }
    }

    /** The symbols of {@code elf}: .symtab, else .dynsym. */
    public static ElfSymbolTable of(ElfFile elf) throws ElfFormatException {
        List<ElfSymbol> raw = elf.symbols();
        if (raw.isEmpty()) {
            raw = elf.dynamicSymbols();
        }
        List<ElfSection> sections = elf.sections();
        List<Symbol> symbols = new ArrayList<>();
        for (ElfSymbol e : raw) {
            if (!namesAPlace(e) || e.sectionIndex() >= sections.size()) {
                continue;
            }
            Symbol.Kind kind = switch (e.type()) {
                case ElfSymbol.STT_FUNC -> Symbol.Kind.FUNCTION;
                case ElfSymbol.STT_OBJECT -> Symbol.Kind.OBJECT;
                default -> Symbol.Kind.OTHER;
            };
            symbols.add(new Symbol(e.name(), e.value(), e.size(), kind, sections.get(e.sectionIndex()).name()));
        }
        return new ElfSymbolTable(symbols, sections);
    }

    private static boolean namesAPlace(ElfSymbol e) {
        String n = e.name();
        return !n.isEmpty() && e.isDefined() && e.sectionIndex() < ElfSymbol.SHN_LORESERVE
                && (e.type() == ElfSymbol.STT_FUNC || e.type() == ElfSymbol.STT_OBJECT || e.type() == ElfSymbol.STT_NOTYPE)
                && !n.startsWith("$") && !n.startsWith(".L");
    }

    /** At one address: functions before objects before labels, then sized before sizeless. */
    private static int preference(Symbol s) {
        return s.kind().ordinal() * 2 + (s.size() > 0 ? 0 : 1);
    }

    private static long sectionEnd(List<ElfSection> sections, Symbol s) {
        for (ElfSection sec : sections) {
            if (sec.name().equals(s.section()) && sec.containsAddress(s.address())) {
                return sec.address() + sec.size();
            }
        }
        return s.address() + Math.max(s.size(), 1);
    }

    @Override
    public List<Symbol> symbols() {
        return symbols;
    }

    @Override
    public Optional<Symbol> containing(long address) {
        int i = Arrays.binarySearch(addresses, address);
        if (i < 0) {
            i = -i - 2; // the last symbol starting below the address
        }
        if (i < 0) {
            return Optional.empty();
        }
        Symbol s = byAddress[i];
        if (s.contains(address) || (s.size() == 0 && Long.compareUnsigned(address, labelEnds[i]) < 0)) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    @Override
    public Optional<Symbol> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
