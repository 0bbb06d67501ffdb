/*
 * BootLab ISA tests: one-line checks of single instructions (in the style of riscv-tests'
 * TEST_RR_OP). Each check sets TESTNUM, computes into a register and branches to `fail` when
 * the result differs from the expected value. Expected values are written out by hand.
 */
#ifndef BOOTLAB_TEST_MACROS_H
#define BOOTLAB_TEST_MACROS_H

#include "riscv_test.h"

#define TEST_CASE(testnum, testreg, correctval, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    code; \
    li t2, correctval; \
    bne testreg, t2, fail

/* rd = op(rs1, imm) */
#define TEST_IMM_OP(testnum, inst, result, val1, imm) \
    TEST_CASE(testnum, a4, result, li a1, val1; inst a4, a1, imm)

/* rd = op(rs1, rs2) */
#define TEST_RR_OP(testnum, inst, result, val1, val2) \
    TEST_CASE(testnum, a4, result, li a1, val1; li a2, val2; inst a4, a1, a2)

/* rd = op(rs1, rs1): source registers that are the same */
#define TEST_RR_SRC12_EQ(testnum, inst, result, val1) \
    TEST_CASE(testnum, a4, result, li a1, val1; inst a4, a1, a1)

/* the destination is also the first source */
#define TEST_RR_DEST_SRC1(testnum, inst, result, val1, val2) \
    TEST_CASE(testnum, a1, result, li a1, val1; li a2, val2; inst a1, a1, a2)

/* writes to x0 are discarded */
#define TEST_RR_ZERODEST(testnum, inst, val1, val2) \
    TEST_CASE(testnum, x0, 0, li a1, val1; li a2, val2; inst x0, a1, a2)

/* rd = load(base + offset) from the symbol `base` */
#define TEST_LD_OP(testnum, inst, result, offset, base) \
    TEST_CASE(testnum, a4, result, la a1, base; inst a4, offset(a1))

/* store `val` at base + offset, load it back with `load` */
#define TEST_ST_OP(testnum, load, store, result, offset, base) \
    TEST_CASE(testnum, a4, result, la a1, base; li a2, result; store a2, offset(a1); load a4, offset(a1))

/* a conditional branch that must be taken */
#define TEST_BR2_TAKEN(testnum, inst, val1, val2) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    li a1, val1; \
    li a2, val2; \
    inst a1, a2, test_ ## testnum ## _taken; \
    j fail; \
test_ ## testnum ## _taken:

/* a conditional branch that must fall through */
#define TEST_BR2_NOT_TAKEN(testnum, inst, val1, val2) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    li a1, val1; \
    li a2, val2; \
    inst a1, a2, fail

/* An AMO: memory at `base` holds `init`; rs2 = `val`; checks rd (old value) and memory after. */
#define TEST_AMO(testnum, inst, load, store, init, val, old, mem) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    la a1, amo_word; \
    li a2, init; \
    store a2, 0(a1); \
    li a3, val; \
    inst a4, a3, (a1); \
    li t2, old; \
    bne a4, t2, fail; \
    load a5, 0(a1); \
    li t2, mem; \
    bne a5, t2, fail

/*
 * Floating point. Operands and the expected result live in .data next to the check (given as
 * .float/.double literals, where 0f:HEX / 0d:HEX give exact bit patterns). fflags are cleared
 * first and compared after.
 */
#define TEST_FP_INTERNAL(testnum, flags, result, val1, val2, val3, fload, fdir, iload, rdir, code...) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    la a0, test_ ## testnum ## _data; \
    fload f10, 0(a0); \
    fload f11, 8(a0); \
    fload f12, 16(a0); \
    iload a3, 24(a0); \
    fsflags x0; \
    code; \
    fsflags a1, x0; \
    li a2, flags; \
    bne a0, a3, fail; \
    bne a1, a2, fail; \
    .pushsection .data; \
    .align 3; \
test_ ## testnum ## _data: \
    fdir val1; .align 3; \
    fdir val2; .align 3; \
    fdir val3; .align 3; \
    rdir result; .align 3; \
    .popsection

/* single precision: the result is moved to an integer register and compared bit for bit */
#define TEST_FP_OP1_S(testnum, inst, flags, result, val1) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, 0.0, 0.0, flw, .float, lw, .float, \
        inst f13, f10; fmv.x.w a0, f13)
#define TEST_FP_OP2_S(testnum, inst, flags, result, val1, val2) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, val2, 0.0, flw, .float, lw, .float, \
        inst f13, f10, f11; fmv.x.w a0, f13)
#define TEST_FP_OP3_S(testnum, inst, flags, result, val1, val2, val3) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, val2, val3, flw, .float, lw, .float, \
        inst f13, f10, f11, f12; fmv.x.w a0, f13)
/* single-precision op whose result is an integer (compare, class, convert); rm optional */
#define TEST_FP_INT_OP1_S(testnum, inst, flags, result, val1, rm...) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, 0.0, 0.0, flw, .float, ld, .dword, \
        inst a0, f10, ## rm)
#define TEST_FP_CMP_S(testnum, inst, flags, result, val1, val2) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, val2, 0.0, flw, .float, ld, .dword, \
        inst a0, f10, f11)

#define TEST_FP_OP1_D(testnum, inst, flags, result, val1) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, 0.0, 0.0, fld, .double, ld, .double, \
        inst f13, f10; fmv.x.d a0, f13)
#define TEST_FP_OP2_D(testnum, inst, flags, result, val1, val2) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, val2, 0.0, fld, .double, ld, .double, \
        inst f13, f10, f11; fmv.x.d a0, f13)
#define TEST_FP_OP3_D(testnum, inst, flags, result, val1, val2, val3) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, val2, val3, fld, .double, ld, .double, \
        inst f13, f10, f11, f12; fmv.x.d a0, f13)
#define TEST_FP_INT_OP1_D(testnum, inst, flags, result, val1, rm...) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, 0.0, 0.0, fld, .double, ld, .dword, \
        inst a0, f10, ## rm)
#define TEST_FP_CMP_D(testnum, inst, flags, result, val1, val2) \
    TEST_FP_INTERNAL(testnum, flags, result, val1, val2, 0.0, fld, .double, ld, .dword, \
        inst a0, f10, f11)

/* flag bits of fflags */
#define FF_NX 0x01
#define FF_UF 0x02
#define FF_OF 0x04
#define FF_DZ 0x08
#define FF_NV 0x10

/*
 * Integer to float: a1 = val (64-bit), the result is compared as raw bits (given in hex),
 * flags too.
 */
#define TEST_INT_FP_OP_S(testnum, inst, flags, result_bits, val) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    li a1, val; \
    fsflags x0; \
    inst f13, a1; \
    fmv.x.w a0, f13; \
    fsflags a2, x0; \
    li t2, result_bits; \
    bne a0, t2, fail; \
    li t2, flags; \
    bne a2, t2, fail

#define TEST_INT_FP_OP_D(testnum, inst, flags, result_bits, val) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    li a1, val; \
    fsflags x0; \
    inst f13, a1; \
    fmv.x.d a0, f13; \
    fsflags a2, x0; \
    li t2, result_bits; \
    bne a0, t2, fail; \
    li t2, flags; \
    bne a2, t2, fail

#endif
