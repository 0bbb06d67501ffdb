package org.bootlab.symbols;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.bootlab.cpu.Decoder;
import org.bootlab.cpu.Op;
import org.bootlab.cpu.Rvc;

/**
 * RV64GC disassembly whose text is GNU objdump's (binutils 2.40, as Debian bookworm ships it),
 * either with {@code -M no-aliases} or in objdump's default form with pseudo-instructions.
 *
 * <p>The encodings come from {@link Op} (through {@link Decoder}) and, for compressed
 * instructions, from the C extension's quadrant/funct3 layout that {@link org.bootlab.cpu.Rvc}
 * expands; this class adds only what objdump prints differently: the {@code c.*} forms,
 * pseudo-instructions, aq/rl suffixes, rounding modes, and the few encodings objdump rejects
 * although the hart runs them (a fence with non-zero rd, say). Where objdump knows no
 * instruction it prints {@code .2byte}/{@code .4byte}/{@code .8byte}/{@code .byte}, and so does this.
 *
 * <p>Like objdump it carries state from one instruction to the next: an {@code auipc} or
 * {@code lui} remembers its register's value, and the next access through that register gets
 * the absolute address as a comment (as do accesses relative to gp, tp and zero). Disassemble a
 * section in order, one {@link #next} after the other.
 */
public final class Disassembler {

    private static final String[] X = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
    private static final String[] F = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
        "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};
    private static final String[] ROUNDING = {"rne", "rtz", "rdn", "rup", "rmm", null, null, "dyn"};
    private static final String[] FENCE_SET = {
        null, "w", "r", "rw", "o", "ow", "or", "orw", "i", "iw", "ir", "irw", "io", "iow", "ior", "iorw"};
    private static final int GP = 3, TP = 4;
    private static final long NONE = -1;

    private final boolean aliases;
    private final ObjdumpCsrNames.PrivSpec privSpec;
    private final Long globalPointer;
    private final LongFunction<String> addressFormat;
    /** Per register, the value an auipc/lui put there and no access has used yet, or NONE. */
    private final long[] hiAddr = new long[32];

    // State of the instruction being printed.
    private Long target;
    private Long comment;

    /**
     * @param aliases       true for objdump's default output, false for {@code -M no-aliases}
     * @param privSpec      the file's privileged spec version (it decides some CSR names)
     * @param globalPointer the value of {@code __global_pointer$}, or null when there is none
     * @param addressFormat how branch targets and comment addresses print (objdump: hex without 0x,
     *                      then " <symbol+off>")
     */
    public Disassembler(boolean aliases, ObjdumpCsrNames.PrivSpec privSpec, Long globalPointer,
                        LongFunction<String> addressFormat) {
        this.aliases = aliases;
        this.privSpec = privSpec;
        this.globalPointer = globalPointer;
        this.addressFormat = addressFormat;
        Arrays.fill(hiAddr, NONE);
    }

    /**
     * A disassembler for {@code elf} as objdump sets itself up for it: the privileged spec from
     * its attributes and gp from its {@code __global_pointer$} symbol (.symtab, else .dynsym).
     */
    public static Disassembler of(ElfFile elf, boolean aliases, LongFunction<String> addressFormat)
            throws ElfFormatException {
        Long gp = null;
        List<ElfSymbol> symbols = elf.symbols().isEmpty() ? elf.dynamicSymbols() : elf.symbols();
        for (ElfSymbol s : symbols) {
            if (s.name().equals("__global_pointer$")) {
                gp = s.value();
            }
        }
        return new Disassembler(aliases, RiscvAttributes.privSpec(elf), gp, addressFormat);
    }

