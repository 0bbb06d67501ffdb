package org.bootlab.symbols;

import org.bootlab.cpu.Rvc;

/**
 * How objdump 2.40 names each compressed instruction: its {@code c.*} form (with
 * {@code -M no-aliases}) and its default form, which is the 32-bit pseudo-instruction or
 * instruction it abbreviates ({@code c.addi a0,8} prints as {@code add a0,a0,8}). Whether an
 * encoding is an instruction at all is {@link Rvc#expand}'s decision, the hart's; the forms are
 * chosen by quadrant and funct3 and the register fields that make hints and special cases.
 * Templates use objdump's compressed operand letters (C-prefixed, see riscv-dis.c).
 */
final class CompressedForms {

    private CompressedForms() {
    }

    /** {mnemonic, template} of compressed instruction {@code c}, or null if it is not one. */
    static String[] find(int c, boolean aliases) {
        if (c == 0) {
            return form(aliases, "unimp", "", "c.unimp", "");
        }
        if ((c & 0xef83) == 0x6101) { // objdump accepts c.addi16sp sp,0, which the spec reserves
            return form(aliases, "add", "Cc,Cc,CL", "c.addi16sp", "Cc,CL");
        }
        if (Rvc.expand(c) == 0) {
            return null;
        }
        int funct3 = (c >>> 13) & 7;
        int rd = (c >>> 7) & 31;
        int rs2 = (c >>> 2) & 31;
        boolean imm6Zero = (c & 0x107c) == 0;
        switch (c & 3) {
            case 0:
                switch (funct3) {
                    case 0: return form(aliases, "add", "Ct,Cc,CK", "c.addi4spn", "Ct,Cc,CK");
                    case 1: return form(aliases, "fld", "CD,Cl(Cs)", "c.fld", "CD,Cl(Cs)");
                    case 2: return form(aliases, "lw", "Ct,Ck(Cs)", "c.lw", "Ct,Ck(Cs)");
                    case 3: return form(aliases, "ld", "Ct,Cl(Cs)", "c.ld", "Ct,Cl(Cs)");
                    case 5: return form(aliases, "fsd", "CD,Cl(Cs)", "c.fsd", "CD,Cl(Cs)");
                    case 6: return form(aliases, "sw", "Ct,Ck(Cs)", "c.sw", "Ct,Ck(Cs)");
                    default: return form(aliases, "sd", "Ct,Cl(Cs)", "c.sd", "Ct,Cl(Cs)");
                }
            case 1:
                switch (funct3) {
                    case 0:
                        if (rd == 0) {
                            return imm6Zero ? form(aliases, "nop", "", "c.addi", "d,Cj")
                                    : form(aliases, "c.nop", "Cj", "c.addi", "d,Cj");
                        }
                        return form(aliases, "add", "d,CU,Cj", "c.addi", "d,Cj");
                    case 1:
                        return imm6Zero ? form(aliases, "sext.w", "d,CU", "c.addiw", "d,Co")
                                : form(aliases, "addw", "d,CU,Co", "c.addiw", "d,Co");
                    case 2:
                        return rd == 0 ? both("c.li", "d,Co") : form(aliases, "li", "d,Co", "c.li", "d,Co");
                    case 3:
                        return rd == 0 ? both("c.lui", "d,Cu") : form(aliases, "lui", "d,Cu", "c.lui", "d,Cu");
                    case 4:
                        return arithmetic(c, aliases, imm6Zero);
                    case 5: return form(aliases, "j", "Ca", "c.j", "Ca");
                    case 6: return form(aliases, "beqz", "Cs,Cp", "c.beqz", "Cs,Cp");
                    default: return form(aliases, "bnez", "Cs,Cp", "c.bnez", "Cs,Cp");
                }
            default:
                switch (funct3) {
                    case 0:
                        if (imm6Zero) {
                            return both("c.slli64", "d");
                        }
                        return rd == 0 ? both("c.slli", "d,C>") : form(aliases, "sll", "d,CU,C>", "c.slli", "d,C>");
                    case 1: return form(aliases, "fld", "D,Cn(Cc)", "c.fldsp", "D,Cn(Cc)");
                    case 2: return form(aliases, "lw", "d,Cm(Cc)", "c.lwsp", "d,Cm(Cc)");
                    case 3: return form(aliases, "ld", "d,Cn(Cc)", "c.ldsp", "d,Cn(Cc)");
                    case 4:
                        if ((c & 0x1000) == 0) {
                            if (rs2 == 0) {
                                return form(aliases, rd == 1 ? "ret" : "jr", rd == 1 ? "" : "d", "c.jr", "d");
                            }
                            return rd == 0 ? both("c.mv", "d,CV") : form(aliases, "mv", "d,CV", "c.mv", "d,CV");
                        }
                        if (rs2 == 0) {
                            return rd == 0 ? form(aliases, "ebreak", "", "c.ebreak", "")
                                    : form(aliases, "jalr", "d", "c.jalr", "d");
                        }
                        return rd == 0 ? both("c.add", "d,CV") : form(aliases, "add", "d,CU,CV", "c.add", "d,CV");
                    case 5: return form(aliases, "fsd", "CT,CN(Cc)", "c.fsdsp", "CT,CN(Cc)");
                    case 6: return form(aliases, "sw", "CV,CM(Cc)", "c.swsp", "CV,CM(Cc)");
                    default: return form(aliases, "sd", "CV,CN(Cc)", "c.sdsp", "CV,CN(Cc)");
                }
        }
    }

    /** Quadrant 1, funct3 100: shifts, andi and the register-register group. */
    private static String[] arithmetic(int c, boolean aliases, boolean imm6Zero) {
        switch ((c >>> 10) & 3) {
            case 0:
                return imm6Zero ? both("c.srli64", "Cs") : form(aliases, "srl", "Cs,Cw,C>", "c.srli", "Cs,C>");
            case 1:
                return imm6Zero ? both("c.srai64", "Cs") : form(aliases, "sra", "Cs,Cw,C>", "c.srai", "Cs,C>");
            case 2:
                return form(aliases, "and", "Cs,Cw,Co", "c.andi", "Cs,Co");
            default:
                String[] names = (c & 0x1000) == 0
                        ? new String[] {"sub", "xor", "or", "and"} : new String[] {"subw", "addw"};
                String name = names[(c >>> 5) & 3];
                return form(aliases, name, "Cs,Cw,Ct", "c." + name, "Cs,Ct");
        }
    }

    private static String[] form(boolean aliases, String alias, String aliasTemplate, String name, String template) {
        return aliases ? new String[] {alias, aliasTemplate} : new String[] {name, template};
    }

    private static String[] both(String name, String template) {
        return new String[] {name, template};
    }
}
