/* Zicntr: cycle, time and instret (and their M-mode names) count forward; instret counts
 * retired instructions exactly; time follows the CLINT's mtime; mcounteren and scounteren
 * gate U- and S-mode access. mhpmcounter3..31 and mhpmevent3..31 hold what is written (no
 * events are implemented, so the counters do not count), as on QEMU's virt (whose default CPU
 * has 3..18, so 3..18 are checked). */
#include "test_macros.h"

TEST_BEGIN

    /* instret counts instructions: 100 ADDIs between two reads */
test_2:
    li TESTNUM, 2
    .option push
    .option norvc
    rdinstret a1
    .rept 100
    addi a3, a3, 1
    .endr
    rdinstret a2
    .option pop
    sub a4, a2, a1
    CHECK_EQ(a4, 101)
    csrr a1, minstret
    csrr a2, minstret
    sub a4, a2, a1
    CHECK_EQ(a4, 1)

    /* cycle and mcycle move forward */
test_3:
    li TESTNUM, 3
    rdcycle a1
    li a3, 1000
1:  addi a3, a3, -1
    bnez a3, 1b
    rdcycle a2
    bleu a2, a1, fail
    csrr a1, mcycle
    bltu a1, a2, fail

    /* time = mtime: after ~20000 instructions at 1 ns each, 10 MHz time has advanced */
test_4:
    li TESTNUM, 4
    rdtime a1
    li a3, 10000
1:  addi a3, a3, -1
    bnez a3, 1b
    rdtime a2
    bleu a2, a1, fail
    li t1, CLINT_MTIME
    ld a5, 0(t1)
    bltu a5, a2, fail
    sub a4, a5, a2
    li t1, 10
    bgeu a4, t1, fail           /* mtime read right after time: at most a few ticks apart */

    /* the M-mode counters are writable */
test_5:
    li TESTNUM, 5
    li a1, 1000000
    csrw minstret, a1
    csrr a2, minstret
    sub a4, a2, a1
    li t1, 3
    bgeu a4, t1, fail
    li a1, 1 << 40
    csrw mcycle, a1
    csrr a2, mcycle
    bltu a2, a1, fail
    sub a4, a2, a1
    li t1, 1000
    bgeu a4, t1, fail
    /* the time CSR is read-only */
    TEST_ILLEGAL(6, PRV_M, csrw time, a1)
    TEST_ILLEGAL(7, PRV_M, csrw cycle, a1)

    /* U- and S-mode access is gated by mcounteren (and scounteren for U) */
    csrw mcounteren, zero
    csrw scounteren, zero
    TEST_ILLEGAL(10, PRV_S, rdcycle a0)
    TEST_ILLEGAL(11, PRV_S, rdtime a0)
    TEST_ILLEGAL(12, PRV_S, rdinstret a0)
    TEST_ILLEGAL(13, PRV_U, rdcycle a0)
    li t1, 7
    csrw mcounteren, t1
    csrr a4, mcounteren
    CHECK_EQ(a4, 7)
    TEST_ILLEGAL(14, PRV_U, rdtime a0)
    TEST_ILLEGAL(15, PRV_U, rdinstret a0)
    TEST_RUN_IN_MODE(16, PRV_S, rdcycle a0; rdtime a1; rdinstret a2)
    li t1, 5                    /* cycle and instret, but not time */
    csrw scounteren, t1
    csrr a4, scounteren
    CHECK_EQ(a4, 5)
    TEST_RUN_IN_MODE(17, PRV_U, rdcycle a0; rdinstret a2)
    TEST_ILLEGAL(18, PRV_U, rdtime a0)
    li t1, 2                    /* mcounteren clears win over scounteren */
    csrw mcounteren, t1
    TEST_ILLEGAL(19, PRV_U, rdcycle a0)
    TEST_ILLEGAL(20, PRV_S, rdinstret a0)
    TEST_ILLEGAL(21, PRV_U, rdtime a0)

    /* mhpmcounter3..18 and mhpmevent3..18 hold what is written and do not count */
test_22:
    li TESTNUM, 22
    li t1, 0x123456789
    csrw mhpmcounter3, t1
    csrw mhpmevent3, t1
    nop
    nop
    csrr a4, mhpmcounter3
    CHECK_EQ(a4, 0x123456789)
    csrr a4, mhpmevent3
    CHECK_EQ(a4, 0x123456789)
    li t1, -1
    csrw mhpmcounter18, t1
    csrr a4, mhpmcounter18
    CHECK_EQ(a4, -1)
    csrr a4, mhpmcounter4
    CHECK_EQ(a4, 0)
    /* hpmcounter3 is mhpmcounter3, gated by mcounteren bit 3 */
    li t1, 8
    csrw mcounteren, t1
    TEST_RUN_IN_MODE(23, PRV_S, csrr a0, hpmcounter3)
    CHECK_EQ(a0, 0x123456789)
    TEST_ILLEGAL(24, PRV_S, csrr a0, hpmcounter4)

    TEST_PASS
