/* Floating-point control and status: all five rounding modes (static and dynamic through frm),
 * reserved rounding modes being illegal, every fflags bit and their accumulation, the fcsr /
 * frm / fflags CSR views, NaN-boxing of singles in the 64-bit registers, mstatus.FS dirty
 * tracking (with SD), and FS = Off making FP instructions and CSRs illegal. */
#include "test_macros.h"

/* rd = fadd.s(a, b) with rounding mode rm (static), compared bitwise, NX expected */
#define TEST_ROUND_S(testnum, inst, rm, result_bits, a_bits, b_bits, flags) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    li a1, a_bits; fmv.w.x f1, a1; \
    li a1, b_bits; fmv.w.x f2, a1; \
    fsflags x0; \
    inst f3, f1, f2, rm; \
    fmv.x.w a4, f3; \
    CHECK_EQ(a4, result_bits); \
    frflags a5; \
    CHECK_EQ(a5, flags)

#define TEST_CVT_RM(testnum, rm, result, a_bits) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    li a1, a_bits; fmv.w.x f1, a1; \
    fcvt.w.s a4, f1, rm; \
    CHECK_EQ(a4, result)

/* mstatus.FS field */
#define SET_FS(state) \
    li t0, MSTATUS_FS; csrc mstatus, t0; li t0, state; csrs mstatus, t0
#define CHECK_FS(state) \
    csrr a5, mstatus; li t0, MSTATUS_FS; and a5, a5, t0; CHECK_EQ(a5, state)

TEST_BEGIN

    /* 1 + 2^-24 is halfway between 1 and 1 + 2^-23 */
    TEST_ROUND_S(2, fadd.s, rne, 0x3f800000, 0x3f800000, 0x33800000, FF_NX)
    TEST_ROUND_S(3, fadd.s, rtz, 0x3f800000, 0x3f800000, 0x33800000, FF_NX)
    TEST_ROUND_S(4, fadd.s, rdn, 0x3f800000, 0x3f800000, 0x33800000, FF_NX)
    TEST_ROUND_S(5, fadd.s, rup, 0x3f800001, 0x3f800000, 0x33800000, FF_NX)
    TEST_ROUND_S(6, fadd.s, rmm, 0x3f800001, 0x3f800000, 0x33800000, FF_NX)
    TEST_ROUND_S(7, fadd.s, rne, 0xffffffffbf800000, 0xbf800000, 0xb3800000, FF_NX)
    TEST_ROUND_S(8, fadd.s, rtz, 0xffffffffbf800000, 0xbf800000, 0xb3800000, FF_NX)
    TEST_ROUND_S(9, fadd.s, rdn, 0xffffffffbf800001, 0xbf800000, 0xb3800000, FF_NX)
    TEST_ROUND_S(10, fadd.s, rup, 0xffffffffbf800000, 0xbf800000, 0xb3800000, FF_NX)
    TEST_ROUND_S(11, fadd.s, rmm, 0xffffffffbf800001, 0xbf800000, 0xb3800000, FF_NX)
    /* 1 + 3*2^-25 is above the halfway point: RNE rounds up, RTZ down */
    TEST_ROUND_S(12, fadd.s, rne, 0x3f800001, 0x3f800000, 0x33c00000, FF_NX)
    TEST_ROUND_S(13, fadd.s, rtz, 0x3f800000, 0x3f800000, 0x33c00000, FF_NX)
    /* overflow: RNE/RUP give infinity, RTZ/RDN the largest finite number */
    TEST_ROUND_S(14, fmul.s, rne, 0x7f800000, 0x7f7fffff, 0x40000000, FF_OF | FF_NX)
    TEST_ROUND_S(15, fmul.s, rtz, 0x7f7fffff, 0x7f7fffff, 0x40000000, FF_OF | FF_NX)
    TEST_ROUND_S(16, fmul.s, rdn, 0x7f7fffff, 0x7f7fffff, 0x40000000, FF_OF | FF_NX)
    TEST_ROUND_S(17, fmul.s, rup, 0x7f800000, 0x7f7fffff, 0x40000000, FF_OF | FF_NX)
    TEST_ROUND_S(18, fmul.s, rmm, 0x7f800000, 0x7f7fffff, 0x40000000, FF_OF | FF_NX)
    TEST_ROUND_S(19, fmul.s, rdn, 0xffffffffff800000, 0xff7fffff, 0x40000000, FF_OF | FF_NX)
    TEST_ROUND_S(20, fmul.s, rup, 0xffffffffff7fffff, 0xff7fffff, 0x40000000, FF_OF | FF_NX)
    /* underflow to the smallest subnormal, rounding up; tininess after rounding */
    TEST_ROUND_S(21, fmul.s, rup, 0x00000001, 0x00800000, 0x33800000, FF_UF | FF_NX)
    TEST_ROUND_S(22, fmul.s, rdn, 0x00000000, 0x00800000, 0x33800000, FF_UF | FF_NX)
    /* an exact subnormal result raises no flag */
    TEST_ROUND_S(23, fmul.s, rne, 0x00400000, 0x00800000, 0x3f000000, 0)

    /* conversions to integer: 2.5, -2.5, 3.5 in every mode */
    TEST_CVT_RM(30, rne, 2, 0x40200000)
    TEST_CVT_RM(31, rtz, 2, 0x40200000)
    TEST_CVT_RM(32, rdn, 2, 0x40200000)
    TEST_CVT_RM(33, rup, 3, 0x40200000)
    TEST_CVT_RM(34, rmm, 3, 0x40200000)
    TEST_CVT_RM(35, rne, -2, 0xc0200000)
    TEST_CVT_RM(36, rtz, -2, 0xc0200000)
    TEST_CVT_RM(37, rdn, -3, 0xc0200000)
    TEST_CVT_RM(38, rup, -2, 0xc0200000)
    TEST_CVT_RM(39, rmm, -3, 0xc0200000)
    TEST_CVT_RM(40, rne, 4, 0x40600000)

    /* the dynamic mode follows frm */