    /** The instruction at {@code code[offset]}, which sits at {@code address}; null past the end. */
    public Instruction next(byte[] code, int offset, long address) {
        int available = code.length - offset;
        if (available <= 0) {
            return null;
        }
        if (available == 1) {
            return data(address, Arrays.copyOfRange(code, offset, offset + 1));
        }
        int low = (code[offset] & 0xff) | (code[offset + 1] & 0xff) << 8;
        int length = lengthOf(low);
        if (length > available) { // cut off by the end of the section: show it 2 bytes at a time
            return data(address, Arrays.copyOfRange(code, offset, offset + 2));
        }
        byte[] bytes = Arrays.copyOfRange(code, offset, offset + length);
        target = null;
        comment = null;
        String[] printed = length == 2 ? compressed(low, address) : length == 4 ? full((int) ElfFile.le(bytes, 0, 4), address) : null;
        if (printed == null) {
            return data(address, bytes);
        }
        return finish(address, bytes, printed[0], printed[1]);
    }

    /**
     * objdump's riscv_insn_length: 2, 4, 6, 8, or 10 + 2 * nnn bytes for the 0x7f prefix (bits
     * 14..12 = nnn below 7); the reserved longer encodings are shown 2 bytes at a time.
     */
    private static int lengthOf(int low) {
        if ((low & 3) != 3) {
            return 2;
        }
        if ((low & 0x1f) != 0x1f) {
            return 4;
        }
        if ((low & 0x3f) == 0x1f) {
            return 6;
        }
        if ((low & 0x7f) == 0x3f) {
            return 8;
        }
        int nnn = (low >>> 12) & 7;
        return (low & 0x7f) == 0x7f && nnn != 7 ? 10 + 2 * nnn : 2;
    }

