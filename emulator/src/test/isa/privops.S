/* Privilege transitions: MRET and SRET (the mode they return to and how they restore the
 * interrupt-enable stack), ECALL from U-mode, MRET/SRET illegal where they must be, and the
 * mstatus trap bits TSR (SRET in S traps), TW (WFI in S traps) and WFI in U-mode. */
#include "test_macros.h"

TEST_BEGIN

    /* MRET: MIE <- MPIE, MPIE <- 1, MPP <- U, and privilege <- old MPP */
test_2:
    li TESTNUM, 2
    li t1, MSTATUS_MPIE | MSTATUS_MIE
    csrc mstatus, t1
    li t1, MSTATUS_MPP
    csrs mstatus, t1            /* MPP = M: MRET stays in M-mode */
    la t1, 1f
    csrw mepc, t1
    mret
    j fail
1:  csrr a4, mstatus
    li t1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
    and a4, a4, t1
    CHECK_EQ(a4, MSTATUS_MPIE)
test_3:                         /* MPIE = 1 -> MIE = 1 (mie = 0 keeps interrupts away) */
    li TESTNUM, 3
    li t1, MSTATUS_MPIE | MSTATUS_MPP
    csrs mstatus, t1
    la t1, 1f
    csrw mepc, t1
    mret
1:  csrr a4, mstatus
    li t1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
    and a4, a4, t1
    CHECK_EQ(a4, MSTATUS_MPIE | MSTATUS_MIE)
    csrci mstatus, MSTATUS_MIE

    /* ECALL from U-mode: cause 8, mepc = the ECALL, MPP = U */
    TEST_TRAP(4, PRV_U, CAUSE_ECALL_U, 0, ecall)
    li t1, MSTATUS_MPP
    and a4, s5, t1
    CHECK_EQ(a4, 0)

    /* SRET from S-mode to U-mode: SIE <- SPIE, SPIE <- 1, SPP <- U */
test_5:
    li TESTNUM, 5
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_S, 2f)
2:  li t1, MSTATUS_SPP | MSTATUS_SIE
    csrc sstatus, t1            /* SPP = U */
    li t1, MSTATUS_SPIE
    csrs sstatus, t1
    la t1, 3f
    csrw sepc, t1
    sret
    j fail
3:  ecall                       /* from U: proves SRET went to U-mode */
    j fail
1:  CHECK_EQ(s9, CAUSE_ECALL_U)
    li t1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
    and a4, s5, t1
    CHECK_EQ(a4, MSTATUS_SPIE | MSTATUS_SIE)
    csrci mstatus, MSTATUS_SIE
    /* SRET from S-mode to S-mode (SPP = S) */
test_6:
    li TESTNUM, 6
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_S, 2f)
2:  li t1, MSTATUS_SPP
    csrs sstatus, t1
    li t1, MSTATUS_SPIE
    csrc sstatus, t1
    la t1, 3f
    csrw sepc, t1
    sret
3:  csrr a3, sstatus
    ecall
1:  CHECK_EQ(s9, CAUSE_ECALL_S)
    li t1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
    and a4, a3, t1
    CHECK_EQ(a4, MSTATUS_SPIE)
    /* SRET in M-mode is allowed: returns to SPP */
test_7:
    li TESTNUM, 7
    li t1, MSTATUS_SPP
    csrs mstatus, t1
    la t1, 1f
    csrw sepc, t1
    EXPECT_TRAP(2f)
    sret
    j fail
1:  ecall
    j fail
2:  CHECK_EQ(s9, CAUSE_ECALL_S)
    /* MRET into S-mode */
    TEST_RUN_IN_MODE(8, PRV_S, nop)

    /* illegal returns */
    TEST_ILLEGAL(10, PRV_S, mret)
    TEST_ILLEGAL(11, PRV_U, mret)
    TEST_ILLEGAL(12, PRV_U, sret)

    /* TSR: SRET in S-mode traps; in M-mode it still works */
    li t1, MSTATUS_TSR
    csrs mstatus, t1
    TEST_ILLEGAL(20, PRV_S, sret)
test_21:
    li TESTNUM, 21
    li t1, MSTATUS_SPP
    csrs mstatus, t1
    la t1, 1f
    csrw sepc, t1
    EXPECT_TRAP(2f)
    sret
    j fail
1:  ecall
    j fail
2:  CHECK_EQ(s9, CAUSE_ECALL_S)
    li t1, MSTATUS_TSR
    csrc mstatus, t1

    /* WFI: illegal in U-mode; in S-mode only while TW = 1 */
    li t1, MIP_SSIP             /* a pending, enabled, delegated interrupt wakes WFI up... */
    csrw mideleg, t1
    csrw mie, t1
    csrs mip, t1                /* ...and SIE = 0 keeps it from being taken in S-mode */
    csrci mstatus, MSTATUS_SIE
    TEST_RUN_IN_MODE(30, PRV_S, wfi)
    li t1, MSTATUS_TW
    csrs mstatus, t1
    TEST_ILLEGAL(32, PRV_S, wfi)
    TEST_RUN_IN_MODE(34, PRV_M, wfi)
    li t1, MIP_SSIP             /* (in U-mode the delegated SSIP would be taken at once) */
    csrc mip, t1
    csrw mie, zero
    csrw mideleg, zero
    TEST_ILLEGAL(33, PRV_U, wfi)
    li t1, MSTATUS_TW
    csrc mstatus, t1
    TEST_ILLEGAL(31, PRV_U, wfi)

    TEST_PASS
