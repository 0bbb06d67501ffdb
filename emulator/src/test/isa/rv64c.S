/* RV64C: every compressed encoding valid in RV64 (C.FLW/C.FSW/C.JAL are RV32-only), written
 * with explicit c.* mnemonics so the assembler cannot choose a different encoding. The all-zero
 * parcel is the defined illegal instruction. */
#include "test_macros.h"

TEST_BEGIN

    la sp, c_data               /* sp-relative forms address c_data */

    /* quadrant 0 */
test_2:
    li TESTNUM, 2
    c.addi4spn a0, sp, 16
    la a5, c_data + 16
    bne a0, a5, fail
    c.addi4spn s1, sp, 1020
    la a5, c_data + 1020
    bne s1, a5, fail
test_3:
    li TESTNUM, 3
    c.addi4spn a0, sp, 0x10
    c.lw a1, 4(a0)              /* c_data+20 = 0x80000001: sign-extended */
    CHECK_EQ(a1, 0xffffffff80000001)
    c.ld a2, 8(a0)
    CHECK_EQ(a2, 0x0123456789abcdef)
test_4:
    li TESTNUM, 4
    la s0, c_store
    li a3, 0x1122334455667788
    c.sd a3, 0(s0)
    c.sw a3, 8(s0)
    ld a4, 0(s0)
    CHECK_EQ(a4, 0x1122334455667788)
    lwu a4, 8(s0)
    CHECK_EQ(a4, 0x55667788)
    c.ld a5, 248(s0)
    CHECK_EQ(a5, 0x5a5a5a5a5a5a5a5a)
    c.lw a5, 124(s0)
    CHECK_EQ(a5, 0x5a5a5a5a)
test_5:
    li TESTNUM, 5
    la s0, c_data
    c.fld fa0, 24(s0)
    fmv.x.d a4, fa0
    CHECK_EQ(a4, 0x0123456789abcdef)
    la s1, c_store
    c.fsd fa0, 16(s1)
    ld a4, 16(s1)
    CHECK_EQ(a4, 0x0123456789abcdef)

    /* quadrant 1 */
test_10:
    li TESTNUM, 10
    c.nop
    li a0, 100
    c.addi a0, -32
    CHECK_EQ(a0, 68)
    c.addi a0, 31
    CHECK_EQ(a0, 99)
test_11:
    li TESTNUM, 11
    li a0, 0x7fffffff
    c.addiw a0, 1
    CHECK_EQ(a0, 0xffffffff80000000)
    li a0, 0x1ffffffff
    c.addiw a0, 0               /* sext.w */
    CHECK_EQ(a0, -1)
    li ra, 0xffffffff00000005
    c.addiw ra, -6
    CHECK_EQ(ra, -1)
test_12:
    li TESTNUM, 12
    c.li a0, -32
    CHECK_EQ(a0, -32)
    c.li t6, 31
    CHECK_EQ(t6, 31)
test_13:
    li TESTNUM, 13
    mv a5, sp
    c.addi16sp sp, -512
    addi a4, a5, -512
    bne sp, a4, fail
    c.addi16sp sp, 496
    addi a4, a5, -16
    bne sp, a4, fail
    c.addi16sp sp, 16
    bne sp, a5, fail
test_14:
    li TESTNUM, 14
    c.lui a0, 1
    CHECK_EQ(a0, 0x1000)
    c.lui a0, 0xfffe0
    CHECK_EQ(a0, 0xfffffffffffe0000)
    c.lui t2, 31
    li t0, 0x1f000
    bne t2, t0, fail
test_15:
    li TESTNUM, 15
    li a0, 0x8000000000000000
    c.srli a0, 63
    CHECK_EQ(a0, 1)
    li a0, 0x8000000000000000
    c.srai a0, 60
    CHECK_EQ(a0, 0xfffffffffffffff8)
    li a0, 0xffff
    c.andi a0, -16
    CHECK_EQ(a0, 0xfff0)
    li a0, 0xffff
    c.andi a0, 5
    CHECK_EQ(a0, 5)
test_16:
    li TESTNUM, 16
    li a0, 10
    li a1, 3
    c.sub a0, a1
    CHECK_EQ(a0, 7)
    li a0, 0xff00
    li a1, 0x0ff0
    c.xor a0, a1
    CHECK_EQ(a0, 0xf0f0)
    li a0, 0xff00
    c.or a0, a1
    CHECK_EQ(a0, 0xfff0)
    li a0, 0xff00
    c.and a0, a1
    CHECK_EQ(a0, 0x0f00)
