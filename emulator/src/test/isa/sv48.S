/* Sv48 translation: the four-level walk, 4 KiB pages and 512 GiB / 1 GiB superpages, faults at
 * each level with mtval = the virtual address, misaligned superpages, the 48-bit canonical
 * rule, and A/D updates at the deepest level. */
#include "test_macros.h"
#include "vm.h"

#define PAGE_VA    0x0000004000000000   /* root[0] -> l2[256] -> l1[0] -> l0[0]: 4 KiB page */
#define ADPAGE_VA  0x0000004000001000   /*                                 l0[1]: A=D=0 */
#define TERA_VA    0x0000010000000000   /* root[2]: 512 GiB leaf at PA 0 */
#define BADTERA_VA 0x0000018000000000   /* root[3]: 512 GiB leaf, misaligned PPN */
#define HOLE_VA    0x0000020000000000   /* root[4]: invalid */
#define HIGH_VA    0xffff800000000000   /* root[256]: canonical, the upper half */
#define NONCANON   0x0000800000000000   /* bit 47 set, bits 63:48 clear */

TEST_BEGIN

    pte_sym root, 0, l2, PTE_V
    pte_pa l2, 2, 0x80000000, LEAF_RWX      /* identity gigapage for the code */
    pte_sym l2, 256, l1, PTE_V
    pte_sym l1, 0, l0, PTE_V
    pte_sym l0, 0, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    pte_sym l0, 1, page_b, PTE_V | PTE_R | PTE_W
    pte_pa root, 2, 0, LEAF_RWX
    pte_pa root, 3, 0x1000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
    pte_sym root, 256, l2, PTE_V            /* the upper half shares the lower's tables */
    li a1, 0xaaaa
    la t1, page_a
    sd a1, 0(t1)
    li a1, 0xbbbb
    la t1, page_b
    sd a1, 0(t1)

test_2:
    li TESTNUM, 2
    set_satp SATP_MODE_SV48, root
    csrr a4, satp
    srli a4, a4, 60
    CHECK_EQ(a4, 9)

    li a1, PAGE_VA
    li a2, TERA_VA + 0x80000000     /* the terapage maps PA 0.. : this is DRAM */
    TEST_RUN_IN_MODE(3, PRV_S, ld a4, 0(a1); ld a5, (a2))
    CHECK_EQ(a4, 0xaaaa)
    bnez a5, 1f                     /* PA 0x80000000 holds the first instruction */
    j fail
1:  li a3, 0x80000000
    lwu a3, 0(a3)
    li t1, 0xffffffff
    and a5, a5, t1
    bne a5, a3, fail
    /* through the terapage to a data word */
    la a3, page_a
    li t1, TERA_VA
    add a3, a3, t1
    TEST_RUN_IN_MODE(4, PRV_S, ld a4, 0(a3))
    CHECK_EQ(a4, 0xaaaa)
    /* the upper half: root[256] */
    li a1, HIGH_VA + (256 << 30)    /* root[256] -> l2[256] -> l1[0] -> l0[0] */
    TEST_RUN_IN_MODE(5, PRV_S, ld a4, 0(a1))
    CHECK_EQ(a4, 0xaaaa)

    /* A/D at the leaf of a four-level walk */
    li a1, ADPAGE_VA
    TEST_RUN_IN_MODE(6, PRV_S, ld a4, 0(a1))
    CHECK_EQ(a4, 0xbbbb)
    load_pte a4, l0, 1
    andi a4, a4, PTE_A | PTE_D
    CHECK_EQ(a4, PTE_A)
    TEST_RUN_IN_MODE(7, PRV_S, sd a4, 8(a1))
    load_pte a4, l0, 1
    andi a4, a4, PTE_A | PTE_D
    CHECK_EQ(a4, PTE_A | PTE_D)

    /* faults: mtval = the virtual address */
    li a1, BADTERA_VA
    TEST_TRAP(10, PRV_S, CAUSE_LOAD_PAGE_FAULT, BADTERA_VA + 0x10, ld a0, 0x10(a1))
    li a1, HOLE_VA
    TEST_TRAP(11, PRV_S, CAUSE_STORE_PAGE_FAULT, HOLE_VA, sd a0, 0(a1))
    li a1, NONCANON
    TEST_TRAP(12, PRV_S, CAUSE_LOAD_PAGE_FAULT, NONCANON, ld a0, 0(a1))
    li a1, PAGE_VA + 0x2000         /* l0[2] is empty: a fault at the last level */
    TEST_TRAP(13, PRV_S, CAUSE_LOAD_PAGE_FAULT, PAGE_VA + 0x2000, lw a0, 0(a1))
    li a1, PAGE_VA + 0x200000       /* l1[1] is empty: a fault at level 1 */
    TEST_TRAP(14, PRV_S, CAUSE_LOAD_PAGE_FAULT, PAGE_VA + 0x200000, lw a0, 0(a1))
    /* an address that is canonical in Sv39 terms but needs the Sv48 tables: 0x4000000000
     * would be non-canonical in Sv39 and is fine here (test 3); the reverse: */
    li a1, 0xffffffc000000000       /* Sv39-canonical, Sv48 root[511]: invalid */
    TEST_TRAP(15, PRV_S, CAUSE_LOAD_PAGE_FAULT, 0xffffffc000000000, ld a0, 0(a1))
test_16:                            /* fetch from the terapage alias of our code */
    li TESTNUM, 16
    la a4, 1f
    li t1, TERA_VA
    add a4, a4, t1
    EXPECT_TRAP(2f)
    li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, PRV_S << 11; csrs mstatus, t0
    csrw mepc, a4
    mret
1:  ecall
2:  CHECK_EQ(s9, CAUSE_ECALL_S)
    bne s11, a4, fail
    li a4, HOLE_VA + 0x100
    EXPECT_TRAP(3f)
    li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, PRV_S << 11; csrs mstatus, t0
    csrw mepc, a4
    mret
3:  CHECK_EQ(s9, CAUSE_FETCH_PAGE_FAULT)
    bne s10, a4, fail
    bne s11, a4, fail

    csrw satp, zero
    sfence.vma
    TEST_PASS

    .bss
    .balign 4096
root: .skip 4096
l2: .skip 4096
l1: .skip 4096
l0: .skip 4096
page_a: .skip 4096
page_b: .skip 4096
