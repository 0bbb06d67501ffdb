package org.bootlab.cpu;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder against GNU as/objdump: every encoding below was assembled by
 * riscv64-unknown-elf-as and named by objdump -M no-aliases (binutils 2.40).
 */
class DecoderTest {

    private static final Object[][] ASSEMBLED = {
        {0x12345537, "lui"},
        {0x00001297, "auipc"},
        {0x000000ef, "jal"},
        {0x00858567, "jalr"},
        {(int) 0xfeb50ce3L, "beq"},
        {(int) 0xfeb51ae3L, "bne"},
        {(int) 0xfeb548e3L, "blt"},
        {(int) 0xfeb556e3L, "bge"},
        {(int) 0xfeb564e3L, "bltu"},
        {(int) 0xfeb572e3L, "bgeu"},
        {(int) 0xfff58503L, "lb"},
        {0x00259503, "lh"},
        {0x0045a503, "lw"},
        {0x0085b503, "ld"},
        {0x0015c503, "lbu"},
        {0x0025d503, "lhu"},
        {0x0045e503, "lwu"},
        {(int) 0xfea58fa3L, "sb"},
        {0x00a59123, "sh"},
        {0x00a5a223, "sw"},
        {0x00a5b423, "sd"},
        {(int) 0x80058513L, "addi"},
        {0x0055a513, "slti"},
        {0x0055b513, "sltiu"},
        {(int) 0xfff5c513L, "xori"},
        {0x0075e513, "ori"},
        {0x0075f513, "andi"},
        {0x03f59513, "slli"},
        {0x0215d513, "srli"},
        {0x4015d513, "srai"},
        {0x00c58533, "add"},
        {0x40c58533, "sub"},
        {0x00c59533, "sll"},
        {0x00c5a533, "slt"},
        {0x00c5b533, "sltu"},
        {0x00c5c533, "xor"},
        {0x00c5d533, "srl"},
        {0x40c5d533, "sra"},
        {0x00c5e533, "or"},
        {0x00c5f533, "and"},
        {(int) 0xfff5851bL, "addiw"},
        {0x01f5951b, "slliw"},
        {0x0035d51b, "srliw"},
        {0x4035d51b, "sraiw"},
        {0x00c5853b, "addw"},
        {0x40c5853b, "subw"},
        {0x00c5953b, "sllw"},
        {0x00c5d53b, "srlw"},
        {0x40c5d53b, "sraw"},
        {0x0330000f, "fence"},
        {0x0000100f, "fence.i"},
        {0x00000073, "ecall"},
        {0x00100073, "ebreak"},
        {0x10200073, "sret"},
        {0x30200073, "mret"},
        {0x10500073, "wfi"},
        {0x12b50073, "sfence.vma"},
        {0x30059573, "csrrw"},
        {0x1005a573, "csrrs"},
        {0x1805b573, "csrrc"},
        {0x3052d573, "csrrwi"},
        {0x3042e573, "csrrsi"},
        {0x3442f573, "csrrci"},
        {0x02c58533, "mul"},
        {0x02c59533, "mulh"},
        {0x02c5a533, "mulhsu"},
        {0x02c5b533, "mulhu"},
        {0x02c5c533, "div"},
        {0x02c5d533, "divu"},
        {0x02c5e533, "rem"},
        {0x02c5f533, "remu"},
        {0x02c5853b, "mulw"},
        {0x02c5c53b, "divw"},
        {0x02c5d53b, "divuw"},
        {0x02c5e53b, "remw"},
        {0x02c5f53b, "remuw"},
        {0x1005a52f, "lr.w"},
        {0x18c5a52f, "sc.w"},
        {0x08c5a52f, "amoswap.w"},
        {0x00c5a52f, "amoadd.w"},
        {0x20c5a52f, "amoxor.w"},
        {0x60c5a52f, "amoand.w"},
        {0x40c5a52f, "amoor.w"},
        {(int) 0x80c5a52fL, "amomin.w"},
        {(int) 0xa0c5a52fL, "amomax.w"},
        {(int) 0xc0c5a52fL, "amominu.w"},
        {(int) 0xe0c5a52fL, "amomaxu.w"},
        {0x1005b52f, "lr.d"},
        {0x18c5b52f, "sc.d"},
        {0x08c5b52f, "amoswap.d"},
        {0x00c5b52f, "amoadd.d"},
        {0x20c5b52f, "amoxor.d"},
        {0x60c5b52f, "amoand.d"},
        {0x40c5b52f, "amoor.d"},
        {(int) 0x80c5b52fL, "amomin.d"},
        {(int) 0xa0c5b52fL, "amomax.d"},
        {(int) 0xc0c5b52fL, "amominu.d"},
        {(int) 0xe0c5b52fL, "amomaxu.d"},
        {0x0045a507, "flw"},
        {0x00a5a227, "fsw"},
        {0x68c5f543, "fmadd.s"},
        {0x68c5f547, "fmsub.s"},
        {0x68c5f54b, "fnmsub.s"},
        {0x68c5f54f, "fnmadd.s"},
        {0x00c5f553, "fadd.s"},
        {0x08c5f553, "fsub.s"},
        {0x10c5f553, "fmul.s"},
        {0x18c5f553, "fdiv.s"},
        {0x5805f553, "fsqrt.s"},
        {0x20c58553, "fsgnj.s"},
        {0x20c59553, "fsgnjn.s"},
        {0x20c5a553, "fsgnjx.s"},
        {0x28c58553, "fmin.s"},
        {0x28c59553, "fmax.s"},
        {(int) 0xc005f553L, "fcvt.w.s"},
        {(int) 0xc015f553L, "fcvt.wu.s"},
        {(int) 0xc025f553L, "fcvt.l.s"},
        {(int) 0xc035f553L, "fcvt.lu.s"},
        {(int) 0xe0058553L, "fmv.x.w"},
        {(int) 0xe0059553L, "fclass.s"},
        {(int) 0xa0c5a553L, "feq.s"},
        {(int) 0xa0c59553L, "flt.s"},
        {(int) 0xa0c58553L, "fle.s"},
        {(int) 0xd005f553L, "fcvt.s.w"},
        {(int) 0xd015f553L, "fcvt.s.wu"},
        {(int) 0xd025f553L, "fcvt.s.l"},
        {(int) 0xd035f553L, "fcvt.s.lu"},
        {(int) 0xf0058553L, "fmv.w.x"},
        {0x0085b507, "fld"},
        {0x00a5b427, "fsd"},
        {0x6ac5f543, "fmadd.d"},
        {0x6ac5f547, "fmsub.d"},
        {0x6ac5f54b, "fnmsub.d"},
        {0x6ac5f54f, "fnmadd.d"},
        {0x02c5f553, "fadd.d"},
        {0x0ac5f553, "fsub.d"},
        {0x12c5f553, "fmul.d"},
        {0x1ac5f553, "fdiv.d"},
        {0x5a05f553, "fsqrt.d"},
        {0x22c58553, "fsgnj.d"},
        {0x22c59553, "fsgnjn.d"},
        {0x22c5a553, "fsgnjx.d"},
        {0x2ac58553, "fmin.d"},
        {0x2ac59553, "fmax.d"},
        {0x4015f553, "fcvt.s.d"},
        {0x42058553, "fcvt.d.s"},
        {(int) 0xa2c5a553L, "feq.d"},
        {(int) 0xa2c59553L, "flt.d"},
        {(int) 0xa2c58553L, "fle.d"},
        {(int) 0xe2059553L, "fclass.d"},
        {(int) 0xc205f553L, "fcvt.w.d"},
        {(int) 0xc215f553L, "fcvt.wu.d"},
        {(int) 0xc225f553L, "fcvt.l.d"},
        {(int) 0xc235f553L, "fcvt.lu.d"},
        {(int) 0xe2058553L, "fmv.x.d"},
        {(int) 0xd2058553L, "fcvt.d.w"},
        {(int) 0xd2158553L, "fcvt.d.wu"},
        {(int) 0xd225f553L, "fcvt.d.l"},
        {(int) 0xd235f553L, "fcvt.d.lu"},
        {(int) 0xf2058553L, "fmv.d.x"},
        {0x00c59553, "fadd.s"},
        {0x6ac5c543, "fmadd.d"}
    };

