package org.bootlab.symbols;

import org.bootlab.cpu.Op;

/**
 * The pseudo-instructions objdump 2.40 prints by default for 32-bit instructions, in the order
 * of precedence its opcode table gives them (the first matching entry of riscv-opc.c wins): for
 * example {@code addi a0,zero,5} is {@code li a0,5}, {@code addi a0,a1,0} is {@code mv a0,a1},
 * and any other {@code addi} is printed as {@code add a0,a1,5}, as 2.40's table lists the
 * immediate form of {@code add} before {@code addi}.
 */
final class FullAliases {

    private FullAliases() {
    }

    /** {mnemonic, template} of the alias objdump prints for {@code w}, or null for none. */
    static String[] find(Op op, int w) {
        int rd = (w >>> 7) & 31;
        int rs1 = (w >>> 15) & 31;
        int rs2 = (w >>> 20) & 31;
        int imm = w >> 20;
        int csr = (w >>> 20) & 0xfff;
        switch (op) {
            case ADDI:
                if (rd == 0 && rs1 == 0 && imm == 0) {
                    return alias("nop", "");
                }
                return rs1 == 0 ? alias("li", "d,j") : imm == 0 ? alias("mv", "d,s") : alias("add", "d,s,j");
            case ADDIW:
                return imm == 0 ? alias("sext.w", "d,s") : alias("addw", "d,s,j");
            case ANDI:
                return imm == 255 ? alias("zext.b", "d,s") : alias("and", "d,s,j");
            case ORI:
                return alias("or", "d,s,j");
            case XORI:
                return imm == -1 ? alias("not", "d,s") : alias("xor", "d,s,j");
            case SLTIU:
                return imm == 1 ? alias("seqz", "d,s") : null;
            case SLT:
                return rs2 == 0 ? alias("sltz", "d,s") : rs1 == 0 ? alias("sgtz", "d,t") : null;
            case SLTU:
                return rs1 == 0 ? alias("snez", "d,t") : null;
            case SUB:
                return rs1 == 0 ? alias("neg", "d,t") : null;
            case SUBW:
                return rs1 == 0 ? alias("negw", "d,t") : null;
            case SLLI:
                return alias("sll", "d,s,>");
            case SRLI:
                return alias("srl", "d,s,>");
            case SRAI:
                return alias("sra", "d,s,>");
            case SLLIW:
                return alias("sllw", "d,s,<");
            case SRLIW:
                return alias("srlw", "d,s,<");
            case SRAIW:
                return alias("sraw", "d,s,<");
            case BEQ:
                return rs2 == 0 ? alias("beqz", "s,p") : null;
            case BNE:
                return rs2 == 0 ? alias("bnez", "s,p") : null;
            case BGE:
                return rs1 == 0 ? alias("blez", "t,p") : rs2 == 0 ? alias("bgez", "s,p") : null;
            case BLT:
                return rs2 == 0 ? alias("bltz", "s,p") : rs1 == 0 ? alias("bgtz", "t,p") : null;
            case JAL:
                return rd == 0 ? alias("j", "a") : rd == 1 ? alias("jal", "a") : null;
            case JALR:
                if (rd == 0) {
                    if (rs1 == 1 && imm == 0) {
                        return alias("ret", "");
                    }
                    return imm == 0 ? alias("jr", "s") : alias("jr", "o(s)");
                }
                if (rd == 1) {
                    return imm == 0 ? alias("jalr", "s") : alias("jalr", "o(s)");
                }
                return imm == 0 ? alias("jalr", "d,s") : null;
            case CSRRS:
                if (rs1 == 0) {
                    switch (csr) {
                        case 0xc00: return alias("rdcycle", "d");
                        case 0xc01: return alias("rdtime", "d");
                        case 0xc02: return alias("rdinstret", "d");
                        case 0x001: return alias("frflags", "d");
                        case 0x002: return alias("frrm", "d");
                        case 0x003: return alias("frcsr", "d");
                        default: return alias("csrr", "d,E");
                    }
                }
                return rd == 0 ? alias("csrs", "E,s") : null;
            case CSRRW:
                switch (csr) {
                    case 0x001: return rd == 0 ? alias("fsflags", "s") : alias("fsflags", "d,s");
                    case 0x002: return rd == 0 ? alias("fsrm", "s") : alias("fsrm", "d,s");
                    case 0x003: return rd == 0 ? alias("fscsr", "s") : alias("fscsr", "d,s");
                    default: return rd == 0 ? alias("csrw", "E,s") : null;
                }
            case CSRRC:
                return rd == 0 ? alias("csrc", "E,s") : null;
            case CSRRWI:
                switch (csr) {
                    case 0x001: return alias("fsflagsi", "d,Z"); // 2.40 has no one-operand form matching first
                    case 0x002: return alias("fsrmi", "d,Z");
                    default: return rd == 0 ? alias("csrw", "E,Z") : alias("csrrw", "d,E,Z");
                }
            case CSRRSI:
                return rd == 0 ? alias("csrs", "E,Z") : alias("csrrs", "d,E,Z");
            case CSRRCI:
                return rd == 0 ? alias("csrc", "E,Z") : alias("csrrc", "d,E,Z");
            case FSGNJ_S:
                return rs1 == rs2 ? alias("fmv.s", "D,U") : null;
            case FSGNJN_S:
                return rs1 == rs2 ? alias("fneg.s", "D,U") : null;
            case FSGNJX_S:
                return rs1 == rs2 ? alias("fabs.s", "D,U") : null;
            case FSGNJ_D:
                return rs1 == rs2 ? alias("fmv.d", "D,U") : null;
            case FSGNJN_D:
                return rs1 == rs2 ? alias("fneg.d", "D,U") : null;
            case FSGNJX_D:
                return rs1 == rs2 ? alias("fabs.d", "D,U") : null;
            case SFENCE_VMA:
                return rs2 != 0 ? null : rs1 == 0 ? alias("sfence.vma", "") : alias("sfence.vma", "s");
            case FENCE:
                return (w & 0x0ff00000) == 0x0ff00000 ? alias("fence", "") : null;
            default:
                return null;
        }
    }

    private static String[] alias(String mnemonic, String template) {
        return new String[] {mnemonic, template};
    }
}
