/* RV64I: every base instruction, including the W forms, loads/stores of every width, branches,
 * jumps, LUI/AUIPC, FENCE, and ECALL/EBREAK from M-mode. */
#include "test_macros.h"

TEST_BEGIN

    /* ADD / ADDI / ADDW / ADDIW */
    TEST_RR_OP(2, add, 0x00000000, 0x00000000, 0x00000000)
    TEST_RR_OP(3, add, 0x0000000a, 0x00000003, 0x00000007)
    TEST_RR_OP(4, add, 0x7fffffff80000000, 0x7fffffffffffffff, 0xffffffff80000001)
    TEST_RR_OP(5, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_RR_OP(6, add, 0, -1, 1)
    TEST_IMM_OP(7, addi, 0x00000000000007ff, 0, 0x7ff)
    TEST_IMM_OP(8, addi, -0x800, 0, -0x800)
    TEST_IMM_OP(9, addi, 0x7fffffffffffffff, 0x8000000000000000, -1)
    TEST_RR_OP(10, addw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RR_OP(11, addw, 0x0000000000000002, 0x1234567800000001, 0x00000000000000001)
    TEST_RR_OP(12, addw, 0xffffffffffffffff, 0xffffffff, 0)
    TEST_IMM_OP(13, addiw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_IMM_OP(14, addiw, 0x000000007ffff800, 0x7fffffff, -0x7ff)
    TEST_IMM_OP(15, addiw, 0xffffffffffffffff, 0x00000000ffffffff, 0)
    TEST_RR_SRC12_EQ(16, add, 26, 13)
    TEST_RR_DEST_SRC1(17, add, 24, 13, 11)
    TEST_RR_ZERODEST(18, add, 11, 22)

    /* SUB / SUBW */
    TEST_RR_OP(20, sub, 0xfffffffffffffffc, 3, 7)
    TEST_RR_OP(21, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
    TEST_RR_OP(22, subw, 0x000000007fffffff, 0x80000000, 1)
    TEST_RR_OP(23, subw, 0xffffffffffffffff, 0x100000000, 1)

    /* logic */
    TEST_RR_OP(30, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
    TEST_IMM_OP(31, andi, 0xffffffffff00ff00, 0xffffffffff00ff00, -0x100)
    TEST_IMM_OP(36, andi, 0x00000000000000f0, 0xff00ff0f0, 0x0f0)
    TEST_RR_OP(32, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
    TEST_IMM_OP(33, ori, 0xffffffffffffff0f, 0xff00ff00, -0xf1)
    TEST_RR_OP(34, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
    TEST_IMM_OP(35, xori, 0xffffffffff00f0ff, 0x00ff0f00, -1)

    /* shifts: 64-bit use 6 bits of the amount, W forms 5 bits and sign-extend */
    TEST_RR_OP(40, sll, 0x8000000000000000, 1, 63)
    TEST_RR_OP(41, sll, 0x0000000000000002, 1, 65)
    TEST_IMM_OP(42, slli, 0xffffffff80000000, 0xffffffffffffffff, 31)
    TEST_RR_OP(43, sllw, 0xffffffff80000000, 1, 31)
    TEST_RR_OP(44, sllw, 0x0000000000000002, 1, 33)
    TEST_IMM_OP(45, slliw, 0xffffffffedcba980, 0x00000000fedcba98, 4)
    TEST_RR_OP(46, srl, 0x0000000000000001, 0x8000000000000000, 63)
    TEST_IMM_OP(47, srli, 0x00ffffffffffffff, 0xffffffffffffffff, 8)
    TEST_RR_OP(48, srlw, 0x0000000000000001, 0xffffffff80000000, 31)
    TEST_RR_OP(49, srlw, 0xffffffff80000000, 0xffffffff80000000, 32)
    TEST_IMM_OP(50, srliw, 0x000000000fffffff, 0xffffffffffffffff, 4)
    TEST_RR_OP(51, sra, 0xffffffffffffffff, 0x8000000000000000, 63)
    TEST_IMM_OP(52, srai, 0xfff8000000000000, 0x8000000000000000, 12)
    TEST_RR_OP(53, sraw, 0xffffffffffffffff, 0x0000000080000000, 31)
    TEST_RR_OP(54, sraw, 0x0000000000000001, 0xffffffff00000002, 33)
    TEST_IMM_OP(55, sraiw, 0xfffffffff8000000, 0x0000000080000000, 4)
    TEST_IMM_OP(56, sraiw, 0x0000000000000123, 0xffffffff00001230, 4)

    /* compares */
    TEST_RR_OP(60, slt, 1, -1, 0)
    TEST_RR_OP(61, slt, 0, 0, -1)
    TEST_RR_OP(62, sltu, 0, -1, 0)
    TEST_RR_OP(63, sltu, 1, 0, -1)
    TEST_IMM_OP(64, slti, 1, 0x8000000000000000, -0x800)
    TEST_IMM_OP(65, slti, 0, 0, -1)
    TEST_IMM_OP(66, sltiu, 1, 0, -1)
    TEST_IMM_OP(67, sltiu, 0, -1, -1)
    TEST_IMM_OP(68, sltiu, 1, 0xfffffffffffffffe, -1)

    /* LUI / AUIPC */
    TEST_CASE(70, a4, 0xffffffff80000000, lui a4, 0x80000)
    TEST_CASE(71, a4, 0x000000007ffff000, lui a4, 0x7ffff)
    TEST_CASE(72, a4, 0, lui a4, 0)
test_73:
    li TESTNUM, 73
    .option push
    .option norvc
auipc_here:
    auipc a4, 0x1
    .option pop
    la a5, auipc_here
    sub a4, a4, a5
    CHECK_EQ(a4, 0x1000)
test_74:
    li TESTNUM, 74
auipc_neg:
    auipc a4, 0x80000       /* -2 GiB relative: sign-extended */
    la a5, auipc_neg
    sub a4, a4, a5
    CHECK_EQ(a4, 0xffffffff80000000)

    /* JAL / JALR: link values, JALR clears bit 0 of the target */
test_80:
    li TESTNUM, 80
    .option push
    .option norvc
jal_from:
    jal ra, jal_to
    j fail
jal_to:
    .option pop
    la a5, jal_from
    addi a5, a5, 4
    bne ra, a5, fail
test_81:
    li TESTNUM, 81
    la a1, jalr_to + 1      /* odd target: bit 0 is ignored */
    .option push
    .option norvc
jalr_from:
    jalr a2, 0(a1)
    j fail
jalr_to:
    .option pop
    la a5, jalr_from
    addi a5, a5, 4
    bne a2, a5, fail
test_82:
    li TESTNUM, 82
    la a1, jalr_to2 - 0x10
    .option push
    .option norvc
    jalr a1, 0x10(a1)       /* rd == rs1: the target uses the old value */
    j fail
jalr_to2:
    .option pop
    la a5, jalr_to2
    addi a5, a5, -4
    bne a1, a5, fail
test_83:
    li TESTNUM, 83
    .option push
    .option norvc
    jal x0, 1f              /* rd = x0: a plain jump */
    j fail
1:  .option pop
    bnez x0, fail

    /* branches */
    TEST_BR2_TAKEN(90, beq, 5, 5)
    TEST_BR2_NOT_TAKEN(91, beq, 5, 6)
    TEST_BR2_TAKEN(92, bne, 5, 6)
    TEST_BR2_NOT_TAKEN(93, bne, -1, -1)
    TEST_BR2_TAKEN(94, blt, -1, 0)
    TEST_BR2_NOT_TAKEN(95, blt, 0, -1)
    TEST_BR2_NOT_TAKEN(96, blt, 7, 7)
    TEST_BR2_TAKEN(97, bge, 0, -1)
    TEST_BR2_TAKEN(98, bge, 7, 7)
    TEST_BR2_NOT_TAKEN(99, bge, -1, 0)
    TEST_BR2_TAKEN(100, bltu, 0, -1)
    TEST_BR2_NOT_TAKEN(101, bltu, -1, 0)
    TEST_BR2_TAKEN(102, bgeu, -1, 0)
    TEST_BR2_TAKEN(103, bgeu, 3, 3)
    TEST_BR2_NOT_TAKEN(104, bgeu, 0, -1)
test_105:                   /* a backward branch */
    li TESTNUM, 105
    li a1, 3
1:  addi a1, a1, -1
    bnez a1, 1b
    bnez a1, fail

    /* loads: sign and zero extension of every width */
    TEST_LD_OP(110, lb, 0xffffffffffffff80, 0, ld_data)
    TEST_LD_OP(111, lbu, 0x80, 0, ld_data)
    TEST_LD_OP(112, lb, 0x7f, 1, ld_data)
    TEST_LD_OP(113, lh, 0xffffffffffff8001, 2, ld_data)
    TEST_LD_OP(114, lhu, 0x8001, 2, ld_data)
    TEST_LD_OP(115, lw, 0xffffffff80000002, 4, ld_data)
    TEST_LD_OP(116, lwu, 0x80000002, 4, ld_data)
    TEST_LD_OP(117, ld, 0x8000000000000003, 8, ld_data)
    TEST_LD_OP(118, lw, 0x7fff8001, 2 - 2 + 16, ld_data)
    TEST_LD_OP(119, ld, 0x8000000280017f80, 0, ld_data)
    TEST_LD_OP(120, lb, 0x01, -1, ld_data + 3)

    /* stores of every width, then read back wider to see only those bytes changed */
test_125:
    li TESTNUM, 125
    la a1, st_data
    sd zero, 0(a1)
    li a2, 0x1122334455667788
    sb a2, 0(a1)
    sh a2, 2(a1)
    sw a2, 4(a1)
    ld a4, 0(a1)
    CHECK_EQ(a4, 0x5566778877880088)
    TEST_ST_OP(126, ld, sd, 0x0123456789abcdef, 8, st_data)
    TEST_ST_OP(127, lw, sw, 0xffffffff89abcdef, -8, st_data + 16)
    TEST_ST_OP(128, lh, sh, 0xffffffffffffcdef, 6, st_data)
    TEST_ST_OP(129, lb, sb, 0xffffffffffffffef, 7, st_data)

    /* x0 is hard-wired to zero */
    TEST_CASE(130, x0, 0, li x0, 5)
    TEST_CASE(131, a4, 0, addi x0, x0, 7; mv a4, x0)
    TEST_CASE(132, a4, 0, la a1, ld_data; ld x0, 0(a1); mv a4, x0)

    /* FENCE variants execute as no-ops here */
test_135:
    li TESTNUM, 135
    fence
    fence rw, rw
    fence r, w
    fence.tso
    fence iorw, iorw

    /* ECALL and EBREAK from M-mode: cause, epc (mtval is checked in traps.S) */
test_140:
    li TESTNUM, 140
    EXPECT_TRAP(1f)
    .option push
    .option norvc
ecall_here:
    ecall
    .option pop
    j fail
1:  CHECK_EQ(s9, CAUSE_ECALL_M)
    CHECK_ADDR(s11, ecall_here)
test_141:
    li TESTNUM, 141
    EXPECT_TRAP(1f)
    .option push
    .option norvc
ebreak_here:
    ebreak
    .option pop
    j fail
1:  CHECK_EQ(s9, CAUSE_BREAKPOINT)
    CHECK_ADDR(s11, ebreak_here)

    /* NOP and a long dependency chain through many registers */
test_145:
    li TESTNUM, 145
    nop
    li x5, 1
    add x6, x5, x5
    add x7, x6, x5
    add x8, x7, x6
    add x9, x8, x7
    add x10, x9, x8
    add x11, x10, x9
    add x12, x11, x10
    add x13, x12, x11
    add x14, x13, x12
    add x15, x14, x13
    add x16, x15, x14
    add x17, x16, x15
    add x18, x17, x16
    add x19, x18, x17
    add x20, x19, x18
    add x21, x20, x19
    add x22, x21, x20
    add x23, x22, x21
    add x24, x23, x22
    add x25, x24, x23
    add x28, x25, x24
    add x29, x28, x25
    add x30, x29, x28
    add x31, x30, x29
    CHECK_EQ(x31, 121393)

    TEST_PASS

    .data
    .align 4
ld_data:
    .byte 0x80, 0x7f, 0x01, 0x80
    .word 0x80000002
    .dword 0x8000000000000003
    .word 0x7fff8001
    .word 0
    .align 4
st_data:
    .dword 0, 0, 0
