package org.bootlab.machine.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.bootlab.machine.loader.ImageLoader.hex;

/**
 * Reads an ELF64 little-endian RISC-V executable into a {@link BootImage}: its PT_LOAD segments
 * at their physical addresses (p_paddr, as QEMU loads them) and its entry point. Everything in
 * the file is untrusted: every inconsistency becomes an {@link ImageException} that names the
 * file and the problem, never an unchecked exception.
 */
public final class ElfLoader {

    static final int EM_RISCV = 243;
    private static final int ELF_HEADER_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int PT_LOAD = 1;
    private static final int ET_REL = 1;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;
    private static final int ET_CORE = 4;
    /** e_phnum value meaning "the count is in section header 0" (more than 65534 headers). */
    private static final int PN_XNUM = 0xffff;

    /** Machines someone is likely to pass by mistake, for a helpful message. */
    private static final Map<Integer, String> MACHINE_NAMES = Map.ofEntries(
            Map.entry(2, "SPARC"), Map.entry(3, "x86"), Map.entry(8, "MIPS"),
            Map.entry(20, "PowerPC"), Map.entry(21, "PowerPC64"), Map.entry(22, "s390"),
            Map.entry(40, "ARM"), Map.entry(43, "SPARC V9"), Map.entry(62, "x86-64"),
            Map.entry(183, "AArch64"), Map.entry(247, "BPF"), Map.entry(258, "LoongArch"));

    private ElfLoader() {
    }

    /** True if the bytes start with the ELF magic number 0x7f 'E' 'L' 'F'. */
    public static boolean hasElfMagic(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    public static BootImage load(Path file) throws ImageException {
        return parse(file.toString(), ImageFiles.read(file));
    }

    /** Parses an ELF image held in memory; {@code origin} names it in messages. */
    public static BootImage parse(String origin, byte[] bytes) throws ImageException {
        return new Parser(origin, bytes).parse();
    }

    /** One parse: the file's bytes and its name, so each check reads as one line. */
    private static final class Parser {
        private final String origin;
        private final byte[] b;

        Parser(String origin, byte[] bytes) {
            this.origin = origin;
            this.b = bytes;
        }

        BootImage parse() throws ImageException {
            checkIdentification();
            int type = u16(16);
            int machine = u16(18);
            if (machine != EM_RISCV) {
                String name = MACHINE_NAMES.get(machine);
                throw fail("not a RISC-V ELF (machine " + machine + (name != null ? " = " + name : "") + ")");
            }
            checkType(type);
            long entry = u64(24);
            long phoff = u64(32);
            int phentsize = u16(54);
            int phnum = u16(56);
            if (phnum == PN_XNUM) {
                throw fail("has more than 65534 program headers (PN_XNUM), which BootLab does not support");
            }
            if (phnum == 0) {
                throw fail("has no program headers, so nothing to load");
            }
            if (phentsize != PHDR_SIZE) {
                throw fail("program header entries are " + phentsize + " bytes, expected " + PHDR_SIZE);
            }
            long phBytes = (long) phnum * PHDR_SIZE;
            if (!inFile(phoff, phBytes)) {
                throw fail("truncated: " + phnum + " program headers at offset " + hex(phoff)
                        + " run past the end of the file (" + b.length + " bytes)");
            }
            List<BootImage.Segment> segments = new ArrayList<>();
            Long physicalEntry = null;
            for (int i = 0; i < phnum; i++) {
                int ph = (int) (phoff + (long) i * PHDR_SIZE);
                if (u32(ph) != PT_LOAD) {
                    continue;
                }
                long offset = u64(ph + 8);
                long vaddr = u64(ph + 16);
                long paddr = u64(ph + 24);
                long filesz = u64(ph + 32);
                long memsz = u64(ph + 40);
                if (Long.compareUnsigned(filesz, memsz) > 0) {
                    throw fail("segment " + i + " has filesz " + hex(filesz) + " larger than memsz " + hex(memsz));
                }
                if (memsz == 0) {
                    continue;
                }
                if (!inFile(offset, filesz)) {
                    throw fail("truncated: segment " + i + " wants bytes " + hex(offset) + "+" + hex(filesz)
                            + " but the file has only " + b.length + " bytes");
                }
                if (Long.compareUnsigned(paddr + memsz, paddr) < 0 || Long.compareUnsigned(vaddr + memsz, vaddr) < 0) {
                    throw fail("segment " + i + " at " + hex(paddr) + " with size " + hex(memsz)
                            + " wraps past the end of the address space");
                }
                byte[] data = Arrays.copyOfRange(b, (int) offset, (int) (offset + filesz));
                segments.add(new BootImage.Segment(paddr, data, memsz));
                // e_entry is a virtual address; the hart starts with translation off, so enter
                // at the physical address of the segment that holds it (the same when vaddr = paddr).
                if (physicalEntry == null && Long.compareUnsigned(entry - vaddr, memsz) < 0) {
                    physicalEntry = entry - vaddr + paddr;
                }
            }
            if (segments.isEmpty()) {
                throw fail("has no loadable segment (no PT_LOAD with a non-zero size)");
            }
            if (physicalEntry == null) {
                throw fail("entry point " + hex(entry) + " is not inside any loadable segment");
            }
            return new BootImage(origin, physicalEntry, segments);
        }

        private void checkIdentification() throws ImageException {
            if (!hasElfMagic(b)) {
                throw fail("not an ELF file (no 0x7f 'E' 'L' 'F' magic number)");
            }
            if (b.length < 6) {
                throw fail("truncated ELF header (" + b.length + " bytes)");
            }
            int elfClass = b[4];
            if (elfClass == 1) {
                throw fail("is a 32-bit ELF; BootLab runs RV64");
            }
            if (elfClass != 2) {
                throw fail("unknown ELF class " + elfClass + " (expected 2 = 64-bit)");
            }
            int data = b[5];
            if (data == 2) {
                throw fail("is a big-endian ELF; RISC-V is little-endian");
            }
            if (data != 1) {
                throw fail("unknown ELF data encoding " + data + " (expected 1 = little-endian)");
            }
            if (b.length < ELF_HEADER_SIZE) {
                throw fail("truncated ELF header (" + b.length + " of " + ELF_HEADER_SIZE + " bytes)");
            }
            if (b[6] != 1) {
                throw fail("unknown ELF version " + b[6]);
            }
        }

        private void checkType(int type) throws ImageException {
            switch (type) {
                case ET_EXEC, ET_DYN -> { }
                case ET_REL -> throw fail("is a relocatable object file (ET_REL), not a linked executable");
                case ET_CORE -> throw fail("is a core dump (ET_CORE), not an executable");
                default -> throw fail("has unknown ELF type " + type + " (expected an executable)");
            }
        }

        /** True if {@code [offset, offset + length)} lies inside the file; both are unsigned. */
        private boolean inFile(long offset, long length) {
            return offset >= 0 && length >= 0 && offset <= b.length && length <= b.length - offset;
        }

        private int u16(int at) {
            return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
        }

        private long u32(int at) {
            return (u16(at) | (long) u16(at + 2) << 16) & 0xffff_ffffL;
        }

        private long u64(int at) {
            return u32(at) | u32(at + 4) << 32;
        }

        private ImageException fail(String problem) {
            return new ImageException(origin + ": " + problem);
        }
    }
}