    @Test
    void decodesWhatTheAssemblerEncodes() {
        Set<Op> seen = EnumSet.noneOf(Op.class);
        for (Object[] row : ASSEMBLED) {
            int insn = (Integer) row[0];
            Op op = Decoder.decode(insn);
            assertEquals(row[1], op.mnemonic, String.format("0x%08x", insn));
            seen.add(op);
        }
        Set<Op> missing = EnumSet.complementOf(EnumSet.copyOf(seen));
        missing.remove(Op.ILLEGAL);
        assertTrue(missing.isEmpty(), "no assembled sample for " + missing);
    }

    @Test
    void rejectsReservedEncodings() {
        assertEquals(Op.ILLEGAL, Decoder.decode(0));
        assertEquals(Op.ILLEGAL, Decoder.decode(0xffffffff));
        // slli with shamt bit 6 set, fp op with fmt=H, an AMO with an undefined funct5, lr with rs2 != 0
        assertEquals(Op.ILLEGAL, Decoder.decode(0x08059513 | 0x04000000));
        assertEquals(Op.ILLEGAL, Decoder.decode(0x04c58553));
        assertEquals(Op.ILLEGAL, Decoder.decode(0x38c5a52f));
        assertEquals(Op.ILLEGAL, Decoder.decode(0x1005a52f | (3 << 20)));
        // ecall with a nonzero rd field
        assertEquals(Op.ILLEGAL, Decoder.decode(0x00000073 | (1 << 7)));
    }

    @Test
    void everyOpMatchesItsOwnEncodingOnly() {
        for (Op a : Op.values()) {
            if (a == Op.ILLEGAL) {
                continue;
            }
            assertEquals(a, Decoder.decode(a.match), a.mnemonic + " is shadowed by another entry");
        }
    }
}
