/* Misaligned data accesses, exactly as QEMU 7.2 treats them: ordinary loads and stores
 * (integer and FP, every width) at misaligned addresses in RAM simply work, also across a page
 * boundary. LR and every AMO raise a LOAD address-misaligned exception (cause 4, mtval = the
 * address; QEMU 7.2 uses cause 4 for AMOs too, where the spec would say 6). A misaligned SC
 * without a reservation fails (rd = 1) without trapping: the reservation check comes first. */
#include "test_macros.h"

/* The first instruction of `code` traps into M-mode with `cause`, mtval = the symbol `addr`. */
#define TEST_TRAP_ADDR(testnum, cause, addr, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    EXPECT_TRAP(test_ ## testnum ## _resume); \
test_ ## testnum ## _insn: \
    code; \
    j fail; \
test_ ## testnum ## _resume: \
    CHECK_EQ(s9, cause); \
    CHECK_ADDR(s10, addr); \
    CHECK_ADDR(s11, test_ ## testnum ## _insn)

TEST_BEGIN

    la s0, buf                  /* buf holds bytes 0x00, 0x01, 0x02, ... */
test_2:
    li TESTNUM, 2
    lh a4, 1(s0)
    CHECK_EQ(a4, 0x0201)
    lhu a4, 3(s0)
    CHECK_EQ(a4, 0x0403)
    lw a4, 1(s0)
    CHECK_EQ(a4, 0x04030201)
    lwu a4, 6(s0)
    CHECK_EQ(a4, 0x09080706)
    ld a4, 3(s0)
    CHECK_EQ(a4, 0x0a09080706050403)
    ld a4, 7(s0)
    CHECK_EQ(a4, 0x0e0d0c0b0a090807)
test_3:                         /* sign extension of misaligned loads */
    li TESTNUM, 3
    lh a4, 0x7f(s0)
    CHECK_EQ(a4, 0xffffffffffff807f)
    lw a4, 0x7d(s0)
    CHECK_EQ(a4, 0xffffffff807f7e7d)
test_4:
    li TESTNUM, 4
    la s1, st_buf
    li a1, 0x1122334455667788
    sd zero, 0(s1)
    sd zero, 8(s1)
    sd a1, 3(s1)
    ld a4, 0(s1)
    CHECK_EQ(a4, 0x4455667788000000)
    ld a4, 8(s1)
    CHECK_EQ(a4, 0x0000000000112233)
    sw a1, 9(s1)
    ld a4, 8(s1)
    CHECK_EQ(a4, 0x0000005566778833)
    sh a1, 15(s1)
    ld a4, 8(s1)
    CHECK_EQ(a4, 0x8800005566778833)
    lbu a4, 16(s1)
    CHECK_EQ(a4, 0x77)
test_5:                         /* FP loads and stores */
    li TESTNUM, 5
    flw fa0, 1(s0)
    fmv.x.w a4, fa0
    CHECK_EQ(a4, 0x04030201)
    fld fa1, 5(s0)
    fmv.x.d a4, fa1
    CHECK_EQ(a4, 0x0c0b0a0908070605)
    fsd fa1, 21(s1)
    ld a4, 21(s1)
    CHECK_EQ(a4, 0x0c0b0a0908070605)
    fsw fa0, 35(s1)
    lw a4, 35(s1)
    CHECK_EQ(a4, 0x04030201)
test_6:                         /* across a 4 KiB page boundary */
    li TESTNUM, 6
    la s1, page_end
    li a1, 0x0102030405060708
    sd a1, -3(s1)
    ld a4, -3(s1)
    bne a4, a1, fail
    lbu a4, -3(s1)
    CHECK_EQ(a4, 0x08)
    lbu a4, 4(s1)
    CHECK_EQ(a4, 0x01)
    lw a4, -2(s1)
    CHECK_EQ(a4, 0x04050607)
    /* a compressed load too */
    addi a5, s0, 1
    c.lw a4, 0(a5)
    CHECK_EQ(a4, 0x04030201)

    /* LR and AMOs must be naturally aligned */
    addi a1, s0, 2
    addi a2, s0, 4
    TEST_TRAP_ADDR(10, CAUSE_MISALIGNED_LOAD, buf + 2, lr.w a4, (a1))
    TEST_TRAP_ADDR(11, CAUSE_MISALIGNED_LOAD, buf + 4, lr.d a4, (a2))
    TEST_TRAP_ADDR(12, CAUSE_MISALIGNED_LOAD, buf + 2, amoadd.w a4, a3, (a1))
    TEST_TRAP_ADDR(13, CAUSE_MISALIGNED_LOAD, buf + 4, amoswap.d a4, a3, (a2))
    TEST_TRAP_ADDR(14, CAUSE_MISALIGNED_LOAD, buf + 2, amomaxu.d a4, a3, (a1))
test_15:
    li TESTNUM, 15
    li a4, 7
    sc.w a4, a3, (a1)
    CHECK_EQ(a4, 1)
    sc.d a4, a3, (a2)
    CHECK_EQ(a4, 1)
    lw a4, 0(a1)
    CHECK_EQ(a4, 0x05040302)
    TEST_PASS

    .data
    .align 4
buf:
    .irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .byte \i*8+0, \i*8+1, \i*8+2, \i*8+3, \i*8+4, \i*8+5, \i*8+6, \i*8+7
    .endr
    .align 4
st_buf:
    .skip 64
    .balign 4096
    .skip 4088
page_end_minus_8:
    .skip 8
page_end:
    .skip 16
