package org.bootlab.debug;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.testing.Tools;

/**
 * The guest kernel's symbols and SYSINIT table, read with a few lines of ELF parsing so that
 * these tests do not wait for the symbols package.
 */
final class KernelImage {

    static Path elf() {
        return Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
    }

    private record Section(String name, int type, long addr, int offset, int size, int link) {
    }

    private final ByteBuffer elf;
    private final List<Section> sections = new ArrayList<>();
    final SymbolTable symbols;
    final List<SysinitEntry> sysinits;

    KernelImage() throws IOException {
        byte[] bytes = Files.readAllBytes(elf());
        elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = (int) elf.getLong(0x28);
        int shentsize = elf.getShort(0x3a), shnum = elf.getShort(0x3c), shstrndx = elf.getShort(0x3e);
        List<int[]> raw = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int h = shoff + i * shentsize;
            raw.add(new int[] {elf.getInt(h), elf.getInt(h + 4), (int) elf.getLong(h + 0x18), (int) elf.getLong(h + 0x20),
                elf.getInt(h + 0x28)});
        }
        int strOff = raw.get(shstrndx)[2];
        for (int i = 0; i < shnum; i++) {
            int h = shoff + i * shentsize;
            int[] r = raw.get(i);
            sections.add(new Section(string(strOff + r[0]), r[1], elf.getLong(h + 0x10), r[2], r[3], r[4]));
        }
        symbols = readSymbols();
        sysinits = readSysinits();
    }

    private String string(int off) {
        int end = off;
        while (elf.get(end) != 0) {
            end++;
        }
        return new String(elf.array(), off, end - off, StandardCharsets.US_ASCII);
    }

    private Section section(String name) {
        return sections.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    private SymbolTable readSymbols() {
        Section symtab = section(".symtab");
        Section strtab = sections.get(symtab.link);
        Map<String, Symbol> byName = new HashMap<>();
        List<Symbol> all = new ArrayList<>();
        for (int off = symtab.offset; off < symtab.offset + symtab.size; off += 24) {
            String name = string(strtab.offset + elf.getInt(off));
            int type = elf.get(off + 4) & 0xf;
            long value = elf.getLong(off + 8);
            long size = elf.getLong(off + 16);
            if (name.isEmpty() || (type != 1 && type != 2)) {
                continue;
            }
            Symbol s = new Symbol(name, value, size, type == 2 ? Symbol.Kind.FUNCTION : Symbol.Kind.OBJECT, "");
            all.add(s);
            byName.putIfAbsent(name, s);
        }
        all.sort(Comparator.comparingLong(Symbol::address));
        return new SymbolTable() {
            @Override
            public List<Symbol> symbols() {
                return all;
            }

            @Override
            public Optional<Symbol> containing(long address) {
                return all.stream().filter(s -> s.contains(address)).findFirst();
            }

            @Override
            public Optional<Symbol> byName(String name) {
                return Optional.ofNullable(byName.get(name));
            }
        };
    }

    private long read64(long address) {
        for (Section s : sections) {
            if (s.addr != 0 && s.type != 8 && address >= s.addr && address + 8 <= s.addr + s.size) {
                return elf.getLong(s.offset + (int) (address - s.addr));
            }
        }
        throw new IllegalArgumentException("no data at 0x" + Long.toHexString(address));
    }

    private List<SysinitEntry> readSysinits() throws IOException {
        Map<Long, String> names = subsystemNames();
        Section set = section("set_sysinit_set");
        List<long[]> raw = new ArrayList<>();
        for (int off = set.offset; off < set.offset + set.size; off += 8) {
            long p = elf.getLong(off);
            long subOrder = read64(p);
            raw.add(new long[] {subOrder & 0xffff_ffffL, subOrder >>> 32, p, read64(p + 16), read64(p + 24)});
        }
        raw.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1])); // stable
        List<SysinitEntry> out = new ArrayList<>();
        for (long[] r : raw) {
            String fn = symbols.containing(r[3]).map(Symbol::name).orElse("0x" + Long.toHexString(r[3]));
            out.add(new SysinitEntry(out.size(), r[0], names.getOrDefault(r[0], "0x" + Long.toHexString(r[0])), r[1],
                    r[2], r[3], fn, r[4], fn));
        }
        return out;
    }

    private static Map<Long, String> subsystemNames() throws IOException {
        String header = Files.readString(Tools.repoRoot().resolve("guest-kernel/src/sys/kernel.h"));
        Matcher m = Pattern.compile("(SI_SUB_\\w+)\\s*=\\s*0x([0-9a-fA-F]+)").matcher(header);
        Map<Long, String> names = new HashMap<>();
        while (m.find()) {
            names.putIfAbsent(Long.parseLong(m.group(2), 16), m.group(1));
        }
        return names;
    }
}
