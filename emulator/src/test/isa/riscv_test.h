/*
 * BootLab ISA tests: the environment every test program shares.
 *
 * A test is entered at 0x80000000 in M-mode (a0 = hartid, a1 = DTB), like firmware on QEMU's
 * virt machine. It reports through the sifive test device at 0x100000: 0x5555 for pass,
 * (testnum << 16) | 0x3333 for failure, then spins. On failure it also prints one line on the
 * UART (FAIL code, last trap cause, epc, tval) to help whoever debugs the hart.
 *
 * Register conventions inside a test:
 *   gp (x3)      number of the check under way (TESTNUM)
 *   s9, s10, s11 mcause, mtval, mepc of the last trap taken into M-mode
 *   s6, s7, s8   scause, stval, sepc of the last trap taken into S-mode
 *   s5           mstatus as the M-mode trap handler found it; s4 sstatus for the S-mode one
 *   t0, t1       clobbered by the macros below
 *
 * Traps: a check that expects a trap calls EXPECT_TRAP(label) first. The M-mode handler then
 * records the trap in s9..s11 and resumes at the label, in M-mode, with mstatus.MIE = 0 and
 * MPRV = 0. A trap while no resume label is armed fails the test with code
 *   0x8000 | interrupt << 14 | (mcause & 0x3f) << 8 | (testnum & 0xff).
 * The S-mode handler (stvec, for delegated traps) records into s6..s8 and then ECALLs, so the
 * M-mode handler resumes at the armed label with s9 = 9 (ecall from S).
 */
#ifndef BOOTLAB_RISCV_TEST_H
#define BOOTLAB_RISCV_TEST_H

#define TESTNUM gp

#define TEST_DEVICE   0x100000
#define UART_BASE     0x10000000
#define CLINT_BASE    0x2000000
#define CLINT_MSIP    (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP (CLINT_BASE + 0x4000)
#define CLINT_MTIME   (CLINT_BASE + 0xbff8)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE   0x2
#define MSTATUS_MIE   0x8
#define MSTATUS_SPIE  0x20
#define MSTATUS_MPIE  0x80
#define MSTATUS_SPP   0x100
#define MSTATUS_MPP   0x1800
#define MSTATUS_FS    0x6000
#define MSTATUS_FS_INITIAL 0x2000
#define MSTATUS_FS_CLEAN   0x4000
#define MSTATUS_FS_DIRTY   0x6000
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)
#define MSTATUS_SD    (1 << 63)

#define MIP_SSIP (1 << 1)
#define MIP_MSIP (1 << 3)
#define MIP_STIP (1 << 5)
#define MIP_MTIP (1 << 7)
#define MIP_SEIP (1 << 9)
#define MIP_MEIP (1 << 11)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT  13
#define CAUSE_STORE_PAGE_FAULT 15
#define INTERRUPT_BIT (1 << 63)
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7

#define SATP_MODE_SV39 (8 << 60)
#define SATP_MODE_SV48 (9 << 60)

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

/* Arms the M-mode handler: the next trap resumes at `label` (in M-mode). */
#define EXPECT_TRAP(label) \
    la t0, label; \
    la t1, trap_resume; \
    sd t0, 0(t1)

/* Leaves M-mode for privilege `mode` at `label` through MRET. */
#define GOTO_MODE(mode, label) \
    li t0, MSTATUS_MPP; \
    csrc mstatus, t0; \
    li t0, (mode) << 11; \
    csrs mstatus, t0; \
    la t0, label; \
    csrw mepc, t0; \
    mret

/* Compares a register with an immediate and fails the current check when they differ. */
#define CHECK_EQ(reg, value) \
    li t0, value; \
    bne reg, t0, fail

/* Compares a register with the address of a symbol. */
#define CHECK_ADDR(reg, sym) \
    la t0, sym; \
    bne reg, t0, fail