test_45:
    li TESTNUM, 45
    li a1, 0x40200000           /* 2.5 */
    fmv.w.x f1, a1
    .irp mode, 0, 1, 2, 3, 4
    fsrmi \mode
    fcvt.w.s a4, f1
    sd a4, (cvt_results + 8 * \mode), t1
    .endr
    la a1, cvt_results
    ld a4, 0(a1); CHECK_EQ(a4, 2)
    ld a4, 8(a1); CHECK_EQ(a4, 2)
    ld a4, 16(a1); CHECK_EQ(a4, 2)
    ld a4, 24(a1); CHECK_EQ(a4, 3)
    ld a4, 32(a1); CHECK_EQ(a4, 3)
    fsrmi 0
test_46:
    li TESTNUM, 46
    li a1, 3
    csrw frm, a1                /* RUP through the frm CSR */
    li a1, 0x3f800000
    fmv.w.x f1, a1
    li a1, 0x33800000
    fmv.w.x f2, a1
    fadd.s f3, f1, f2
    fmv.x.w a4, f3
    CHECK_EQ(a4, 0x3f800001)
    csrr a4, fcsr
    CHECK_EQ(a4, (3 << 5) | FF_NX)
    fsrmi 0

    /* reserved rounding modes: static 5 and 6 are illegal; so is DYN while frm is 5, 6 or 7 */
    TEST_TRAP_M(50, CAUSE_ILLEGAL, 0x003150d3, .word 0x003150d3)  /* fadd.s f1,f2,f3,rm=5 */
    TEST_TRAP_M(51, CAUSE_ILLEGAL, 0x003160d3, .word 0x003160d3)  /* rm=6 */
test_52:
    fsrmi 5
    TEST_TRAP_M(53, CAUSE_ILLEGAL, 0x003170d3, .word 0x003170d3)  /* rm=7: dynamic */
    fsrmi 7
    TEST_TRAP_M(54, CAUSE_ILLEGAL, 0x003170d3, .word 0x003170d3)
    /* frm itself holds the reserved value, and instructions with a static mode still work */
    frrm a4
    CHECK_EQ(a4, 7)
    fcvt.w.s a4, f1, rtz
    fsrmi 0

    /* each flag, and their accumulation */
