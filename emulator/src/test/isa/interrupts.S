/* CLINT timer and software interrupts into M-mode: msip and mtimecmp drive mip.MSIP/MTIP,
 * mie and mstatus.MIE gate them, mcause has the interrupt bit, mepc points at the first
 * instruction not executed, priorities (MSI before MTI), interrupts in lower privileges are
 * taken even with MIE = 0, and WFI wakes up on a pending enabled interrupt even while MIE = 0. */
#include "test_macros.h"

#define SET_MTIMECMP_IN(ticks) \
    li t1, CLINT_MTIME; ld t2, 0(t1); addi t2, t2, ticks; li t1, CLINT_MTIMECMP; sd t2, 0(t1)
#define MTIMECMP_MAX \
    li t1, CLINT_MTIMECMP; li t2, -1; sd t2, 0(t1)

TEST_BEGIN

    MTIMECMP_MAX
    /* msip drives mip.MSIP, and writes to mip cannot change it */
test_2:
    li TESTNUM, 2
    csrr a4, mip
    andi a4, a4, MIP_MSIP | MIP_MTIP
    CHECK_EQ(a4, 0)
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    lw a4, 0(t1)
    CHECK_EQ(a4, 1)
    csrr a4, mip
    andi a4, a4, MIP_MSIP
    CHECK_EQ(a4, MIP_MSIP)
    li t2, MIP_MSIP
    csrc mip, t2
    csrr a4, mip
    andi a4, a4, MIP_MSIP
    CHECK_EQ(a4, MIP_MSIP)
    li t1, CLINT_MSIP
    sw zero, 0(t1)
    csrr a4, mip
    andi a4, a4, MIP_MSIP
    CHECK_EQ(a4, 0)

    /* a pending, enabled software interrupt is taken right after MIE is set */
test_3:
    li TESTNUM, 3
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    li t1, MIP_MSIP
    csrw mie, t1
    EXPECT_TRAP(1f)
    csrsi mstatus, MSTATUS_MIE
msi_next:
    j fail
1:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_SOFT)
    CHECK_EQ(s10, 0)
    CHECK_ADDR(s11, msi_next)
    li t1, MSTATUS_MPIE | MSTATUS_MPP
    and a4, s5, t1
    CHECK_EQ(a4, MSTATUS_MPIE | MSTATUS_MPP)
    li t1, CLINT_MSIP
    sw zero, 0(t1)
    csrw mie, zero

    /* the timer: mip.MTIP follows mtime >= mtimecmp */
test_4:
    li TESTNUM, 4
    SET_MTIMECMP_IN(20)
    csrr a4, mip
    andi a4, a4, MIP_MTIP
    CHECK_EQ(a4, 0)
    li a3, 100000               /* wait until it fires, at most ~300000 instructions */
1:  csrr a4, mip
    andi a4, a4, MIP_MTIP
    bnez a4, 2f
    addi a3, a3, -1
    bnez a3, 1b
    j fail
2:  MTIMECMP_MAX
    csrr a4, mip
    andi a4, a4, MIP_MTIP
    CHECK_EQ(a4, 0)
    /* mtimecmp reads back; mtime is readable as two 32-bit halves */
    li t1, CLINT_MTIMECMP
    ld a4, 0(t1)
    CHECK_EQ(a4, -1)
    li t2, 0x12345678
    sw t2, 0(t1)
    ld a4, 0(t1)
    CHECK_EQ(a4, 0xffffffff12345678)
    MTIMECMP_MAX
    li t1, CLINT_MTIME
    lw a4, 4(t1)
    bnez a4, fail               /* mtime is far below 2^32 ticks this early */

    /* a timer interrupt taken while spinning */
test_5:
    li TESTNUM, 5
    li t1, MIP_MTIP
    csrw mie, t1
    EXPECT_TRAP(2f)
    SET_MTIMECMP_IN(30)
    csrsi mstatus, MSTATUS_MIE
    li a3, 100000
1:  addi a3, a3, -1
    bnez a3, 1b
    j fail
2:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_TIMER)
    csrr a4, mip                /* still pending: only a new mtimecmp clears it */
    andi a4, a4, MIP_MTIP
    CHECK_EQ(a4, MIP_MTIP)
    MTIMECMP_MAX
    csrw mie, zero

    /* MIE = 0 masks M-mode interrupts in M-mode */
test_6:
    li TESTNUM, 6
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    li t1, MIP_MSIP
    csrw mie, t1
    csrci mstatus, MSTATUS_MIE
    li a3, 100
1:  addi a3, a3, -1
    bnez a3, 1b
    /* ...but not in S-mode or U-mode, whatever MIE says */
    EXPECT_TRAP(2f)
    GOTO_MODE(PRV_U, 3f)
3:  j 3b
2:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_SOFT)
    li t1, MSTATUS_MPP
    and a4, s5, t1
    CHECK_EQ(a4, PRV_U << 11)
    CHECK_ADDR(s11, 3b)
    li t1, CLINT_MSIP
    sw zero, 0(t1)

    /* priority: software before timer when both are pending */
test_7:
    li TESTNUM, 7
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    SET_MTIMECMP_IN(0)
    li a3, 1000
1:  addi a3, a3, -1
    bnez a3, 1b
    li t1, MIP_MSIP | MIP_MTIP
    csrw mie, t1
    EXPECT_TRAP(2f)
    csrsi mstatus, MSTATUS_MIE
    j fail
2:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_SOFT)
    li t1, CLINT_MSIP
    sw zero, 0(t1)
    EXPECT_TRAP(3f)
    csrsi mstatus, MSTATUS_MIE
    j fail
3:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_TIMER)
    MTIMECMP_MAX
    csrw mie, zero

    /* WFI with MIE = 0: wakes when the enabled timer fires, without trapping */
test_10:
    li TESTNUM, 10
    li t1, MIP_MTIP
    csrw mie, t1
    csrci mstatus, MSTATUS_MIE
    li t1, CLINT_MTIME
    ld a1, 0(t1)
    SET_MTIMECMP_IN(50)
1:  wfi
    csrr a4, mip
    andi a4, a4, MIP_MTIP
    beqz a4, 1b                 /* WFI may also return early: wait again */
    li t1, CLINT_MTIME
    ld a2, 0(t1)
    sub a4, a2, a1
    li t1, 50
    bltu a4, t1, fail           /* did not wake before the deadline */
    MTIMECMP_MAX
    /* WFI with MIE = 1: the interrupt is taken, mepc is the instruction after WFI */
test_11:
    li TESTNUM, 11
    EXPECT_TRAP(2f)
    SET_MTIMECMP_IN(50)
    csrsi mstatus, MSTATUS_MIE
wfi_here:
    wfi
wfi_next:
    j wfi_here
2:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_TIMER)
    CHECK_ADDR(s11, wfi_next)
    MTIMECMP_MAX
    csrw mie, zero

    /* mip.SSIP/STIP are set by software and raise S-level interrupts; without delegation
     * they go to M-mode */
test_12:
    li TESTNUM, 12
    li t1, MIP_SSIP
    csrw mie, t1
    csrs mip, t1
    EXPECT_TRAP(2f)
    csrsi mstatus, MSTATUS_MIE
    j fail
2:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_S_SOFT)
    li t1, MIP_SSIP
    csrc mip, t1
    li t1, MIP_STIP
    csrw mie, t1
    csrs mip, t1
    EXPECT_TRAP(3f)
    csrsi mstatus, MSTATUS_MIE
    j fail
3:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_S_TIMER)
    li t1, MIP_STIP
    csrc mip, t1
    csrw mie, zero

    TEST_PASS
