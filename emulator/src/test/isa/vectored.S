/* Vectored trap vectors: with mtvec/stvec MODE = 1, interrupts go to BASE + 4 * cause while
 * exceptions go to BASE. Each table entry jumps to a stub that records its index (s3 for
 * mtvec, s2 for stvec) and continues in the common handler. */
#include "test_macros.h"

TEST_BEGIN

    la t1, m_vectors
    ori t1, t1, 1
    csrw mtvec, t1
test_2:
    li TESTNUM, 2
    csrr a4, mtvec
    bne a4, t1, fail
    /* an exception uses entry 0 */
    li s3, -1
    TEST_TRAP_M(3, CAUSE_ECALL_M, 0, ecall)
    CHECK_EQ(s3, 0)
    /* the machine software interrupt: entry 3 */
test_4:
    li TESTNUM, 4
    li s3, -1
    li t1, CLINT_MSIP
    li t2, 1
    sw t2, 0(t1)
    li t1, MIP_MSIP
    csrw mie, t1
    EXPECT_TRAP(1f)
    csrsi mstatus, MSTATUS_MIE
    j fail
1:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_SOFT)
    CHECK_EQ(s3, 3)
    li t1, CLINT_MSIP
    sw zero, 0(t1)
    /* the machine timer interrupt: entry 7 */
test_5:
    li TESTNUM, 5
    li s3, -1
    li t1, MIP_MTIP
    csrw mie, t1
    li t1, CLINT_MTIMECMP
    sd zero, 0(t1)
    EXPECT_TRAP(1f)
    csrsi mstatus, MSTATUS_MIE
    j fail
1:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_M_TIMER)
    CHECK_EQ(s3, 7)
    li t1, CLINT_MTIMECMP
    li t2, -1
    sd t2, 0(t1)
    /* a supervisor software interrupt that is not delegated: M-mode entry 1 */
test_6:
    li TESTNUM, 6
    li s3, -1
    li t1, MIP_SSIP
    csrw mie, t1
    csrs mip, t1
    EXPECT_TRAP(1f)
    csrsi mstatus, MSTATUS_MIE
    j fail
1:  CHECK_EQ(s9, INTERRUPT_BIT | IRQ_S_SOFT)
    CHECK_EQ(s3, 1)
    li t1, MIP_SSIP
    csrc mip, t1

    /* stvec vectored, with SSIP and STIP delegated */
    la t1, s_vectors
    ori t1, t1, 1
    csrw stvec, t1
    csrr a4, stvec
    bne a4, t1, fail
    li t1, MIP_SSIP | MIP_STIP
    csrw mideleg, t1
    csrw mie, t1
    li t1, MSTATUS_SIE
    csrs mstatus, t1
test_10:
    li TESTNUM, 10
    li s2, -1
    li t1, MIP_STIP
    csrs mip, t1
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_S, 2f)
2:  j fail
1:  CHECK_EQ(s6, INTERRUPT_BIT | IRQ_S_TIMER)
    CHECK_EQ(s2, 5)
    li t1, MIP_STIP
    csrc mip, t1
test_11:
    li TESTNUM, 11
    li s2, -1
    li t1, MIP_SSIP
    csrs mip, t1
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_U, 2f)
2:  j fail
1:  CHECK_EQ(s6, INTERRUPT_BIT | IRQ_S_SOFT)
    CHECK_EQ(s2, 1)
    li t1, MIP_SSIP
    csrc mip, t1
    /* a delegated exception uses stvec's entry 0 */
test_12:
    li TESTNUM, 12
    li t1, 1 << CAUSE_ECALL_U
    csrw medeleg, t1
    li s2, -1
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_U, 2f)
2:  ecall
1:  CHECK_EQ(s6, CAUSE_ECALL_U)
    CHECK_EQ(s2, 0)
    csrw medeleg, zero
    csrw mideleg, zero
    csrw mie, zero

    /* MODE >= 2 is reserved: QEMU 7.2 ignores such a write (mtvec keeps its value) */
test_20:
    li TESTNUM, 20
    csrr a1, mtvec
    la t1, m_vectors
    ori t1, t1, 2
    csrw mtvec, t1
    csrr a4, mtvec
    bne a4, a1, fail
    /* back to direct mode */
    la t1, m_trap_entry
    csrw mtvec, t1
    csrr a4, mtvec
    bne a4, t1, fail
    TEST_TRAP_M(21, CAUSE_ECALL_M, 0, ecall)

    TEST_PASS

    .option push
    .option norvc
    .balign 256
m_vectors:
    .irp i, 0,1,2,3,4,5,6,7,8,9,10,11
    j m_stub_\i
    .endr
    .irp i, 0,1,2,3,4,5,6,7,8,9,10,11
m_stub_\i:
    li s3, \i
    j m_trap_entry
    .endr
    .balign 256
s_vectors:
    .irp i, 0,1,2,3,4,5,6,7,8,9
    j s_stub_\i
    .endr
    .irp i, 0,1,2,3,4,5,6,7,8,9
s_stub_\i:
    li s2, \i
    j s_trap_entry
    .endr
    .option pop