test_60:
    li TESTNUM, 60
    fsflags x0
    li a1, 0xbf800000           /* -1 */
    fmv.w.x f1, a1
    fsqrt.s f2, f1
    frflags a4
    CHECK_EQ(a4, FF_NV)
    fmv.w.x f3, zero
    fdiv.s f2, f1, f3
    frflags a4
    CHECK_EQ(a4, FF_NV | FF_DZ)
    li a1, 0x7f7fffff
    fmv.w.x f4, a1
    fadd.s f2, f4, f4           /* OF and NX */
    frflags a4
    CHECK_EQ(a4, FF_NV | FF_DZ | FF_OF | FF_NX)
    li a1, 0x00800001
    fmv.w.x f5, a1
    li a1, 0x3f000000
    fmv.w.x f6, a1
    fmul.s f2, f5, f6           /* inexact subnormal: UF and NX */
    frflags a4
    CHECK_EQ(a4, 0x1f)
    fsflags a4, x0              /* swap: old value out, zero in */
    CHECK_EQ(a4, 0x1f)
    frflags a4
    CHECK_EQ(a4, 0)

    /* fcsr = frm << 5 | fflags; bits above 7 are ignored */
test_65:
    li TESTNUM, 65
    li a1, 0xffffffff
    csrw fcsr, a1
    csrr a4, fcsr
    CHECK_EQ(a4, 0xff)
    csrr a4, frm
    CHECK_EQ(a4, 7)
    csrr a4, fflags
    CHECK_EQ(a4, 0x1f)
    csrwi fflags, 0x5
    csrr a4, fcsr
    CHECK_EQ(a4, 0xe5)
    li a1, 0xfa
    csrw frm, a1
    csrr a4, fcsr
    CHECK_EQ(a4, 0x45)
    fsrmi a4, 1
    CHECK_EQ(a4, 2)
    fsflagsi a4, 2
    CHECK_EQ(a4, 5)
    csrr a4, fcsr
    CHECK_EQ(a4, 0x22)
    csrrci a4, fflags, 2
    csrrsi a4, frm, 4
    csrr a4, fcsr
    CHECK_EQ(a4, 0xa0)
    csrwi fcsr, 0

    /* NaN-boxing: single-precision writes set bits 63:32 */
test_70:
    li TESTNUM, 70
    li a1, 0x3f800000
    fmv.w.x f1, a1
    fmv.x.d a4, f1
    CHECK_EQ(a4, 0xffffffff3f800000)
    la a2, box_mem
    flw f2, 0(a2)
    fmv.x.d a4, f2
    CHECK_EQ(a4, 0xffffffff40000000)
    fadd.s f3, f1, f2
    fmv.x.d a4, f3
    CHECK_EQ(a4, 0xffffffff40400000)
    fcvt.s.w f3, a1
    fmv.x.d a4, f3
    li t0, 0xffffffff00000000
    and a4, a4, t0
    CHECK_EQ(a4, 0xffffffff00000000)
    /* a value that is not properly boxed reads as the canonical NaN */
test_71:
    li TESTNUM, 71
    li a1, 0x000000003f800000
    fmv.d.x f1, a1
    fsflags x0
    fadd.s f3, f1, f1
    fmv.x.d a4, f3
    CHECK_EQ(a4, 0xffffffff7fc00000)
    frflags a4
    CHECK_EQ(a4, 0)
test_72:
    li TESTNUM, 72
    li a1, 0xbf800000           /* -1.0, properly boxed */
    fmv.w.x f2, a1
    fsgnj.s f3, f1, f2
    fmv.x.d a4, f3
    CHECK_EQ(a4, 0xffffffffffc00000)
    fsgnjx.s f3, f2, f1         /* the unboxed sign source counts as +NaN */
    fmv.x.d a4, f3
    CHECK_EQ(a4, 0xffffffffbf800000)
test_73:
    li TESTNUM, 73
    fclass.s a4, f1
    CHECK_EQ(a4, 1 << 9)
    feq.s a4, f1, f1
    CHECK_EQ(a4, 0)
    fcvt.d.s f3, f1
    fmv.x.d a4, f3
    CHECK_EQ(a4, 0x7ff8000000000000)
    li a1, 0xffffffff00000000   /* boxed +0.0 */
    fmv.d.x f4, a1
    fclass.s a4, f4
    CHECK_EQ(a4, 1 << 4)
    li a1, 0xfffffffe00000000   /* one bit short of boxed */
    fmv.d.x f4, a1
    fclass.s a4, f4
    CHECK_EQ(a4, 1 << 9)
    /* transfers out ignore the upper bits */
