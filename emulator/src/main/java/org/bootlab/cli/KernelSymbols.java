package org.bootlab.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * STAND-IN until org.bootlab.symbols.ElfSymbolTable and SysinitTable are merged: reads an ELF64
 * little-endian file's .symtab and its set_sysinit_set (the guest kernel's struct sysinit: u32
 * subsystem, u32 order, next, func, udata, name) for {@code bootlab profile}. When merging,
 * replace {@link #read} with those classes and delete this file; then regenerate profiles/.
 */
final class KernelSymbols {

    record Loaded(SymbolTable symbols, List<SysinitEntry> sysinits) {
    }

    private static final Map<Long, String> SUBSYSTEMS = new HashMap<>();

    static {
        String table = ""
            + "SI_SUB_DUMMY=0x0000000 SI_SUB_DONE=0x0000001 SI_SUB_TUNABLES=0x0700000 SI_SUB_COPYRIGHT=0x0800001 "
            + "SI_SUB_VM=0x1000000 SI_SUB_COUNTER=0x1100000 SI_SUB_KMEM=0x1800000 SI_SUB_HYPERVISOR=0x1A40000 "
            + "SI_SUB_WITNESS=0x1A80000 SI_SUB_MTX_POOL_DYNAMIC=0x1AC0000 SI_SUB_LOCK=0x1B00000 SI_SUB_EVENTHANDLER=0x1C00000 "
            + "SI_SUB_VNET_PRELINK=0x1E00000 SI_SUB_KLD=0x2000000 SI_SUB_KHELP=0x2080000 SI_SUB_CPU=0x2100000 "
            + "SI_SUB_RACCT=0x2110000 SI_SUB_KDTRACE=0x2140000 SI_SUB_RANDOM=0x2160000 SI_SUB_MAC=0x2180000 "
            + "SI_SUB_MAC_POLICY=0x21C0000 SI_SUB_MAC_LATE=0x21D0000 SI_SUB_VNET=0x21E0000 SI_SUB_INTRINSIC=0x2200000 "
            + "SI_SUB_VM_CONF=0x2300000 SI_SUB_DDB_SERVICES=0x2380000 SI_SUB_RUN_QUEUE=0x2400000 SI_SUB_KTRACE=0x2480000 "
            + "SI_SUB_OPENSOLARIS=0x2490000 SI_SUB_AUDIT=0x24C0000 SI_SUB_CREATE_INIT=0x2500000 SI_SUB_SCHED_IDLE=0x2600000 "
            + "SI_SUB_MBUF=0x2700000 SI_SUB_INTR=0x2800000 SI_SUB_TASKQ=0x2880000 SI_SUB_EPOCH=0x2888000 "
            + "SI_SUB_SOFTINTR=0x2A00000 SI_SUB_DEVFS=0x2F00000 SI_SUB_INIT_IF=0x3000000 SI_SUB_NETGRAPH=0x3010000 "
            + "SI_SUB_DTRACE=0x3020000 SI_SUB_DTRACE_PROVIDER=0x3048000 SI_SUB_DTRACE_ANON=0x308C000 SI_SUB_DRIVERS=0x3100000 "
            + "SI_SUB_CONFIGURE=0x3800000 SI_SUB_VFS=0x4000000 SI_SUB_CLOCKS=0x4800000 SI_SUB_SYSV_SHM=0x6400000 "
            + "SI_SUB_SYSV_SEM=0x6800000 SI_SUB_SYSV_MSG=0x6C00000 SI_SUB_P1003_1B=0x6E00000 SI_SUB_PSEUDO=0x7000000 "
            + "SI_SUB_EXEC=0x7400000 SI_SUB_PROTO_BEGIN=0x8000000 SI_SUB_PROTO_PFIL=0x8100000 SI_SUB_PROTO_IF=0x8400000 "
            + "SI_SUB_PROTO_DOMAININIT=0x8600000 SI_SUB_PROTO_MC=0x8700000 SI_SUB_PROTO_DOMAIN=0x8800000 SI_SUB_PROTO_FIREWALL=0x8806000 "
            + "SI_SUB_PROTO_IFATTACHDOMAIN=0x8808000 SI_SUB_PROTO_END=0x8ffffff SI_SUB_KPROF=0x9000000 SI_SUB_KICK_SCHEDULER=0xa000000 "
            + "SI_SUB_INT_CONFIG_HOOKS=0xa800000 SI_SUB_ROOT_CONF=0xb000000 SI_SUB_INTRINSIC_POST=0xd000000 SI_SUB_SYSCALLS=0xd800000 "
            + "SI_SUB_VNET_DONE=0xdc00000 SI_SUB_KTHREAD_INIT=0xe000000 SI_SUB_KTHREAD_PAGE=0xe400000 SI_SUB_KTHREAD_VM=0xe800000 "
            + "SI_SUB_KTHREAD_BUF=0xea00000 SI_SUB_KTHREAD_UPDATE=0xec00000 SI_SUB_KTHREAD_IDLE=0xee00000 SI_SUB_SMP=0xf000000 "
            + "SI_SUB_RACCTD=0xf100000 SI_SUB_LAST=0xfffffff ";
        for (String pair : table.trim().split(" ")) {
            String[] kv = pair.split("=");
            SUBSYSTEMS.put(Long.decode(kv[1]), kv[0]);
        }
    }

    private KernelSymbols() {
    }

    /** The symbols and SYSINITs of {@code elf}; empty tables for a file that is not ELF64 LE. */
    static Loaded read(String origin, byte[] elf) throws InputException {
        if (elf.length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 2 || elf[5] != 1) {
            return new Loaded(SymbolTable.EMPTY, List.of());
        }
        try {
            return parse(ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN));
        } catch (RuntimeException e) {
            throw new InputException(origin + ": cannot read its symbol table: " + e);
        }
    }

    private record Section(String name, int type, long addr, long offset, long size, int link) {
    }

    private static Loaded parse(ByteBuffer b) {
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3a) & 0xffff;
        int shnum = b.getShort(0x3c) & 0xffff;
        int shstrndx = b.getShort(0x3e) & 0xffff;
        List<Section> raw = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int h = Math.toIntExact(shoff + (long) i * shentsize);
            raw.add(new Section(null, b.getInt(h + 4), b.getLong(h + 0x10), b.getLong(h + 0x18), b.getLong(h + 0x20),
                    b.getInt(h + 0x28)));
        }
        Section shstr = raw.get(shstrndx);
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int h = Math.toIntExact(shoff + (long) i * shentsize);
            Section s = raw.get(i);
            sections.add(new Section(cString(b, shstr.offset() + b.getInt(h)), s.type(), s.addr(), s.offset(), s.size(), s.link()));
        }
        List<Symbol> symbols = new ArrayList<>();
        for (Section s : sections) {
            if (s.type() != 2) { // SHT_SYMTAB
                continue;
            }
            Section strtab = sections.get(s.link());
            for (long e = s.offset() + 24; e + 24 <= s.offset() + s.size(); e += 24) {
                int at = Math.toIntExact(e);
                int info = b.get(at + 4) & 0xff;
                int shndx = b.getShort(at + 6) & 0xffff;
                int type = info & 0xf;
                if ((type != 1 && type != 2) || shndx == 0 || shndx >= sections.size()) {
                    continue; // only functions and objects defined in a section
                }
                String name = cString(b, strtab.offset() + (b.getInt(at) & 0xffffffffL));
                symbols.add(new Symbol(name, b.getLong(at + 8), b.getLong(at + 16),
                        type == 2 ? Symbol.Kind.FUNCTION : Symbol.Kind.OBJECT, sections.get(shndx).name()));
            }
        }
        symbols.sort((x, y) -> Long.compareUnsigned(x.address(), y.address()));
        SymbolTable table = new ListSymbolTable(symbols);
        return new Loaded(table, sysinits(b, sections, table));
    }

    private static List<SysinitEntry> sysinits(ByteBuffer b, List<Section> sections, SymbolTable table) {
        Section set = sections.stream().filter(s -> s.name().equals("set_sysinit_set")).findFirst().orElse(null);
        if (set == null) {
            return List.of();
        }
        record Raw(long subsystem, long order, long struct, long func, long udata, String name) {
        }
        List<Raw> entries = new ArrayList<>();
        for (long p = 0; p + 8 <= set.size(); p += 8) {
            long struct = b.getLong(Math.toIntExact(set.offset() + p));
            int s = fileOffset(sections, struct);
            long namePtr = b.getLong(s + 32);
            int n = fileOffset(sections, namePtr);
            entries.add(new Raw(b.getInt(s) & 0xffffffffL, b.getInt(s + 4) & 0xffffffffL, struct, b.getLong(s + 16),
                    b.getLong(s + 24), cString(b, n)));
        }
        // The kernel's order: by subsystem, then order, ties in linker-set order (a stable sort).
        entries.sort((x, y) -> x.subsystem() != y.subsystem() ? Long.compare(x.subsystem(), y.subsystem())
                : Long.compare(x.order(), y.order()));
        List<SysinitEntry> out = new ArrayList<>();
        for (Raw r : entries) {
            out.add(new SysinitEntry(out.size(), r.subsystem(), SUBSYSTEMS.getOrDefault(r.subsystem(),
                    "0x" + Long.toHexString(r.subsystem())), r.order(), r.struct(), r.func(),
                    table.containing(r.func()).map(Symbol::name).orElse("0x" + Long.toHexString(r.func())),
                    r.udata(), r.name()));
        }
        return out;
    }

    private static int fileOffset(List<Section> sections, long addr) {
        for (Section s : sections) {
            if (s.addr() != 0 && s.type() == 1 && addr >= s.addr() && addr < s.addr() + s.size()) {
                return Math.toIntExact(s.offset() + addr - s.addr());
            }
        }
        throw new IllegalArgumentException("address 0x" + Long.toHexString(addr) + " is in no section with file data");
    }

    private static String cString(ByteBuffer b, long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        b.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A symbol table over a sorted list. */
    private record ListSymbolTable(List<Symbol> symbols) implements SymbolTable {

        @Override
        public Optional<Symbol> containing(long address) {
            Symbol best = null;
            for (Symbol s : symbols) {
                if (Long.compareUnsigned(s.address(), address) > 0) {
                    break;
                }
                if (s.contains(address)) {
                    best = s;
                }
            }
            return Optional.ofNullable(best);
        }

        @Override
        public Optional<Symbol> byName(String name) {
            return symbols.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    }
}
