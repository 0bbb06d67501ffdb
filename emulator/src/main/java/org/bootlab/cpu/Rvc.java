package org.bootlab.cpu;

/**
 * The C extension as the spec defines it: each 16-bit instruction is an abbreviation of one
 * 32-bit instruction. {@link #expand} returns that instruction, so decoding and executing stay
 * in one place; it returns 0 (an illegal encoding) for reserved compressed encodings.
 */
public final class Rvc {

    private Rvc() {
    }

    /** The 32-bit equivalent of compressed instruction {@code c} (low 16 bits), or 0 if reserved. */
    public static int expand(int c) {
        int funct3 = (c >>> 13) & 7;
        int rdFull = (c >>> 7) & 31;
        int rs2Full = (c >>> 2) & 31;
        int rdP = 8 + ((c >>> 2) & 7);
        int rs1P = 8 + ((c >>> 7) & 7);
        switch (c & 3) {
            case 0:
                switch (funct3) {
                    case 0: { // c.addi4spn
                        int imm = ((c >>> 7) & 0x30) | ((c >>> 1) & 0x3c0) | ((c >>> 4) & 4) | ((c >>> 2) & 8);
                        return imm == 0 ? 0 : iType(0x13, 0, rdP, 2, imm);
                    }
                    case 1: // c.fld
                        return iType(0x07, 3, rdP, rs1P, ldOffset(c));
                    case 2: // c.lw
                        return iType(0x03, 2, rdP, rs1P, lwOffset(c));
                    case 3: // c.ld
                        return iType(0x03, 3, rdP, rs1P, ldOffset(c));
                    case 5: // c.fsd
                        return sType(0x27, 3, rs1P, rdP, ldOffset(c));
                    case 6: // c.sw
                        return sType(0x23, 2, rs1P, rdP, lwOffset(c));
                    case 7: // c.sd
                        return sType(0x23, 3, rs1P, rdP, ldOffset(c));
                    default:
                        return 0;
                }
            case 1:
                switch (funct3) {
                    case 0: // c.addi, c.nop
                        return iType(0x13, 0, rdFull, rdFull, imm6(c));
                    case 1: // c.addiw
                        return rdFull == 0 ? 0 : iType(0x1b, 0, rdFull, rdFull, imm6(c));
                    case 2: // c.li
                        return iType(0x13, 0, rdFull, 0, imm6(c));
                    case 3:
                        if (rdFull == 2) { // c.addi16sp
                            int imm = ((c >>> 3) & 0x200) | ((c >>> 2) & 0x10) | ((c << 1) & 0x40)
                                    | ((c << 4) & 0x180) | ((c << 3) & 0x20);
                            imm = (imm << 22) >> 22;
                            return imm == 0 ? 0 : iType(0x13, 0, 2, 2, imm);
                        } else { // c.lui
                            int imm = imm6(c);
                            return imm == 0 ? 0 : (imm << 12) | (rdFull << 7) | 0x37;
                        }
                    case 4:
                        return arith(c, rs1P, rdP);
                    case 5: { // c.j
                        return jType(0, jOffset(c));
                    }
                    case 6: // c.beqz
                        return bType(0, rs1P, 0, bOffset(c));
                    default: // c.bnez
                        return bType(1, rs1P, 0, bOffset(c));
                }
            case 2:
                switch (funct3) {
                    case 0: // c.slli
                        return iType(0x13, 1, rdFull, rdFull, shamt(c));
                    case 1: // c.fldsp
                        return iType(0x07, 3, rdFull, 2, ldspOffset(c));
                    case 2: { // c.lwsp
                        int imm = ((c >>> 7) & 0x20) | ((c >>> 2) & 0x1c) | ((c << 4) & 0xc0);
                        return rdFull == 0 ? 0 : iType(0x03, 2, rdFull, 2, imm);
                    }
                    case 3: // c.ldsp
                        return rdFull == 0 ? 0 : iType(0x03, 3, rdFull, 2, ldspOffset(c));
                    case 4:
                        if ((c & 0x1000) == 0) {
                            if (rs2Full == 0) { // c.jr
                                return rdFull == 0 ? 0 : iType(0x67, 0, 0, rdFull, 0);
                            }
                            return rType(0x33, 0, 0, rdFull, 0, rs2Full); // c.mv
                        }
                        if (rs2Full == 0) {
                            if (rdFull == 0) {
                                return 0x00100073; // c.ebreak
                            }
                            return iType(0x67, 0, 1, rdFull, 0); // c.jalr
                        }
                        return rType(0x33, 0, 0, rdFull, rdFull, rs2Full); // c.add
                    case 5: // c.fsdsp
                        return sType(0x27, 3, 2, rs2Full, sdspOffset(c));
                    case 6: { // c.swsp
                        int imm = ((c >>> 7) & 0x3c) | ((c >>> 1) & 0xc0);
                        return sType(0x23, 2, 2, rs2Full, imm);
                    }
                    default: // c.sdsp
                        return sType(0x23, 3, 2, rs2Full, sdspOffset(c));
                }
            default:
                return 0;
        }
    }

