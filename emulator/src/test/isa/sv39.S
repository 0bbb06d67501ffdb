/* Sv39 translation: 4 KiB pages, 2 MiB megapages and 1 GiB gigapages; page faults with the
 * faulting virtual address in mtval (invalid PTE, missing permission, W without R, misaligned
 * superpage, non-canonical address, U/S checks); A and D set by the hardware during the walk
 * (as QEMU 7.2 does); SUM, MXR, MPRV with MPP = S and U; TVM; SFENCE.VMA; satp WARL. */
#include "test_macros.h"
#include "vm.h"

#define UPAGE_VA   0x40000000   /* l0[0]: U, RW        -> page_u */
#define URO_VA     0x40001000   /* l0[1]: U, R         -> page_ro */
#define INV_VA     0x40002000   /* l0[2]: invalid */
#define AD_VA      0x40003000   /* l0[3]: S, RW, A=D=0 -> page_ad */
#define XO_VA      0x40004000   /* l0[4]: S, X only    -> xpage */
#define NX_VA      0x40005000   /* l0[5]: S, RW        -> page_nx */
#define WO_VA      0x40006000   /* l0[6]: W without R (reserved) */
#define UX_VA      0x40007000   /* l0[7]: U, RX        -> xpage */
#define MEGA_VA    0x40200000   /* l1[1]: S, RW 2 MiB  -> 0x80400000 */
#define BADMEGA_VA 0x40400000   /* l1[2]: 2 MiB leaf with a misaligned PPN */
#define MEGA_PA    0x80400000
#define U_ALIAS    0x40000000   /* root[3] maps VA 0xc0000000.. to PA 0x80000000.. for U */
#define NONCANON   0x0000008000000000

/* enter U-mode at the U-accessible alias of `label` */
#define GOTO_U_ALIAS(label) \
    li t0, MSTATUS_MPP; csrc mstatus, t0; \
    la t0, label; li t1, U_ALIAS; add t0, t0, t1; csrw mepc, t0; mret

/* `code` in S-mode faults with cause at virtual address tval; mepc = its first instruction */
#define TEST_VM_TRAP(testnum, mode, cause, tval, code...) TEST_TRAP(testnum, mode, cause, tval, code)