/*
 * One check of a trap: runs `code` in privilege `mode`; its first instruction must trap into
 * M-mode with the given cause and tval, and mepc must point at it. Set up registers other than
 * t0/t1 before the macro: MRET keeps them.
 */
#define TEST_TRAP(testnum, mode, cause, tval, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    EXPECT_TRAP(test_ ## testnum ## _resume); \
    GOTO_MODE(mode, test_ ## testnum ## _insn); \
test_ ## testnum ## _insn: \
    code; \
    j fail; \
test_ ## testnum ## _resume: \
    CHECK_EQ(s9, cause); \
    CHECK_EQ(s10, tval); \
    CHECK_ADDR(s11, test_ ## testnum ## _insn)

/* The same, for a trap taken in M-mode itself (no mode switch). */
#define TEST_TRAP_M(testnum, cause, tval, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    EXPECT_TRAP(test_ ## testnum ## _resume); \
test_ ## testnum ## _insn: \
    code; \
    j fail; \
test_ ## testnum ## _resume: \
    CHECK_EQ(s9, cause); \
    CHECK_EQ(s10, tval); \
    CHECK_ADDR(s11, test_ ## testnum ## _insn)

/* Runs `code` in privilege `mode`, then ECALLs back to M-mode; any other trap fails. */
#define TEST_RUN_IN_MODE(testnum, mode, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    EXPECT_TRAP(test_ ## testnum ## _resume); \
    GOTO_MODE(mode, test_ ## testnum ## _code); \
test_ ## testnum ## _code: \
    code; \
test_ ## testnum ## _ecall: \
    ecall; \
    j fail; \
test_ ## testnum ## _resume: \
    CHECK_EQ(s9, CAUSE_ECALL_U + (mode)); \
    CHECK_ADDR(s11, test_ ## testnum ## _ecall)

/* Loads into `reg` the bits of the instruction at `sym`: 16 or 32 bits by its length. */
#define LOAD_INSN_BITS(reg, sym) \
    la reg, sym; \
    lhu t0, 0(reg); \
    andi t1, t0, 3; \
    xori t1, t1, 3; \
    bnez t1, 101f; \
    lwu t0, 0(reg); \
101: mv reg, t0

/*
 * An illegal instruction in privilege `mode`: cause 2, mtval = the instruction's own bits
 * (as QEMU 7.2 reports them), mepc = its address.
 */
#define TEST_ILLEGAL(testnum, mode, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    EXPECT_TRAP(test_ ## testnum ## _resume); \
    GOTO_MODE(mode, test_ ## testnum ## _insn); \
test_ ## testnum ## _insn: \
    code; \
    j fail; \
test_ ## testnum ## _resume: \
    CHECK_EQ(s9, CAUSE_ILLEGAL); \
    CHECK_ADDR(s11, test_ ## testnum ## _insn); \
    LOAD_INSN_BITS(t2, test_ ## testnum ## _insn); \
    bne s10, t2, fail

/*
 * Start of every test program: the reset code, the trap handlers and the pass/fail exits.
 * The test's own checks follow the macro and end with TEST_PASS.
 */
#define TEST_BEGIN \
    .file __FILE__; /* else the linker names the compiler's random temporary object */ \
    .section .text.init, "ax", @progbits; \
    .globl _start; \
_start: \
    la t0, m_trap_entry; \
    csrw mtvec, t0; \
    li TESTNUM, 0; \
    la sp, stack_top; \
    la t0, trap_resume; \
    sd zero, 0(t0); \
    /* PMP: let S and U reach all of memory (M is unaffected without the lock bit). */ \
    li t0, -1; \
    csrw pmpaddr0, t0; \
    li t0, 0x1f; \
    csrw pmpcfg0, t0; \
    csrw medeleg, zero; \
    csrw mideleg, zero; \
    csrw mie, zero; \
    csrw satp, zero; \
    la t0, s_trap_entry; \
    csrw stvec, t0; \
    li t0, MSTATUS_FS; \
    csrc mstatus, t0; \
    li t0, MSTATUS_FS_INITIAL; \
    csrs mstatus, t0; \
    csrwi fcsr, 0; \
    li s4, 0; li s5, 0; li s6, 0; li s7, 0; li s8, 0; li s9, 0; li s10, 0; li s11, 0; \
    j test_body; \
    \
    .align 2; \
m_trap_entry: \
    csrw mscratch, t0; \
    csrr s5, mstatus; \
    li t0, MSTATUS_MPRV; \
    csrc mstatus, t0; \
    csrr s9, mcause; \
    csrr s10, mtval; \
    csrr s11, mepc; \
    la t0, trap_resume; \
    ld t0, 0(t0); \
    beqz t0, unexpected_trap; \
    csrw mepc, t0; \
    la t0, trap_resume; \
    sd zero, 0(t0); \
    li t0, MSTATUS_MPP; \
    csrs mstatus, t0; \
    li t0, MSTATUS_MPIE; \
    csrc mstatus, t0; \
    csrr t0, mscratch; \
    mret; \
    \
unexpected_trap: \
    srli t0, s9, 63; \
    slli t0, t0, 14; \
    andi t1, s9, 0x3f; \
    slli t1, t1, 8; \
    or t0, t0, t1; \
    andi t1, TESTNUM, 0xff; \
    or t0, t0, t1; \
    li t1, 0x8000; \
    or TESTNUM, t0, t1; \
    j fail; \
    \
    .align 2; \
s_trap_entry: \
    csrr s4, sstatus; \
    csrr s6, scause; \
    csrr s7, stval; \
    csrr s8, sepc; \
    ecall; \
    \
fail: \
    li t0, MSTATUS_MPRV; \
    csrc mstatus, t0; \
    la a0, fail_text; \
    call print_string; \
    slli a0, TESTNUM, 16; \
    li t0, 0x3333; \
    or a0, a0, t0; \
    call print_hex; \
    la a0, cause_text; \
    call print_string; \
    mv a0, s9; \
    call print_hex; \
    la a0, epc_text; \
    call print_string; \
    mv a0, s11; \
    call print_hex; \
    la a0, tval_text; \
    call print_string; \
    mv a0, s10; \
    call print_hex; \
    li a0, 10; \
    call print_char; \
    slli t1, TESTNUM, 16; \
    li t0, 0x3333; \
    or t1, t1, t0; \
    li t0, TEST_DEVICE; \
    sw t1, 0(t0); \
1:  j 1b; \
    \
pass: \
    li t1, 0x5555; \
    li t0, TEST_DEVICE; \
    sw t1, 0(t0); \
1:  j 1b; \
    \
print_string: \
    mv a2, ra; \
1:  lbu a3, 0(a0); \
    beqz a3, 2f; \
    li t0, UART_BASE; \
    sb a3, 0(t0); \
    addi a0, a0, 1; \
    j 1b; \
2:  jr a2; \
print_char: \
    li t0, UART_BASE; \
    sb a0, 0(t0); \
    ret; \
print_hex: \
    li a2, 60; \
1:  srl a3, a0, a2; \
    andi a3, a3, 0xf; \
    addi a3, a3, 48; \
    li a4, 57; \
    ble a3, a4, 2f; \
    addi a3, a3, 39; \
2:  li t0, UART_BASE; \
    sb a3, 0(t0); \
    addi a2, a2, -4; \
    bgez a2, 1b; \
    ret; \
    \
    .pushsection .rodata; \
fail_text: .asciz "FAIL code=0x"; \
cause_text: .asciz " mcause=0x"; \
epc_text: .asciz " mepc=0x"; \
tval_text: .asciz " mtval=0x"; \
    .popsection; \
    .pushsection .bss; \
    .align 4; \
stack: .skip 4096; \
stack_top: \
    .popsection; \
    .pushsection .data; \
    .align 3; \
trap_resume: .dword 0; \
    .popsection; \
    \
test_body:

#define TEST_PASS j pass

#endif