    /** Quadrant 1, funct3 100: shifts, andi, and the register-register ALU group. */
    private static int arith(int c, int rs1P, int rs2P) {
        switch ((c >>> 10) & 3) {
            case 0: // c.srli
                return iType(0x13, 5, rs1P, rs1P, shamt(c));
            case 1: // c.srai
                return iType(0x13, 5, rs1P, rs1P, shamt(c) | 0x400);
            case 2: // c.andi
                return iType(0x13, 7, rs1P, rs1P, imm6(c));
            default:
                int sel = (c >>> 5) & 3;
                if ((c & 0x1000) == 0) {
                    switch (sel) {
                        case 0: return rType(0x33, 0, 0x20, rs1P, rs1P, rs2P); // c.sub
                        case 1: return rType(0x33, 4, 0, rs1P, rs1P, rs2P);    // c.xor
                        case 2: return rType(0x33, 6, 0, rs1P, rs1P, rs2P);    // c.or
                        default: return rType(0x33, 7, 0, rs1P, rs1P, rs2P);   // c.and
                    }
                }
                switch (sel) {
                    case 0: return rType(0x3b, 0, 0x20, rs1P, rs1P, rs2P); // c.subw
                    case 1: return rType(0x3b, 0, 0, rs1P, rs1P, rs2P);    // c.addw
                    default: return 0;
                }
        }
    }

    private static int imm6(int c) {
        int imm = ((c >>> 7) & 0x20) | ((c >>> 2) & 0x1f);
        return (imm << 26) >> 26;
    }

    private static int shamt(int c) {
        return ((c >>> 7) & 0x20) | ((c >>> 2) & 0x1f);
    }

    private static int lwOffset(int c) {
        return ((c >>> 7) & 0x38) | ((c >>> 4) & 4) | ((c << 1) & 0x40);
    }

    private static int ldOffset(int c) {
        return ((c >>> 7) & 0x38) | ((c << 1) & 0xc0);
    }

    private static int ldspOffset(int c) {
        return ((c >>> 7) & 0x20) | ((c >>> 2) & 0x18) | ((c << 4) & 0x1c0);
    }

    private static int sdspOffset(int c) {
        return ((c >>> 7) & 0x38) | ((c >>> 1) & 0x1c0);
    }

    private static int jOffset(int c) {
        int imm = ((c >>> 1) & 0x800) | ((c >>> 7) & 0x10) | ((c >>> 1) & 0x300) | ((c << 2) & 0x400)
                | ((c >>> 1) & 0x40) | ((c << 1) & 0x80) | ((c >>> 2) & 0xe) | ((c << 3) & 0x20);
        return (imm << 20) >> 20;
    }

    private static int bOffset(int c) {
        int imm = ((c >>> 4) & 0x100) | ((c >>> 7) & 0x18) | ((c << 1) & 0xc0) | ((c >>> 2) & 6)
                | ((c << 3) & 0x20);
        return (imm << 23) >> 23;
    }

    private static int iType(int opcode, int funct3, int rd, int rs1, int imm) {
        return (imm << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    private static int sType(int opcode, int funct3, int rs1, int rs2, int imm) {
        return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((imm & 0x1f) << 7) | opcode;
    }

    private static int rType(int opcode, int funct3, int funct7, int rd, int rs1, int rs2) {
        return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    private static int bType(int funct3, int rs1, int rs2, int imm) {
        return ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 | (rs2 << 20) | (rs1 << 15)
                | (funct3 << 12) | ((imm >> 1) & 0xf) << 8 | ((imm >> 11) & 1) << 7 | 0x63;
    }

    private static int jType(int rd, int imm) {
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3ff) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xff) << 12 | (rd << 7) | 0x6f;
    }
}