    private Instruction data(long address, byte[] bytes) {
        String operands;
        String mnemonic;
        if (bytes.length == 2 || bytes.length == 4 || bytes.length == 8) {
            mnemonic = "." + bytes.length + "byte";
            operands = "0x" + Long.toHexString(ElfFile.le(bytes, 0, bytes.length));
        } else {
            mnemonic = ".byte";
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format("0x%02x", b & 0xff));
            }
            operands = sb.toString();
        }
        return new Instruction(address, bytes, mnemonic, operands, null, null, mnemonic + "\t" + operands);
    }

    private Instruction finish(long address, byte[] bytes, String mnemonic, String operands) {
        StringBuilder text = new StringBuilder(mnemonic);
        if (!operands.isEmpty()) {
            text.append('\t').append(operands);
        }
        if (comment != null) {
            text.append(" # ").append(addressFormat.apply(comment));
        }
        return new Instruction(address, bytes, mnemonic, operands, target, comment, text.toString());
    }

    // ---- 32-bit instructions ------------------------------------------------------------------

    /** {mnemonic, operands} of a 32-bit word, or null where objdump prints it as data. */
    private String[] full(int w, long pc) {
        Op op = Decoder.decode(w);
        if (op == Op.ILLEGAL || !objdumpAccepts(op, w)) {
            return null;
        }
        if (w == 0xc0001073) { // csrrw zero,cycle,zero is objdump's canonical "unimp", not an alias
            return new String[] {"unimp", ""};
        }
        if (op == Op.FENCE && (w >>> 28) == 8) {
            return new String[] {"fence.tso", ""};
        }
        if (aliases) {
            String[] alias = FullAliases.find(op, w);
            if (alias != null) {
                return new String[] {alias[0], operands(alias[1], w, pc)};
            }
        }
        String template = op.operands;
        if (template.endsWith(",m") && (rm(w) == 7 || op == Op.FCVT_D_S || op == Op.FCVT_D_W || op == Op.FCVT_D_WU)) {
            template = template.substring(0, template.length() - 2); // dynamic rounding is not printed
        }
        return new String[] {op.mnemonic + atomicSuffix(op, w), operands(template, w, pc)};
    }

    /** Encodings the hart decodes leniently but objdump 2.40 does not know. */
    private static boolean objdumpAccepts(Op op, int w) {
        switch (op) {
            case FENCE: // rd, rs1 and fm must be zero (fm = 1000 with rw,rw is fence.tso)
                return (w & 0x000f8f80) == 0 && ((w >>> 28) == 0 || (w & 0xfff00000) == 0x83300000);
            case FENCE_I:
                return (w & 0xffff8f80) == 0; // rd, rs1 and the immediate must be zero
            case FCVT_D_S:
            case FCVT_D_W:
            case FCVT_D_WU:
                return rm(w) == 0;
            default:
                return true;
        }
    }

    private static String atomicSuffix(Op op, int w) {
        if ((op.match & 0x7f) != 0x2f) {
            return "";
        }
        switch ((w >>> 25) & 3) {
            case 1: return ".rl";
            case 2: return ".aq";
            case 3: return ".aqrl";
            default: return "";
        }
    }

    private static int rm(int w) {
        return (w >>> 12) & 7;
    }

    /** Prints a 32-bit operand template; see the letters in {@link Op}'s class comment. */
    private String operands(String template, int w, long pc) {
        StringBuilder sb = new StringBuilder();
        int rd = (w >>> 7) & 31;
        int rs1 = (w >>> 15) & 31;
        int rs2 = (w >>> 20) & 31;
        int iImm = w >> 20;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            switch (c) {
                case ',', '(', ')' -> sb.append(c);
                case 'd' -> {
                    if ((w & 0x7f) == 0x17) {
                        hiAddr[rd] = pc + (w & 0xfffff000);
                    } else if ((w & 0x7f) == 0x37) {
                        hiAddr[rd] = w & 0xfffff000;
                    }
                    sb.append(X[rd]);
                }
                case 's' -> {
                    if ((w & 0x707f) == 0x67) {
                        maybeAddress(rs1, iImm, false);
                    }
                    sb.append(X[rs1]);
                }
                case 't' -> sb.append(X[rs2]);
                case 'o', 'j' -> {
                    if (c == 'o') {
                        maybeAddress(rs1, iImm, false);
                    }
                    if (((w & 0x707f) == 0x13 && rs1 != 0) || (w & 0x707f) == 0x67) {
                        maybeAddress(rs1, iImm, false);
                    }
                    if ((w & 0x707f) == 0x1b && rs1 != 0) {
                        maybeAddress(rs1, iImm, true);
                    }
                    sb.append(iImm);
                }
                case 'q' -> {
                    int sImm = ((w >> 25) << 5) | ((w >>> 7) & 31);
                    maybeAddress(rs1, sImm, false);
                    sb.append(sImm);
                }
                case 'u' -> sb.append("0x").append(Integer.toHexString(w >>> 12));
                case 'a' -> sb.append(branchTarget(pc + jImm(w)));
                case 'p' -> sb.append(branchTarget(pc + bImm(w)));
                case '>' -> sb.append("0x").append(Integer.toHexString((w >>> 20) & 0x3f));
                case '<' -> sb.append("0x").append(Integer.toHexString((w >>> 20) & 0x1f));
                case 'D' -> sb.append(F[rd]);
                case 'S', 'U' -> sb.append(F[rs1]);
                case 'T' -> sb.append(F[rs2]);
                case 'R' -> sb.append(F[(w >>> 27) & 31]);
                case 'E' -> {
                    int csr = (w >>> 20) & 0xfff;
                    String name = ObjdumpCsrNames.name(csr, privSpec);
                    sb.append(name != null ? name : "0x" + Integer.toHexString(csr));
                }
                case 'Z' -> sb.append(rs1);
                case 'm' -> sb.append(orUnknown(ROUNDING[rm(w)]));
                case 'P' -> sb.append(orUnknown(FENCE_SET[(w >>> 24) & 15]));
                case 'Q' -> sb.append(orUnknown(FENCE_SET[(w >>> 20) & 15]));
                case '0' -> {
                    if (i == template.length() - 1) {
                        sb.append('0');
                    }
                }
                default -> throw new IllegalStateException("operand letter '" + c + "' in template " + template);
            }
        }
        return sb.toString();
    }

    private static String orUnknown(String s) {
        return s != null ? s : "unknown";
    }

    private String branchTarget(long address) {
        target = address;
        return addressFormat.apply(address);
    }

    /** objdump's maybe_print_address: the absolute address an access through {@code base} reaches. */
    private void maybeAddress(int base, long offset, boolean wide) {
        long address;
        if (hiAddr[base] != NONE) {
            address = (base != 0 ? hiAddr[base] : 0) + offset;
            hiAddr[base] = NONE;
        } else if (base == GP && globalPointer != null) {
            address = globalPointer + offset;
        } else if (base == TP || base == 0) {
            address = offset;
        } else {
            return;
        }
        comment = wide ? (long) (int) address : address;
    }

    // ---- compressed instructions --------------------------------------------------------------

    /** {mnemonic, operands} of a 16-bit word, or null where objdump prints it as data. */
    private String[] compressed(int c, long pc) {
        String[] form = CompressedForms.find(c, aliases);
        if (form == null) {
            return null;
        }
        return new String[] {form[0], compressedOperands(form[1], c, pc)};
    }

    /**
     * Prints a compressed operand template. Immediates are read from the 32-bit instruction the
     * compressed one expands to, so the C extension's scrambled immediate layouts stay in {@link Rvc}.
     */
    private String compressedOperands(String template, int c, long pc) {
        StringBuilder sb = new StringBuilder();
        int rd = (c >>> 7) & 31;
        int e = Rvc.expand(c);
        int iImm = e >> 20;
        boolean store = (e & 0x7f) == 0x23 || (e & 0x7f) == 0x27;
        int memImm = store ? ((e >> 25) << 5) | ((e >>> 7) & 31) : iImm;
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            if (ch != 'C') {
                switch (ch) {
                    case ',', '(', ')' -> sb.append(ch);
                    case 'd' -> {
                        if ((c & 0xe003) == 0x6001) { // c.lui
                            hiAddr[rd] = e & 0xfffff000;
                        }
                        sb.append(X[rd]);
                    }
                    case 'D' -> sb.append(F[rd]);
                    default -> throw new IllegalStateException("operand letter '" + ch + "' in template " + template);
                }
                continue;
            }
            char k = template.charAt(++i);
            switch (k) {
                case 's', 'w' -> sb.append(X[8 + ((c >>> 7) & 7)]);
                case 't' -> sb.append(X[8 + ((c >>> 2) & 7)]);
                case 'U' -> sb.append(X[rd]);
                case 'c' -> sb.append(X[2]);
                case 'V' -> sb.append(X[(c >>> 2) & 31]);
                case 'T' -> sb.append(F[(c >>> 2) & 31]);
                case 'D' -> sb.append(F[8 + ((c >>> 2) & 7)]);
                case 'o', 'j' -> {
                    if ((c & 0xe003) == 0x0001 && rd != 0) { // c.addi
                        maybeAddress(rd, iImm, false);
                    }
                    if ((c & 0xe003) == 0x2001 && rd != 0) { // c.addiw
                        maybeAddress(rd, iImm, true);
                    }
                    sb.append(iImm);
                }
                case 'K', 'L' -> sb.append(iImm);
                case 'k', 'l', 'm', 'n', 'M', 'N' -> sb.append(memImm);
                case 'p' -> sb.append(branchTarget(pc + bImm(e)));
                case 'a' -> sb.append(branchTarget(pc + jImm(e)));
                case 'u' -> sb.append("0x").append(Integer.toHexString(e >>> 12));
                case '>' -> sb.append("0x").append(Integer.toHexString(iImm & 0x3f));
                default -> throw new IllegalStateException("operand letter 'C" + k + "' in template " + template);
            }
        }
        return sb.toString();
    }

    private static int jImm(int w) {
        return ((w >> 31) << 20) | (w & 0xff000) | ((w >>> 9) & 0x800) | ((w >>> 20) & 0x7fe);
    }

    private static int bImm(int w) {
        return ((w >> 31) << 12) | ((w << 4) & 0x800) | ((w >>> 20) & 0x7e0) | ((w >>> 7) & 0x1e);
    }
}
