/* BootLab ISA tests: helpers for the virtual-memory tests (page-table entries built at run
 * time, since the assembler cannot shift addresses). */
#ifndef BOOTLAB_VM_H
#define BOOTLAB_VM_H

/* table[index] = a PTE for the physical address of symbol `target` with `flags` */
.macro pte_sym table, index, target, flags
    la t1, \target
    srli t1, t1, 12
    slli t1, t1, 10
    ori t1, t1, \flags
    la t2, \table
    li t0, (\index) * 8
    add t2, t2, t0
    sd t1, 0(t2)
.endm

/* table[index] = a PTE for the physical address `pa` (a number) with `flags` */
.macro pte_pa table, index, pa, flags
    li t1, ((\pa) >> 12) << 10
    ori t1, t1, \flags
    la t2, \table
    li t0, (\index) * 8
    add t2, t2, t0
    sd t1, 0(t2)
.endm

/* rd = table[index] */
.macro load_pte rd, table, index
    la t2, \table
    li t0, (\index) * 8
    add t2, t2, t0
    ld \rd, 0(t2)
.endm

/* satp = mode | root PPN, then flush the TLB */
.macro set_satp mode, root
    la t1, \root
    srli t1, t1, 12
    li t0, \mode
    or t1, t1, t0
    csrw satp, t1
    sfence.vma
.endm

#define LEAF_RWX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

#endif
