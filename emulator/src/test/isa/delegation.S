/* Delegation to S-mode: exceptions through medeleg (scause, stval, sepc, sstatus.SPP/SPIE),
 * exceptions in M-mode never delegated, interrupts through mideleg (taken in S-mode when SIE
 * is set, always in U-mode, never in M-mode). The S-mode handler records s6 = scause,
 * s7 = stval, s8 = sepc, s4 = sstatus, then ECALLs to M-mode (s9 = 9). */
#include "test_macros.h"

/* `code` in `mode` traps to S-mode with scause/stval; sepc is its first instruction. */
#define TEST_S_TRAP(testnum, mode, cause, tval, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    li s6, -1; \
    EXPECT_TRAP(test_ ## testnum ## _resume); \
    GOTO_MODE(mode, test_ ## testnum ## _insn); \
test_ ## testnum ## _insn: \
    code; \
    j fail; \
test_ ## testnum ## _resume: \
    CHECK_EQ(s9, CAUSE_ECALL_S); \
    CHECK_EQ(s6, cause); \
    CHECK_EQ(s7, tval); \
    CHECK_ADDR(s8, test_ ## testnum ## _insn)

TEST_BEGIN

    li t1, (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_ECALL_U) | (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_STORE_ACCESS)
    csrw medeleg, t1

    /* an illegal instruction in S-mode: stval = its bits, SPP = S */
    .option push
    .option norvc
    TEST_S_TRAP(2, PRV_S, CAUSE_ILLEGAL, 0xc0de000b, .word 0xc0de000b)
    .option pop
    li t1, MSTATUS_SPP
    and a4, s4, t1
    CHECK_EQ(a4, MSTATUS_SPP)
    /* ...in U-mode: SPP = U */
    TEST_S_TRAP(3, PRV_U, CAUSE_ILLEGAL, 0x30002573, csrr a0, mstatus)
    li t1, MSTATUS_SPP
    and a4, s4, t1
    CHECK_EQ(a4, 0)
    /* ECALL from U and EBREAK from U and S */
    TEST_S_TRAP(4, PRV_U, CAUSE_ECALL_U, 0, ecall)
    TEST_S_TRAP(5, PRV_U, CAUSE_BREAKPOINT, 0, ebreak)
    TEST_S_TRAP(6, PRV_S, CAUSE_BREAKPOINT, 0, c.ebreak)
    /* access faults carry the address in stval */
    li a1, 0x808
    TEST_S_TRAP(7, PRV_U, CAUSE_LOAD_ACCESS, 0x808, ld a0, 0(a1))
    TEST_S_TRAP(8, PRV_S, CAUSE_STORE_ACCESS, 0x810, sw a0, 8(a1))
    /* SPIE takes the old SIE; SIE is cleared on entry */
test_9:
    li TESTNUM, 9
    li t1, MSTATUS_SIE
    csrs mstatus, t1
    TEST_S_TRAP(10, PRV_S, CAUSE_BREAKPOINT, 0, ebreak)
    li t1, MSTATUS_SPIE | MSTATUS_SIE
    and a4, s4, t1
    CHECK_EQ(a4, MSTATUS_SPIE)
    li t1, MSTATUS_SIE
    csrc mstatus, t1

    /* not delegated: ECALL from S goes to M-mode */
    TEST_TRAP(11, PRV_S, CAUSE_ECALL_S, 0, ecall)
    /* delegated causes raised in M-mode stay in M-mode */
    TEST_TRAP_M(12, CAUSE_BREAKPOINT, 0, ebreak)
    TEST_TRAP_M(13, CAUSE_LOAD_ACCESS, 0x808, ld a0, 0(a1))
    csrw medeleg, zero
    TEST_TRAP(14, PRV_U, CAUSE_ECALL_U, 0, ecall)

    /* interrupts: a delegated SSIP is taken in S-mode when SIE = 1 and sie.SSIE = 1 */
    li t1, MIP_SSIP | MIP_STIP
    csrw mideleg, t1
    csrw mie, t1
test_20:
    li TESTNUM, 20
    li t1, MSTATUS_SIE
    csrs mstatus, t1
    li t1, MIP_SSIP
    csrs mip, t1
    li s6, 0
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_S, 2f)
2:  j fail
1:  CHECK_EQ(s9, CAUSE_ECALL_S)
    CHECK_EQ(s6, INTERRUPT_BIT | IRQ_S_SOFT)
    CHECK_ADDR(s8, 2b)
    li t1, MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_SPP
    and a4, s4, t1
    CHECK_EQ(a4, MSTATUS_SPIE | MSTATUS_SPP)
    /* M-mode never takes it (delegated, lower privilege), even with MIE = 1 */
test_21:
    li TESTNUM, 21
    csrsi mstatus, MSTATUS_MIE
    nop
    nop
    csrci mstatus, MSTATUS_MIE
    /* S-mode with SIE = 0 does not take it */
    li t1, MSTATUS_SIE
    csrc mstatus, t1
    TEST_RUN_IN_MODE(22, PRV_S, nop; nop; nop)
    /* U-mode takes it whatever SIE says: SPP = U */
test_23:
    li TESTNUM, 23
    li s6, 0
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_U, 2f)
2:  j fail
1:  CHECK_EQ(s6, INTERRUPT_BIT | IRQ_S_SOFT)
    li t1, MSTATUS_SPP
    and a4, s4, t1
    CHECK_EQ(a4, 0)
    li t1, MIP_SSIP
    csrc mip, t1
    /* a delegated STIP (set by M-mode in mip), in S-mode; stval = 0 */
test_24:
    li TESTNUM, 24
    li t1, MSTATUS_SIE
    csrs mstatus, t1
    li t1, MIP_STIP
    csrs mip, t1
    li s6, 0
    li s7, -1
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_S, 2f)
2:  j fail
1:  CHECK_EQ(s6, INTERRUPT_BIT | IRQ_S_TIMER)
    CHECK_EQ(s7, 0)
    li t1, MIP_STIP
    csrc mip, t1
    /* sie gates it: with sie.STIE = 0 nothing happens */
test_25:
    li TESTNUM, 25
    li t1, MIP_STIP
    csrc mie, t1
    csrs mip, t1
    TEST_RUN_IN_MODE(26, PRV_S, nop; nop; nop)
    li t1, MIP_STIP
    csrc mip, t1
    li t1, MSTATUS_SIE
    csrc mstatus, t1
    /* a non-delegated M-mode interrupt preempts S-mode even with SIE = 0 */
test_27:
    li TESTNUM, 27
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    li t1, MIP_MSIP
    csrw mie, t1
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_S, 2f)
2:  j fail
1:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_SOFT)
    li t1, CLINT_MSIP
    sw zero, 0(t1)
    csrw mie, zero
    csrw mideleg, zero

    TEST_PASS
