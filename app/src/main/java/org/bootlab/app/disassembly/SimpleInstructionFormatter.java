package org.bootlab.app.disassembly;

import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Decoder;
import org.bootlab.cpu.Op;
import org.bootlab.cpu.Rvc;
import org.bootlab.symbols.SymbolTable;

/**
 * Prints an instruction from the hart's own decode table ({@link Op}'s objdump-style operand
 * templates), without aliases; a compressed instruction prints as the instruction it expands to.
 * A stand-in until org.bootlab.symbols.Disassembler (objdump-exact, with aliases) is merged.
 */
final class SimpleInstructionFormatter {

    private static final String[] X = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };
    private static final String[] F = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
        "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
    };
    private static final String[] ROUNDING = {"rne", "rtz", "rdn", "rup", "rmm", "", "", "dyn"};

    private SimpleInstructionFormatter() {
    }

    /** The text of the instruction {@code raw} (16 or 32 bits, as fetched) at {@code pc}. */
    static String format(int raw, long pc, SymbolTable symbols) {
        boolean compressed = (raw & 3) != 3;
        int insn = compressed ? Rvc.expand(raw & 0xffff) : raw;
        Op op = insn == 0 ? Op.ILLEGAL : Decoder.decode(insn);
        if (op == Op.ILLEGAL) {
            return compressed ? String.format(".2byte 0x%04x", raw & 0xffff) : String.format(".4byte 0x%08x", raw);
        }
        StringBuilder out = new StringBuilder(op.mnemonic);
        String t = op.operands;
        if (!t.isEmpty()) {
            out.append(' ');
        }
        Long target = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case 'd' -> out.append(X[(insn >>> 7) & 31]);
                case 's' -> out.append(X[(insn >>> 15) & 31]);
                case 't' -> out.append(X[(insn >>> 20) & 31]);
                case 'D' -> out.append(F[(insn >>> 7) & 31]);
                case 'S' -> out.append(F[(insn >>> 15) & 31]);
                case 'T' -> out.append(F[(insn >>> 20) & 31]);
                case 'R' -> out.append(F[(insn >>> 27) & 31]);
                case 'j', 'o' -> out.append(insn >> 20);
                case 'q' -> out.append(((insn >> 25) << 5) | ((insn >>> 7) & 31));
                case 'u' -> out.append(String.format("0x%x", insn >>> 12));
                case '>' -> out.append((insn >>> 20) & 63);
                case '<' -> out.append((insn >>> 20) & 31);
                case 'Z' -> out.append((insn >>> 15) & 31);
                case 'E' -> {
                    String name = Csr.name(insn >>> 20);
                    out.append(name != null ? name : String.format("0x%x", insn >>> 20));
                }
                case 'P' -> out.append(fenceSet(insn >>> 24));
                case 'Q' -> out.append(fenceSet(insn >>> 20));
                case 'p' -> {
                    target = pc + branchOffset(insn);
                    out.append(String.format("0x%x", target));
                }
                case 'a' -> {
                    target = pc + jumpOffset(insn);
                    out.append(String.format("0x%x", target));
                }
                case 'm' -> {
                    // objdump leaves out the dynamic rounding mode, and the comma before it.
                    String rm = ROUNDING[(insn >>> 12) & 7];
                    if (rm.equals("dyn") && out.charAt(out.length() - 1) == ',') {
                        out.setLength(out.length() - 1);
                    } else {
                        out.append(rm);
                    }
                }
                case '0' -> { }
                default -> out.append(c);
            }
        }
        if (target != null) {
            long at = target;
            symbols.containing(at).ifPresent(s -> out.append("  <").append(symbols.describe(at)).append('>'));
        }
        return out.toString();
    }

    private static String fenceSet(int bits) {
        StringBuilder s = new StringBuilder();
        String letters = "iorw";
        for (int i = 0; i < 4; i++) {
            if ((bits & (8 >> i)) != 0) {
                s.append(letters.charAt(i));
            }
        }
        return s.length() == 0 ? "0" : s.toString();
    }

    private static long branchOffset(int insn) {
        return ((insn >> 31) << 12) | ((insn & 0x80) << 4) | ((insn >>> 20) & 0x7e0) | ((insn >>> 7) & 0x1e);
    }

    private static long jumpOffset(int insn) {
        return ((insn >> 31) << 20) | (insn & 0xff000) | ((insn >>> 9) & 0x800) | ((insn >>> 20) & 0x7fe);
    }
}