test_17:
    li TESTNUM, 17
    li a0, 0x80000000
    li a1, 1
    c.subw a0, a1
    CHECK_EQ(a0, 0x7fffffff)
    li a0, 0x7fffffff
    c.addw a0, a1
    CHECK_EQ(a0, 0xffffffff80000000)
    li s0, 0x100000000
    li s1, 0x100000000
    c.subw s0, s1
    bnez s0, fail
test_18:
    li TESTNUM, 18
    c.j 1f
    j fail
1:  li a0, 0
    c.beqz a0, 2f
    j fail
2:  li a0, 1
    c.beqz a0, fail
    c.bnez a0, 3f
    j fail
3:  li a0, 0
    c.bnez a0, fail
    li a0, 3                    /* backward c.bnez */
4:  addi a0, a0, -1
    c.bnez a0, 4b

    /* quadrant 2 */
test_20:
    li TESTNUM, 20
    li a0, 1
    c.slli a0, 63
    CHECK_EQ(a0, 0x8000000000000000)
    li t3, 3
    c.slli t3, 1
    CHECK_EQ(t3, 6)
test_21:
    li TESTNUM, 21
    c.lwsp t3, 20(sp)
    CHECK_EQ(t3, 0xffffffff80000001)
    c.ldsp t4, 24(sp)
    CHECK_EQ(t4, 0x0123456789abcdef)
    c.fldsp ft0, 24(sp)
    fmv.x.d a4, ft0
    CHECK_EQ(a4, 0x0123456789abcdef)
    c.ldsp t4, 504(sp)
    CHECK_EQ(t4, 0x5a5a5a5a5a5a5a5a)
    c.lwsp t4, 252(sp)
    CHECK_EQ(t4, 0x5a5a5a5a)
test_22:
    li TESTNUM, 22
    mv a5, sp
    la sp, c_store
    li t3, 0x0011223344556677
    c.sdsp t3, 32(sp)
    c.swsp t3, 40(sp)
    fmv.d.x ft1, t3
    c.fsdsp ft1, 48(sp)
    ld a4, 32(sp)
    CHECK_EQ(a4, 0x0011223344556677)
    lwu a4, 40(sp)
    CHECK_EQ(a4, 0x44556677)
    ld a4, 48(sp)
    CHECK_EQ(a4, 0x0011223344556677)
    mv sp, a5
test_23:
    li TESTNUM, 23
    la a1, 1f
    c.jr a1
    j fail
1:  la a1, 2f
jalr_here:
    c.jalr a1
    j fail
2:  la a2, jalr_here + 2
    bne ra, a2, fail
test_24:
    li TESTNUM, 24
    li a1, 77
    c.mv a2, a1
    CHECK_EQ(a2, 77)
    li a3, 23
    c.add a2, a3
    CHECK_EQ(a2, 100)
    c.add a2, a2
    CHECK_EQ(a2, 200)
test_25:
    li TESTNUM, 25
    EXPECT_TRAP(1f)
ebreak_here:
    c.ebreak
    j fail
1:  CHECK_EQ(s9, CAUSE_BREAKPOINT)
    CHECK_ADDR(s11, ebreak_here)

    /* the all-zero 16-bit parcel is illegal; mtval holds its bits (0) */
test_26:
    li TESTNUM, 26
    EXPECT_TRAP(1f)
zero_here:
    .2byte 0
    j fail
1:  CHECK_EQ(s9, CAUSE_ILLEGAL)
    CHECK_EQ(s10, 0)
    CHECK_ADDR(s11, zero_here)

    /* a 32-bit instruction at a 2-byte aligned address runs fine */
test_27:
    li TESTNUM, 27
    c.nop
    .option push
    .option norvc
    addi a0, zero, 5
    addi a0, a0, 6
    .option pop
    c.nop
    CHECK_EQ(a0, 11)

    TEST_PASS

    .data
    .align 4
c_data:
    .dword 0, 0
    .word 0x12345678, 0x80000001
    .dword 0x0123456789abcdef
    .fill 1024 - 32, 1, 0x5a
    .align 4
c_store:
    .fill 256, 1, 0x5a