/* `code` in U-mode (run at the alias) faults with cause/tval */
#define TEST_VM_TRAP_U(testnum, cause, tval, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    EXPECT_TRAP(test_ ## testnum ## _resume); \
    GOTO_U_ALIAS(test_ ## testnum ## _insn); \
test_ ## testnum ## _insn: \
    code; \
    j fail; \
test_ ## testnum ## _resume: \
    CHECK_EQ(s9, cause); \
    CHECK_EQ(s10, tval); \
    la t0, test_ ## testnum ## _insn; li t1, U_ALIAS; add t0, t0, t1; bne s11, t0, fail

TEST_BEGIN

    /* build the tables */
    pte_pa root, 2, 0x80000000, LEAF_RWX | PTE_G
    pte_pa root, 3, 0x80000000, LEAF_RWX | PTE_U
    pte_sym root, 1, l1, PTE_V
    pte_sym l1, 0, l0, PTE_V
    pte_pa l1, 1, MEGA_PA, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    pte_pa l1, 2, MEGA_PA + 0x1000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    pte_sym l0, 0, page_u, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
    pte_sym l0, 1, page_ro, PTE_V | PTE_R | PTE_U | PTE_A
    pte_sym l0, 3, page_ad, PTE_V | PTE_R | PTE_W
    pte_sym l0, 4, xpage, PTE_V | PTE_X | PTE_A
    pte_sym l0, 5, page_nx, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    pte_sym l0, 6, page_nx, PTE_V | PTE_W | PTE_A | PTE_D
    pte_sym l0, 7, xpage, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
    /* contents the checks look for */
    li a1, 0x1111
    sd a1, page_u, t1
    li a1, 0x2222
    sd a1, page_ro, t1
    li a1, 0x3333
    sd a1, page_ad, t1
    li a1, 0x4444
    li t1, MEGA_PA + 0x238
    sd a1, 0(t1)

    /* satp: an unsupported mode is not written; Sv39 is */
test_2:
    li TESTNUM, 2
    li t1, (7 << 60) | 0x1234
    csrw satp, t1
    csrr a4, satp
    CHECK_EQ(a4, 0)
    set_satp SATP_MODE_SV39, root
    csrr a4, satp
    srli a4, a4, 60
    CHECK_EQ(a4, 8)

    /* S-mode through the identity gigapage and the 4 KiB / 2 MiB pages */
    li a1, MEGA_VA
    li a2, UPAGE_VA
    li a3, AD_VA
    TEST_RUN_IN_MODE(3, PRV_S, ld a4, 0x238(a1); ld a5, 0(a3))
    CHECK_EQ(a4, 0x4444)
    CHECK_EQ(a5, 0x3333)
    /* hardware A/D: the load set A only, then a store sets D */
test_4:
    li TESTNUM, 4
    load_pte a4, l0, 3
    andi a4, a4, PTE_A | PTE_D
    CHECK_EQ(a4, PTE_A)
    TEST_RUN_IN_MODE(5, PRV_S, li a5, 0x3434; sd a5, 8(a3))
    load_pte a4, l0, 3
    andi a4, a4, PTE_A | PTE_D
    CHECK_EQ(a4, PTE_A | PTE_D)
    la t1, page_ad; ld a4, 8(t1)
    CHECK_EQ(a4, 0x3434)
    /* a store as the first access sets both at once */
    pte_sym l0, 3, page_ad, PTE_V | PTE_R | PTE_W
    sfence.vma
    TEST_RUN_IN_MODE(6, PRV_S, sd a5, 16(a3))
    load_pte a4, l0, 3
    andi a4, a4, PTE_A | PTE_D
    CHECK_EQ(a4, PTE_A | PTE_D)
    /* a fetch sets A on an executable page */
    pte_sym l0, 4, xpage, PTE_V | PTE_X
    sfence.vma
test_7:
    li TESTNUM, 7
    EXPECT_TRAP(1f)
    li t1, XO_VA
    li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, PRV_S << 11; csrs mstatus, t0
    csrw mepc, t1
    mret
1:  CHECK_EQ(s9, CAUSE_ECALL_S)
    CHECK_EQ(s11, XO_VA + 4)    /* xpage: li a0, 42; ecall */
    CHECK_EQ(a0, 42)
    load_pte a4, l0, 4
    andi a4, a4, PTE_A | PTE_D
    CHECK_EQ(a4, PTE_A)

    /* page faults: mtval = the virtual address */
    li a1, INV_VA
    TEST_VM_TRAP(10, PRV_S, CAUSE_LOAD_PAGE_FAULT, INV_VA + 8, ld a0, 8(a1))
    TEST_VM_TRAP(11, PRV_S, CAUSE_STORE_PAGE_FAULT, INV_VA + 3, sb a0, 3(a1))
    /* (an AMO here: QEMU 7.2 reports a load page fault where the spec says store/AMO; not
     * checked) */
    li a1, URO_VA
    TEST_VM_TRAP(13, PRV_S, CAUSE_LOAD_PAGE_FAULT, URO_VA, ld a0, 0(a1))    /* U page, SUM = 0 */
    li a1, WO_VA
    TEST_VM_TRAP(14, PRV_S, CAUSE_LOAD_PAGE_FAULT, WO_VA, lw a0, 0(a1))
    TEST_VM_TRAP(15, PRV_S, CAUSE_STORE_PAGE_FAULT, WO_VA, sw a0, 0(a1))
    li a1, BADMEGA_VA
    TEST_VM_TRAP(16, PRV_S, CAUSE_LOAD_PAGE_FAULT, BADMEGA_VA + 0x238, ld a0, 0x238(a1))
    li a1, NONCANON
    TEST_VM_TRAP(17, PRV_S, CAUSE_LOAD_PAGE_FAULT, NONCANON, ld a0, 0(a1))
    li a1, XO_VA
    TEST_VM_TRAP(18, PRV_S, CAUSE_LOAD_PAGE_FAULT, XO_VA, lw a0, 0(a1))     /* X only, MXR = 0 */
    /* instruction page faults: mepc = mtval = the target */
.macro fetch_fault testnum, mode, target
test_\testnum:
    li TESTNUM, \testnum
    EXPECT_TRAP(1f)
    li a4, \target
    li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, (\mode) << 11; csrs mstatus, t0
    csrw mepc, a4
    mret
1:  CHECK_EQ(s9, CAUSE_FETCH_PAGE_FAULT)
    bne s10, a4, fail
    bne s11, a4, fail
.endm
    fetch_fault 20, PRV_S, NX_VA
    fetch_fault 21, PRV_S, INV_VA
    fetch_fault 22, PRV_S, UX_VA        /* S-mode never executes U pages, SUM or not */
    fetch_fault 23, PRV_U, XO_VA        /* U-mode never executes S pages */
    fetch_fault 24, PRV_S, NONCANON + 0x40

    /* U-mode: its own pages work, read-only is enforced, S pages are out of reach */
    li a2, UPAGE_VA
    li a3, URO_VA
test_30:
    li TESTNUM, 30
    EXPECT_TRAP(1f)
    GOTO_U_ALIAS(2f)
2:  ld a4, 0(a2)
    ld a5, 0(a3)
    li a1, 0x5151
    sd a1, 8(a2)
    ecall
1:  CHECK_EQ(s9, CAUSE_ECALL_U)
    CHECK_EQ(a4, 0x1111)
    CHECK_EQ(a5, 0x2222)
    la t1, page_u; ld a4, 8(t1)
    CHECK_EQ(a4, 0x5151)
    TEST_VM_TRAP_U(31, CAUSE_STORE_PAGE_FAULT, URO_VA, sd a0, 0(a3))
    li a1, MEGA_VA
    TEST_VM_TRAP_U(32, CAUSE_LOAD_PAGE_FAULT, MEGA_VA, ld a0, 0(a1))
    li a1, AD_VA
    TEST_VM_TRAP_U(33, CAUSE_STORE_PAGE_FAULT, AD_VA, sd a0, 0(a1))
    TEST_VM_TRAP_U(34, CAUSE_ECALL_U, 0, ecall)

    /* SUM: S-mode may load and store U pages only with SUM = 1 */
    li t1, MSTATUS_SUM
    csrs mstatus, t1
    TEST_RUN_IN_MODE(40, PRV_S, ld a4, 0(a3); sd a4, 16(a2))
    CHECK_EQ(a4, 0x2222)
    la t1, page_u; ld a4, 16(t1)
    CHECK_EQ(a4, 0x2222)
    li a1, UX_VA                /* SUM does not allow execution */
    fetch_fault 41, PRV_S, UX_VA
    li t1, MSTATUS_SUM
    csrc mstatus, t1
    TEST_VM_TRAP(42, PRV_S, CAUSE_STORE_PAGE_FAULT, UPAGE_VA, sd a0, 0(a2))

    /* MXR: loads from execute-only pages succeed */
    li t1, MSTATUS_MXR
    csrs mstatus, t1
    li a1, XO_VA
    TEST_RUN_IN_MODE(45, PRV_S, lwu a4, 0(a1))
    lwu a5, xpage
    bne a4, a5, fail
    li t1, MSTATUS_MXR
    csrc mstatus, t1

    /* MPRV: M-mode loads and stores translated as MPP's privilege (fetches are not) */
test_50:
    li TESTNUM, 50
    li t1, MSTATUS_MPP
    csrc mstatus, t1
    li t1, (PRV_S << 11) | MSTATUS_MPRV
    csrs mstatus, t1
    li a1, MEGA_VA
    ld a4, 0x238(a1)
    li a2, UPAGE_VA
    li t1, MSTATUS_MPRV
    csrc mstatus, t1
    CHECK_EQ(a4, 0x4444)
test_51:                        /* MPP = S without SUM: the U page faults, mtval = VA */
    li TESTNUM, 51
    EXPECT_TRAP(1f)             /* armed before MPRV: the handler's own store is not translated */
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    ld a4, 0(a2)
    j fail
1:  CHECK_EQ(s9, CAUSE_LOAD_PAGE_FAULT)
    CHECK_EQ(s10, UPAGE_VA)
    csrr a4, mstatus            /* the handler cleared MPRV */
    li t1, MSTATUS_MPRV
    and a4, a4, t1
    bnez a4, fail
test_52:                        /* MPP = U: U pages work, S pages fault */
    li TESTNUM, 52
    li t1, MSTATUS_MPP
    csrc mstatus, t1
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    li a1, 0x6161
    sd a1, 24(a2)
    ld a4, 24(a2)
    li t1, MSTATUS_MPRV
    csrc mstatus, t1
    CHECK_EQ(a4, 0x6161)
test_53:
    li TESTNUM, 53
    li a1, MEGA_VA
    EXPECT_TRAP(1f)
    li t1, MSTATUS_MPP
    csrc mstatus, t1
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    sd a4, 0(a1)
    j fail
1:  CHECK_EQ(s9, CAUSE_STORE_PAGE_FAULT)
    CHECK_EQ(s10, MEGA_VA)
test_54:                        /* MPP = M: no translation */
    li TESTNUM, 54
    li t1, MSTATUS_MPP | MSTATUS_MPRV
    csrs mstatus, t1
    ld a4, page_ro
    li t1, MSTATUS_MPRV
    csrc mstatus, t1
    CHECK_EQ(a4, 0x2222)
test_55:                        /* MRET to a lower mode clears MPRV */
    li TESTNUM, 55
    li t1, MSTATUS_MPRV
    csrs mstatus, t1
    TEST_RUN_IN_MODE(56, PRV_S, nop)
    csrr a4, mstatus
    li t1, MSTATUS_MPRV
    and a4, a4, t1
    bnez a4, fail

    /* SFENCE.VMA makes a changed PTE visible */
test_60:
    li TESTNUM, 60
    li a2, UPAGE_VA
    li t1, MSTATUS_SUM
    csrs mstatus, t1
    TEST_RUN_IN_MODE(61, PRV_S, ld a4, 0(a2))
    CHECK_EQ(a4, 0x1111)
    pte_sym l0, 0, page_ro, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
    TEST_RUN_IN_MODE(62, PRV_S, sfence.vma; ld a4, 0(a2))
    CHECK_EQ(a4, 0x2222)
    pte_sym l0, 0, page_u, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
    TEST_RUN_IN_MODE(63, PRV_S, sfence.vma a2, zero; ld a4, 0(a2))
    CHECK_EQ(a4, 0x1111)
    li t1, MSTATUS_SUM
    csrc mstatus, t1

    /* TVM: satp and SFENCE.VMA are illegal in S-mode */
    TEST_RUN_IN_MODE(70, PRV_S, csrr a4, satp)
    li t1, MSTATUS_TVM
    csrs mstatus, t1
    TEST_ILLEGAL(71, PRV_S, csrr a4, satp)
    TEST_ILLEGAL(72, PRV_S, sfence.vma)
    TEST_RUN_IN_MODE(73, PRV_M, csrr a4, satp; sfence.vma)
    li t1, MSTATUS_TVM
    csrc mstatus, t1

    /* satp = 0 (Bare): S-mode sees physical addresses again */
test_80:
    li TESTNUM, 80
    csrw satp, zero
    sfence.vma
    TEST_RUN_IN_MODE(81, PRV_S, ld a4, page_ro)
    CHECK_EQ(a4, 0x2222)
    /* SFENCE.VMA is illegal in U-mode */
    TEST_ILLEGAL(82, PRV_U, sfence.vma)

    TEST_PASS

    .option push
    .option norvc
    .balign 4096
xpage:
    li a0, 42
    ecall
    j .
    .balign 4096
    .option pop

    .bss
    .balign 4096
root: .skip 4096
l1: .skip 4096
l0: .skip 4096
page_u: .skip 4096
page_ro: .skip 4096
page_ad: .skip 4096
page_nx: .skip 4096
