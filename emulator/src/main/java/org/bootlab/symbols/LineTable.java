package org.bootlab.symbols;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Source lines from DWARF {@code .debug_line} (versions 2 to 5; gcc 12 writes version 5 with
 * {@code .debug_line_str}): address → file:line and file:line → addresses. File names are the
 * paths the compiler recorded, directory and name joined ("src/kern/init_main.c" for a kernel
 * built with {@code -ffile-prefix-map=$(PWD)=.}). Malformed data is an {@link ElfFormatException}
 * naming the section offset.
 */
public final class LineTable {

    /** A source position. */
    public record SourceLine(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    private static final int DW_LNCT_PATH = 1, DW_LNCT_DIRECTORY_INDEX = 2;

    private final List<String> files;
    /** Rows sorted by address; a row with file -1 ends a sequence (no line from there on). */
    private final long[] addresses;
    private final int[] fileOf;
    private final int[] lineOf;

    private LineTable(List<String> files, List<long[]> rows) {
        this.files = List.copyOf(files);
        // Stable sort by address keeps each sequence's order, so the last row at an address wins.
        rows.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        addresses = new long[rows.size()];
        fileOf = new int[rows.size()];
        lineOf = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            addresses[i] = rows.get(i)[0];
            fileOf[i] = (int) rows.get(i)[1];
            lineOf[i] = (int) rows.get(i)[2];
        }
    }

    /** The line table of {@code elf}; empty when it has no .debug_line. */
    public static LineTable read(ElfFile elf) throws ElfFormatException {
        Optional<byte[]> lines = elf.data(".debug_line");
        byte[] lineStr = elf.data(".debug_line_str").orElse(new byte[0]);
        byte[] str = elf.data(".debug_str").orElse(new byte[0]);
        List<String> files = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        if (lines.isPresent()) {
            new Parser(elf.origin(), lines.get(), lineStr, str, files, rows).parseAll();
        }
        return new LineTable(files, rows);
    }

    /** Every source file the table mentions. */
    public List<String> files() {
        return files;
    }

    /** The source line of the instruction at {@code address}. */
    public Optional<SourceLine> lookup(long address) {
        int lo = 0;
        int hi = addresses.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addresses[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || fileOf[found] < 0) {
            return Optional.empty();
        }
        return Optional.of(new SourceLine(files.get(fileOf[found]), lineOf[found]));
    }

