package org.bootlab.symbols;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bootlab.cpu.Op;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares the disassembler with objdump on generated code: every 16-bit encoding, every CSR and
 * fence operand, and a few hundred words per {@link Op} with operand fields biased toward the
 * values that make pseudo-instructions (zero, ra, sp, equal registers, immediates 0, 1, -1).
 */
class DisassemblerObjdumpOracleTest {

    @TempDir
    Path dir;

    @Test
    void everyCompressedEncodingMatchesObjdump() throws Exception {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        for (int c = 0; c < 0x10000; c++) {
            if ((c & 3) != 3) {
                code.write(c);
                code.write(c >>> 8);
            }
        }
        compare(code.toByteArray());
    }

    @Test
    void generated32BitWordsMatchObjdump() throws Exception {
        Random r = new Random(5);
        List<Integer> words = new ArrayList<>();
        for (Op op : Op.values()) {
            if (op == Op.ILLEGAL) {
                continue;
            }
            for (int i = 0; i < 400; i++) {
                int w = r.nextInt();
                if (i % 2 == 1) {
                    w = biased(r, w);
                }
                words.add(w & ~op.mask | op.match);
            }
        }
        for (int major = 0; major < 32; major++) {
            if ((major & 7) != 7) {
                for (int i = 0; i < 1500; i++) {
                    words.add(biased(r, r.nextInt()) & ~0x7f | major << 2 | 3);
                }
            }
        }
        for (int csr = 0; csr < 4096; csr++) {
            for (int f3 = 1; f3 < 8; f3++) {
                if (f3 != 4) {
                    words.add(csr << 20 | (r.nextInt(4) == 0 ? 0 : r.nextInt(32)) << 15 | f3 << 12
                            | (r.nextBoolean() ? 0 : r.nextInt(32)) << 7 | 0x73);
                }
            }
        }
        for (int fmPredSucc = 0; fmPredSucc < 0x1000; fmPredSucc++) {
            words.add(fmPredSucc << 20 | 0x0f);
        }
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        for (int w : words) {
            for (int i = 0; i < 4; i++) {
                code.write(w >>> (8 * i));
            }
        }
        compare(code.toByteArray());
    }

    private static int biased(Random r, int w) {
        int[] regs = {0, 1, 2, 3, 4, 5, 8, 10, 15, 31};
        for (int shift : new int[] {7, 15, 20}) {
            if (r.nextInt(5) < 3) {
                w = w & ~(31 << shift) | regs[r.nextInt(regs.length)] << shift;
            }
        }
        switch (r.nextInt(10)) {
            case 0, 1 -> w &= 0x000fffff;
            case 2 -> w |= 0xfff00000;
            case 3 -> w = w & 0x000fffff | 1 << 20;
            case 4 -> w = w & 0x000fffff | 0xff << 20;
            default -> { }
        }
        return w;
    }

    private void compare(byte[] code) throws Exception {
        Path objdump = Tools.require("riscv64-unknown-elf-objdump");
        Path bin = dir.resolve("code.bin");
        Files.write(bin, code);
        for (boolean aliases : new boolean[] {true, false}) {
            List<String> args = new ArrayList<>(List.of("-D", "-b", "binary", "-m", "riscv:rv64", "-M",
                    aliases ? "priv-spec=1.11" : "priv-spec=1.11,no-aliases", bin.toString()));
            Map<Long, ObjdumpListing.Line> expected = ObjdumpListing.run(objdump, args, dir);
            Disassembler d = new Disassembler(aliases, ObjdumpCsrNames.PrivSpec.V1_11, null, a -> "0x" + Long.toHexString(a));
            List<String> mismatches = new ArrayList<>();
            int compared = 0;
            for (int at = 0; at < code.length; ) {
                Instruction insn = d.next(code, at, at);
                ObjdumpListing.Line line = expected.get((long) at);
                if (line != null) {
                    compared++;
                    if (!line.text().equals(insn.text()) || !line.hex().equals(insn.hex())) {
                        mismatches.add(insn.hex() + ": objdump '" + line.text() + "', we '" + insn.text() + "'");
                    }
                }
                at += insn.length();
            }
            assertTrue(compared > code.length / 5, "compared only " + compared);
            assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())),
                    mismatches.size() + " of " + compared + " differ (aliases " + aliases + ")");
        }
    }
}
