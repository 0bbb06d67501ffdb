/* Zicsr: the six CSR instructions (read-modify-write semantics, old value in rd, rs1 = x0 /
 * zimm = 0 not writing), sstatus/sie/sip as views of the M-mode registers, misa and the
 * machine information registers, and which privilege may touch which CSR. */
#include "test_macros.h"

TEST_BEGIN

test_2:
    li TESTNUM, 2
    li a1, 0x0f0f
    csrw mscratch, a1
    li a2, 0x00ff
    csrrw a4, mscratch, a2
    CHECK_EQ(a4, 0x0f0f)
    csrrs a4, mscratch, a1      /* 0x00ff | 0x0f0f */
    CHECK_EQ(a4, 0x00ff)
    csrrc a4, mscratch, a2      /* 0x0fff & ~0x00ff */
    CHECK_EQ(a4, 0x0fff)
    csrr a4, mscratch
    CHECK_EQ(a4, 0x0f00)
test_3:
    li TESTNUM, 3
    csrrwi a4, mscratch, 0x1f
    CHECK_EQ(a4, 0x0f00)
    csrrsi a4, mscratch, 0x0
    CHECK_EQ(a4, 0x1f)
    csrrci a4, mscratch, 0x5
    CHECK_EQ(a4, 0x1f)
    csrrsi a4, mscratch, 0x10
    CHECK_EQ(a4, 0x1a)
    csrr a4, mscratch
    CHECK_EQ(a4, 0x1a)
test_4:
    li TESTNUM, 4
    li a1, -1
    csrw mscratch, a1           /* all 64 bits are kept */
    csrr a4, mscratch
    CHECK_EQ(a4, -1)
    csrrw x0, mscratch, zero    /* rd = x0 still writes */
    csrr a4, mscratch
    CHECK_EQ(a4, 0)
    li a1, 5
    csrrw a1, mscratch, a1      /* rd == rs1: old value out, new value in */
    CHECK_EQ(a1, 0)
    csrr a4, mscratch
    CHECK_EQ(a4, 5)
    csrw sscratch, a4
    csrr a5, sscratch
    CHECK_EQ(a5, 5)

    /* misa: MXL = 2 (64-bit) and at least I, M, A, F, D, C, S, U */
test_10:
    li TESTNUM, 10
    csrr a4, misa
    srli a5, a4, 62
    CHECK_EQ(a5, 2)
    li t1, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)
    and a5, a4, t1
    bne a5, t1, fail
    csrr a4, mhartid
    CHECK_EQ(a4, 0)

    /* sstatus is a view of mstatus: S fields visible and writable, M fields hidden */
test_20:
    li TESTNUM, 20
    li t1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    csrs mstatus, t1
    csrr a4, sstatus
    li t1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
    and a5, a4, t1
    bnez a5, fail               /* M-only fields read as 0 in sstatus */
    li t1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
    and a5, a4, t1
    bne a5, t1, fail
    csrc sstatus, t1
    csrr a4, mstatus
    and a5, a4, t1
    bnez a5, fail
    li t1, MSTATUS_MPP          /* writing sstatus does not touch MPP */
    and a5, a4, t1
    bne a5, t1, fail
    li t1, MSTATUS_SUM | MSTATUS_MXR
    csrs sstatus, t1
    csrr a4, mstatus
    and a5, a4, t1
    bne a5, t1, fail
    csrc mstatus, t1
    /* UXL reads 2 (64-bit U-mode) in mstatus and sstatus */
    csrr a4, sstatus
    srli a4, a4, 32
    andi a4, a4, 3
    CHECK_EQ(a4, 2)

    /* mideleg: only the S-level interrupts can be delegated. (Bits of the hypervisor
     * extension, which QEMU 7.2 has and BootLab has not, are masked off.) */
test_29:
    li TESTNUM, 29
    li t1, -1
    csrw mideleg, t1
    csrr a4, mideleg
    li t1, 0xaaa; and a4, a4, t1
    CHECK_EQ(a4, MIP_SSIP | MIP_STIP | MIP_SEIP)
    li t1, -1
    csrw mie, t1
    csrr a4, mie
    li t1, 0xaaa; and a4, a4, t1
    CHECK_EQ(a4, 0xaaa)
    csrw mie, zero

    /* sie / sip: S-level bits only, for interrupts delegated through mideleg */
test_30:
    li TESTNUM, 30
    li t1, MIP_SSIP | MIP_STIP | MIP_SEIP
    csrw mideleg, t1
    csrr a4, mideleg
    li t1, 0xaaa; and a4, a4, t1
    CHECK_EQ(a4, MIP_SSIP | MIP_STIP | MIP_SEIP)
    li t1, MIP_SSIP | MIP_STIP | MIP_MTIP | MIP_MSIP
    csrw mie, t1
    csrr a4, sie
    CHECK_EQ(a4, MIP_SSIP | MIP_STIP)
    csrw sie, zero
    csrr a4, mie
    CHECK_EQ(a4, MIP_MTIP | MIP_MSIP)
    li t1, MIP_SSIP
    csrs sie, t1
    csrr a4, mie
    CHECK_EQ(a4, MIP_MTIP | MIP_MSIP | MIP_SSIP)
    csrw mie, zero
    csrs sip, t1                /* SSIP is writable through sip */
    csrr a4, mip
    andi a4, a4, MIP_SSIP
    CHECK_EQ(a4, MIP_SSIP)
    csrc mip, t1
    csrr a4, sip
    andi a4, a4, MIP_SSIP
    CHECK_EQ(a4, 0)
    csrw mideleg, zero

    /* medeleg: the exception bits are writable (bit 11, ECALL from M, is read-only 0) */
test_35:
    li TESTNUM, 35
    li t1, (1 << 0) | (1 << 3) | (1 << 8) | (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, t1
    csrr a4, medeleg
    bne a4, t1, fail
    li t1, -1
    csrw medeleg, t1
    csrr a4, medeleg
    li t1, 0xb3ff               /* bits 0-9, 12, 13, 15 (QEMU 7.2 also lets bit 11 and the
                                 * hypervisor bits be set: not checked) */
    and a4, a4, t1
    CHECK_EQ(a4, 0xb3ff)
    csrw medeleg, zero

    /* privilege: M CSRs are illegal below M, S CSRs are illegal in U */
    TEST_ILLEGAL(40, PRV_S, csrr a0, mstatus)
    TEST_ILLEGAL(41, PRV_S, csrw mtvec, a0)
    TEST_ILLEGAL(42, PRV_U, csrr a0, sstatus)
    TEST_ILLEGAL(43, PRV_U, csrw sscratch, a0)
    TEST_ILLEGAL(44, PRV_S, csrr a0, mhartid)
    TEST_ILLEGAL(45, PRV_S, csrrs a0, misa, x0)
test_46:                        /* S-mode uses its own CSRs freely */
    li TESTNUM, 46
    EXPECT_TRAP(1f)
    GOTO_MODE(PRV_S, 2f)
2:  li a1, 0x77
    csrw sscratch, a1
    csrr a2, sscratch
    csrr a3, sstatus
    ecall
1:  CHECK_EQ(s9, CAUSE_ECALL_S)
    CHECK_EQ(a2, 0x77)
    li t1, MSTATUS_SPP
    and a3, a3, t1
    bnez a3, fail               /* S was entered by MRET, not by a trap: SPP is still 0 */

    TEST_PASS