    /**
     * The addresses where code for {@code file}:{@code line} starts, in address order. {@code
     * file} matches a recorded path exactly or as its last components ("init_main.c" or
     * "kern/init_main.c" for "src/kern/init_main.c").
     */
    public List<Long> addresses(String file, int line) {
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            if (lineOf[i] == line && fileOf[i] >= 0 && matches(files.get(fileOf[i]), file)
                    && (result.isEmpty() || result.get(result.size() - 1) != addresses[i])) {
                result.add(addresses[i]);
            }
        }
        return result;
    }

    private static boolean matches(String path, String query) {
        return path.equals(query) || path.endsWith("/" + query);
    }

    /** One pass over .debug_line: a cursor with bounds checks, and the units' programs. */
    private static final class Parser {
        private final String origin;
        private final byte[] b;
        private final byte[] lineStr;
        private final byte[] str;
        private final List<String> files;
        private final Map<String, Integer> fileIndex = new HashMap<>();
        private final List<long[]> rows;
        private int pos;
        private int limit;

        Parser(String origin, byte[] b, byte[] lineStr, byte[] str, List<String> files, List<long[]> rows) {
            this.origin = origin;
            this.b = b;
            this.lineStr = lineStr;
            this.str = str;
            this.files = files;
            this.rows = rows;
        }

        void parseAll() throws ElfFormatException {
            pos = 0;
            while (pos < b.length) {
                limit = b.length;
                parseUnit();
            }
        }

        private void parseUnit() throws ElfFormatException {
            int unitStart = pos;
            long length = u(4);
            int offsetSize = 4;
            if (length == 0xffffffffL) {
                length = u(8);
                offsetSize = 8;
            }
            if (Long.compareUnsigned(length, b.length - pos) > 0) {
                throw fail(unitStart, "line table unit length " + length + " runs past the end of .debug_line");
            }
            int unitEnd = pos + (int) length;
            limit = unitEnd;
            int version = (int) u(2);
            if (version < 2 || version > 5) {
                throw fail(unitStart + 4, "DWARF line table version " + version + " (BootLab reads 2 to 5)");
            }
            int addressSize = 8;
            if (version >= 5) {
                addressSize = (int) u(1);
                u(1); // segment selector size
            }
            long headerLength = u(offsetSize);
            if (Long.compareUnsigned(headerLength, unitEnd - pos) > 0) {
                throw fail(pos, "header length " + headerLength + " runs past the end of its unit");
            }
            int programStart = pos + (int) headerLength;
            int minInstLength = (int) u(1);
            if (version >= 4) {
                u(1); // maximum operations per instruction: 1 on RISC-V
            }
            u(1); // default_is_stmt: every row is a place to stop, as addr2line treats them
            int lineBase = (byte) u(1);
            int lineRange = (int) u(1);
            int opcodeBase = (int) u(1);
            if (lineRange == 0) {
                throw fail(pos - 2, "line_range is 0");
            }
            int[] argCounts = new int[Math.max(opcodeBase, 1)];
            for (int i = 1; i < opcodeBase; i++) {
                argCounts[i] = (int) u(1);
            }
            List<Integer> unitFiles = version >= 5 ? fileTableV5(offsetSize) : fileTableV4();
            pos = programStart;
            runProgram(unitEnd, unitFiles, addressSize, minInstLength, lineBase, lineRange,
                    opcodeBase, argCounts);
            pos = unitEnd;
        }

        private List<Integer> fileTableV4() throws ElfFormatException {
            List<String> dirs = new ArrayList<>();
            dirs.add(".");
            for (String d = cstring(); !d.isEmpty(); d = cstring()) {
                dirs.add(d);
            }
            List<Integer> unitFiles = new ArrayList<>();
            unitFiles.add(-1); // DWARF 2 to 4 number files from 1
            for (String name = cstring(); !name.isEmpty(); name = cstring()) {
                long dir = uleb();
                uleb(); // modification time
                uleb(); // length
                unitFiles.add(intern(join(dirs, dir, name)));
            }
            return unitFiles;
        }

        private List<Integer> fileTableV5(int offsetSize) throws ElfFormatException {
            List<String> dirs = new ArrayList<>();
            for (String[] entry : entries(offsetSize)) {
                dirs.add(entry[0] != null ? entry[0] : ".");
            }
            List<Integer> unitFiles = new ArrayList<>();
            for (String[] entry : entries(offsetSize)) {
                long dir = entry[1] != null ? Long.parseLong(entry[1]) : 0;
                unitFiles.add(intern(join(dirs, dir, entry[0] != null ? entry[0] : "?")));
            }
            return unitFiles;
        }

        /** A DWARF 5 directory or file table: {path, directory index} per entry. */
        private List<String[]> entries(int offsetSize) throws ElfFormatException {
            int formatCount = (int) u(1);
            long[][] format = new long[formatCount][];
            for (int i = 0; i < formatCount; i++) {
                format[i] = new long[] {uleb(), uleb()};
            }
            int countAt = pos;
            long count = uleb();
            if (formatCount == 0 && count != 0) {
                // Each entry would take no bytes: nothing would bound the count but memory.
                throw fail(countAt, count + " entries with an empty entry format");
            }
            List<String[]> entries = new ArrayList<>();
            for (long n = 0; n < count; n++) {
                String[] entry = new String[2];
                for (long[] f : format) {
                    int at = pos;
                    Object value = form((int) f[1], offsetSize);
                    if (f[0] == DW_LNCT_PATH) {
                        if (!(value instanceof String)) {
                            throw fail(at, "a file path in form 0x" + Long.toHexString(f[1]) + ", not a string form");
                        }
                        entry[0] = (String) value;
                    } else if (f[0] == DW_LNCT_DIRECTORY_INDEX && value instanceof Long) {
                        entry[1] = Long.toString((Long) value);
                    }
                }
                entries.add(entry);
            }
            return entries;
        }

        /** Reads one attribute value: a String, a Long, or null for blocks (MD5 and the like). */
        private Object form(int form, int offsetSize) throws ElfFormatException {
            switch (form) {
                case 0x08: return cstring();                                  // DW_FORM_string
                case 0x1f: return stringAt(lineStr, u(offsetSize), ".debug_line_str"); // line_strp
                case 0x0e: return stringAt(str, u(offsetSize), ".debug_str");  // strp
                case 0x0b: return u(1);                                       // data1
                case 0x05: return u(2);                                       // data2
                case 0x06: return u(4);                                       // data4
                case 0x07: return u(8);                                       // data8
                case 0x0f: return uleb();                                     // udata
                case 0x1e: skip(16); return null;                             // data16 (MD5)
                case 0x09: skip(uleb()); return null;                         // block
                default: throw fail(pos, "unsupported attribute form 0x" + Integer.toHexString(form));
            }
        }

        private void runProgram(int end, List<Integer> unitFiles, int addressSize, int minInstLength,
                                int lineBase, int lineRange, int opcodeBase, int[] argCounts)
                throws ElfFormatException {
            long address = 0;
            long file = 1;
            long line = 1;
            while (pos < end) {
                int opAt = pos;
                int op = (int) u(1);
                if (op >= opcodeBase) {
                    int adjusted = op - opcodeBase;
                    address += (long) (adjusted / lineRange) * minInstLength;
                    line += lineBase + adjusted % lineRange;
                    emit(unitFiles, address, file, line, opAt);
                    continue;
                }
                switch (op) {
                    case 0 -> {
                        long len = uleb();
                        if (Long.compareUnsigned(len, end - pos) > 0 || len == 0) {
                            throw fail(opAt, "extended opcode length " + len + " runs past the end of its unit");
                        }
                        int next = pos + (int) len;
                        int sub = (int) u(1);
                        if (sub == 1) { // DW_LNE_end_sequence
                            rows.add(new long[] {address, -1, 0});
                            address = 0;
                            file = 1;
                            line = 1;
                        } else if (sub == 2) { // DW_LNE_set_address
                            address = u(Math.min(addressSize, 8));
                        }
                        pos = next;
                    }
                    case 1 -> emit(unitFiles, address, file, line, opAt);
                    case 2 -> address += uleb() * minInstLength;
                    case 3 -> line += sleb();
                    case 4 -> file = uleb();
                    case 8 -> address += (long) ((255 - opcodeBase) / lineRange) * minInstLength;
                    case 9 -> address += u(2);
                    default -> {
                        for (int i = 0; i < argCounts[op]; i++) {
                            uleb();
                        }
                    }
                }
            }
        }

        private void emit(List<Integer> unitFiles, long address, long file, long line, int at) throws ElfFormatException {
            if (file < 0 || file >= unitFiles.size() || unitFiles.get((int) file) < 0) {
                throw fail(at, "row names file " + file + ", which its unit's file table does not have");
            }
            rows.add(new long[] {address, unitFiles.get((int) file), line});
        }

        private int intern(String path) {
            return fileIndex.computeIfAbsent(path, p -> {
                files.add(p);
                return files.size() - 1;
            });
        }

        private String join(List<String> dirs, long dir, String name) throws ElfFormatException {
            if (name.startsWith("/") || dir < 0 || dir >= dirs.size()) {
                if (dir >= dirs.size()) {
                    throw fail(pos, "file " + name + " names directory " + dir + " of " + dirs.size());
                }
                return name;
            }
            String d = dirs.get((int) dir);
            if (!d.startsWith("/") && dir != 0 && !dirs.get(0).equals(".")) {
                d = dirs.get(0) + "/" + d;
            }
            return d.equals(".") ? name : d + "/" + name;
        }

        private String stringAt(byte[] table, long offset, String section) throws ElfFormatException {
            if (Long.compareUnsigned(offset, table.length) >= 0) {
                throw fail(pos, "string offset 0x" + Long.toHexString(offset) + " lies outside " + section);
            }
            int end = (int) offset;
            while (end < table.length && table[end] != 0) {
                end++;
            }
            return new String(table, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
        }

        private String cstring() throws ElfFormatException {
            int start = pos;
            while (pos < limit && b[pos] != 0) {
                pos++;
            }
            if (pos >= limit) {
                throw fail(start, "string runs past the end of its unit");
            }
            return new String(b, start, pos++ - start, StandardCharsets.UTF_8);
        }

        private long u(int size) throws ElfFormatException {
            if (size > limit - pos) {
                throw fail(pos, size + "-byte value runs past the end of its unit");
            }
            long v = ElfFile.le(b, pos, size);
            pos += size;
            return v;
        }

        private void skip(long n) throws ElfFormatException {
            if (Long.compareUnsigned(n, limit - pos) > 0) {
                throw fail(pos, n + " bytes run past the end of their unit");
            }
            pos += (int) n;
        }

        private long uleb() throws ElfFormatException {
            long v = 0;
            int shift = 0;
            while (true) {
                int c = (int) u(1);
                if (shift < 64) {
                    v |= (long) (c & 0x7f) << shift;
                }
                shift += 7;
                if ((c & 0x80) == 0) {
                    return v;
                }
            }
        }

        private long sleb() throws ElfFormatException {
            long v = 0;
            int shift = 0;
            int c;
            do {
                c = (int) u(1);
                if (shift < 64) {
                    v |= (long) (c & 0x7f) << shift;
                }
                shift += 7;
            } while ((c & 0x80) != 0);
            if (shift < 64 && (c & 0x40) != 0) {
                v |= -1L << shift;
            }
            return v;
        }

        private ElfFormatException fail(int offset, String problem) {
            return new ElfFormatException(origin + ": .debug_line: " + problem + " (at offset 0x"
                    + Integer.toHexString(offset) + ")");
        }
    }
}