test_74:
    li TESTNUM, 74
    fmv.x.w a4, f1
    CHECK_EQ(a4, 0x3f800000)
    la a2, box_mem
    fsw f1, 4(a2)
    lwu a4, 4(a2)
    CHECK_EQ(a4, 0x3f800000)

    /* FS tracking: writing FP state makes FS Dirty and sets SD */
test_80:
    li TESTNUM, 80
    SET_FS(MSTATUS_FS_INITIAL)
    CHECK_FS(MSTATUS_FS_INITIAL)
    csrr a5, mstatus
    bltz a5, fail               /* SD clear */
    fmv.w.x f1, zero
    CHECK_FS(MSTATUS_FS_DIRTY)
    csrr a5, mstatus
    bgez a5, fail               /* SD set */
    csrr a5, sstatus
    bgez a5, fail               /* SD visible in sstatus */
    li t0, MSTATUS_FS
    and a5, a5, t0
    CHECK_EQ(a5, MSTATUS_FS_DIRTY)
test_81:
    li TESTNUM, 81
    SET_FS(MSTATUS_FS_CLEAN)
    CHECK_FS(MSTATUS_FS_CLEAN)
    csrr a5, mstatus
    bltz a5, fail
    fadd.s f1, f1, f1
    CHECK_FS(MSTATUS_FS_DIRTY)
test_82:
    li TESTNUM, 82
    SET_FS(MSTATUS_FS_CLEAN)
    csrwi fflags, 1
    CHECK_FS(MSTATUS_FS_DIRTY)
test_83:
    li TESTNUM, 83
    SET_FS(MSTATUS_FS_CLEAN)
    la a2, box_mem
    flw f1, 0(a2)
    CHECK_FS(MSTATUS_FS_DIRTY)
test_84:
    li TESTNUM, 84
    SET_FS(MSTATUS_FS_INITIAL)
    li a1, 0x4000
    csrs sstatus, a1            /* FS is writable through sstatus as well */
    CHECK_FS(MSTATUS_FS_DIRTY)

    /* FS = Off: FP instructions and the FP CSRs are illegal; mtval holds the instruction */
    SET_FS(0)
    csrr a5, mstatus
    bltz a5, fail
    la a1, box_mem
    .option push
    .option norvc
    TEST_TRAP_M(90, CAUSE_ILLEGAL, 0x003170d3, .word 0x003170d3)  /* fadd.s f1,f2,f3 */
    TEST_TRAP_M(91, CAUSE_ILLEGAL, 0x0005a087, flw f1, 0(a1))
    TEST_TRAP_M(92, CAUSE_ILLEGAL, 0x0015b027, fsd f1, 0(a1))
    TEST_TRAP_M(93, CAUSE_ILLEGAL, 0x00302573, csrr a0, fcsr)
    TEST_TRAP_M(94, CAUSE_ILLEGAL, 0x00102573, csrr a0, fflags)
    TEST_TRAP_M(95, CAUSE_ILLEGAL, 0x00202573, csrr a0, frm)
    TEST_TRAP_M(96, CAUSE_ILLEGAL, 0xe0008553, fmv.x.w a0, f1)
    TEST_TRAP_M(97, CAUSE_ILLEGAL, 0xf2058053, fmv.d.x f0, a1)
    .option pop
    TEST_TRAP_M(98, CAUSE_ILLEGAL, 0x2188, c.fld fa0, 0(a1))
    /* back on, everything works again */
test_99:
    li TESTNUM, 99
    SET_FS(MSTATUS_FS_INITIAL)
    fmv.w.x f1, zero
    CHECK_FS(MSTATUS_FS_DIRTY)

    TEST_PASS

    .data
    .align 3
box_mem:
    .word 0x40000000
    .word 0
cvt_results:
    .dword 0, 0, 0, 0, 0
