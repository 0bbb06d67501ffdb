package org.bootlab.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineTableTest {

    @TempDir
    Path dir;

    private static Path kernel() {
        return Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf");
    }

    @Test
    void agreesWithAddr2lineOnTheGuestKernel() throws Exception {
        Path addr2line = Tools.require("riscv64-unknown-elf-addr2line");
        ElfFile elf = ElfFile.read(kernel());
        LineTable lines = LineTable.read(elf);
        ElfSection text = elf.section(".text").orElseThrow();
        List<String> command = new ArrayList<>(List.of(addr2line.toString(), "-e", kernel().toString()));
        List<Long> probes = new ArrayList<>();
        for (long a = text.address(); a < text.address() + text.size(); a += 38) {
            probes.add(a);
            command.add(Long.toHexString(a));
        }
        Path out = dir.resolve("addr2line.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        List<String> expected = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(probes.size(), expected.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            String want = expected.get(i).replaceFirst(" \\(discriminator \\d+\\)$", "").replaceFirst("^\\./", "");
            String got = lines.lookup(probes.get(i)).map(LineTable.SourceLine::toString).orElse("??:0");
            if (!want.equals(got)) {
                mismatches.add(Long.toHexString(probes.get(i)) + ": addr2line " + want + ", we " + got);
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())),
                mismatches.size() + " of " + probes.size() + " differ");
    }

    @Test
    void mapsLinesBackToAddresses() throws Exception {
        ElfFile elf = ElfFile.read(kernel());
        LineTable lines = LineTable.read(elf);
        long miStartup = ElfSymbolTable.of(elf).byName("mi_startup").orElseThrow().address();
        LineTable.SourceLine at = lines.lookup(miStartup).orElseThrow();
        assertEquals("src/kern/init_main.c", at.file());
        assertTrue(lines.addresses("init_main.c", at.line()).contains(miStartup));
        assertTrue(lines.addresses("kern/init_main.c", at.line()).contains(miStartup));
        assertTrue(lines.addresses("main.c", at.line()).isEmpty()); // whole path components only
        assertTrue(lines.files().contains("src/riscv/locore.S"));
        assertEquals("src/riscv/locore.S:11", lines.lookup(0x80200000L).orElseThrow().toString());
        assertFalse(lines.lookup(0x80000000L).isPresent());
    }

    @Test
    void rejectsMalformedLineTablesWithTheOffset() throws Exception {
        byte[] good = ElfFile.read(kernel()).data(".debug_line").orElseThrow();
        byte[] v7 = good.clone();
        v7[4] = 7;
        expect(v7, "DWARF line table version 7 (BootLab reads 2 to 5) (at offset 0x4)");
        byte[] longUnit = good.clone();
        longUnit[3] = 0x7f;
        expect(longUnit, "line table unit length");
        expect(Arrays.copyOf(good, 100), "runs past the end");
        for (int at = 0; at < 300; at++) {
            for (int v : new int[] {0, 0xff, 0x80}) {
                byte[] bad = good.clone();
                bad[at] = (byte) v;
                try {
                    LineTable.read(withDebugLine(bad));
                } catch (ElfFormatException e) {
                    assertTrue(e.getMessage().startsWith("t.elf: .debug_line: "), e.getMessage());
                }
            }
        }
    }

    private static void expect(byte[] debugLine, String message) throws IOException, ElfFormatException {
        ElfFile elf = withDebugLine(debugLine);
        ElfFormatException e = assertThrows(ElfFormatException.class, () -> LineTable.read(elf));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static ElfFile withDebugLine(byte[] debugLine) throws IOException, ElfFormatException {
        ElfBuilder b = new ElfBuilder();
        b.section(".debug_line", ElfSection.SHT_PROGBITS, 0, 0, debugLine);
        b.section(".debug_line_str", ElfSection.SHT_PROGBITS, 0, 0,
                ElfFile.read(kernel()).data(".debug_line_str").orElseThrow());
        return ElfFile.parse("t.elf", b.build());
    }
}
