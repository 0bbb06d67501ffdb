/* RV64A: LR/SC success and failure (no reservation, reservation consumed by an SC, SC to an
 * address outside the reservation), sign extension of LR.W, and every AMO in .W and .D form,
 * with the aq/rl bits in a few encodings. */
#include "test_macros.h"

TEST_BEGIN

    /* An SC with no reservation at all fails, writes 1 to rd and leaves memory alone. */
test_2:
    li TESTNUM, 2
    la a1, lr_word
    li a2, 0x1234
    sc.w a4, a2, (a1)
    CHECK_EQ(a4, 1)
    lw a5, 0(a1)
    CHECK_EQ(a5, 0x80000000 - 0x100000000)

    /* LR.W sign-extends; SC.W after it succeeds (rd = 0) and stores. */
test_3:
    li TESTNUM, 3
    la a1, lr_word
    lr.w a4, (a1)
    CHECK_EQ(a4, 0xffffffff80000000)
    li a2, 0x7654321
    sc.w a5, a2, (a1)
    CHECK_EQ(a5, 0)
    lw a4, 0(a1)
    CHECK_EQ(a4, 0x7654321)

    /* The reservation is consumed: a second SC fails. */
test_4:
    li TESTNUM, 4
    li a2, 0x1111
    sc.w a5, a2, (a1)
    CHECK_EQ(a5, 1)
    lw a4, 0(a1)
    CHECK_EQ(a4, 0x7654321)

    /* LR.D / SC.D with ordering bits. */
test_5:
    li TESTNUM, 5
    la a1, lr_dword
    lr.d.aq a4, (a1)
    CHECK_EQ(a4, 0x8000000000000001)
    li a2, -2
    sc.d.rl a5, a2, (a1)
    CHECK_EQ(a5, 0)
    ld a4, 0(a1)
    CHECK_EQ(a4, -2)
test_6:
    li TESTNUM, 6
    li a2, 5
    sc.d a5, a2, (a1)
    CHECK_EQ(a5, 1)
    ld a4, 0(a1)
    CHECK_EQ(a4, -2)

    /* An SC to an address outside the reserved granule fails and does not store. */
test_7:
    li TESTNUM, 7
    la a1, lr_dword
    lr.d.aqrl a4, (a1)
    li a2, 99
    addi a3, a1, 256
    sc.d.aqrl a5, a2, (a3)
    CHECK_EQ(a5, 1)
    ld a4, 0(a3)
    CHECK_EQ(a4, 0)
    /* The failed SC also dropped the reservation. */
    sc.d a5, a2, (a1)
    CHECK_EQ(a5, 1)

    /* LR/SC loop: an atomic increment, the way software uses it. */
test_8:
    li TESTNUM, 8
    la a1, lr_word
    li a3, 10
1:  lr.w.aqrl a4, (a1)
    addiw a4, a4, 1
    sc.w.aqrl a5, a4, (a1)
    bnez a5, 1b
    addi a3, a3, -1
    bnez a3, 1b
    lw a4, 0(a1)
    CHECK_EQ(a4, 0x7654321 + 10)

    /* AMO .W: rd gets the old value sign-extended, memory the 32-bit result. */
    TEST_AMO(20, amoswap.w, lw, sw, 0x80000000, 0x12345678, 0xffffffff80000000, 0x12345678)
    TEST_AMO(21, amoadd.w, lw, sw, 0x7fffffff, 1, 0x7fffffff, 0xffffffff80000000)
    TEST_AMO(22, amoadd.w, lw, sw, 0xffffffff, 0x100000001, 0xffffffffffffffff, 0)
    TEST_AMO(23, amoxor.w, lw, sw, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xfffffffff0f0f0f0)
    TEST_AMO(24, amoand.w, lw, sw, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00)
    TEST_AMO(25, amoor.w, lw, sw, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xfffffffffff0fff0)
    TEST_AMO(26, amomin.w, lw, sw, 0x80000000, 1, 0xffffffff80000000, 0xffffffff80000000)
    TEST_AMO(27, amomin.w, lw, sw, 5, -3, 5, -3)
    TEST_AMO(28, amomax.w, lw, sw, 0x80000000, 1, 0xffffffff80000000, 1)
    TEST_AMO(29, amomax.w, lw, sw, -5, 0xfffffffd, -5, -3)
    TEST_AMO(30, amominu.w, lw, sw, 0x80000000, 1, 0xffffffff80000000, 1)
    TEST_AMO(31, amominu.w, lw, sw, 2, 0x100000003, 2, 2)
    TEST_AMO(32, amomaxu.w, lw, sw, 0x80000000, 1, 0xffffffff80000000, 0xffffffff80000000)
    TEST_AMO(33, amomaxu.w, lw, sw, 2, 0xffffffff00000001, 2, 2)
    TEST_AMO(34, amoswap.w.aq, lw, sw, 1, 2, 1, 2)
    TEST_AMO(35, amoadd.w.rl, lw, sw, 1, 2, 1, 3)
    TEST_AMO(36, amoor.w.aqrl, lw, sw, 1, 2, 1, 3)
    /* a .W AMO leaves the neighbouring word alone */
test_37:
    li TESTNUM, 37
    la a1, amo_word
    li a2, 0x1111111122222222
    sd a2, 0(a1)
    li a3, -1
    amoadd.w a4, a3, (a1)
    ld a5, 0(a1)
    CHECK_EQ(a5, 0x1111111122222221)
    CHECK_EQ(a4, 0x22222222)

    /* AMO .D */
    TEST_AMO(40, amoswap.d, ld, sd, 0x8000000000000000, 1, 0x8000000000000000, 1)
    TEST_AMO(41, amoadd.d, ld, sd, -1, 2, -1, 1)
    TEST_AMO(42, amoxor.d, ld, sd, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0)
    TEST_AMO(43, amoand.d, ld, sd, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00)
    TEST_AMO(44, amoor.d, ld, sd, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0)
    TEST_AMO(45, amomin.d, ld, sd, -1, 1, -1, -1)
    TEST_AMO(46, amomax.d, ld, sd, -1, 1, -1, 1)
    TEST_AMO(47, amominu.d, ld, sd, -1, 1, -1, 1)
    TEST_AMO(48, amomaxu.d, ld, sd, -1, 1, -1, -1)
    TEST_AMO(49, amomin.d, ld, sd, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000)
    TEST_AMO(50, amomaxu.d.aqrl, ld, sd, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000)
    TEST_AMO(51, amoswap.d.aq, ld, sd, 3, 4, 3, 4)
    /* rd = x0: the memory still changes */
test_52:
    li TESTNUM, 52
    la a1, amo_word
    li a2, 40
    sd a2, 0(a1)
    li a3, 2
    amoadd.d x0, a3, (a1)
    ld a5, 0(a1)
    CHECK_EQ(a5, 42)
    /* rd == rs2: rd receives the old value, memory the sum with the old rs2 */
test_53:
    li TESTNUM, 53
    li a3, 8
    amoadd.d a3, a3, (a1)
    CHECK_EQ(a3, 42)
    ld a5, 0(a1)
    CHECK_EQ(a5, 50)

    TEST_PASS

    .data
    .align 6
lr_word:
    .word 0x80000000
    .word 0
    .align 6
lr_dword:
    .dword 0x8000000000000001
    .skip 512
    .align 3
amo_word:
    .dword 0
