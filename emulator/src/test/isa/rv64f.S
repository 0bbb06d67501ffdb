/* RV64F: every single-precision instruction. Arithmetic with exact and inexact results, the
 * FMA family (one rounding), FMIN/FMAX NaN and signed-zero rules, compares (quiet vs signalling),
 * FCLASS of every class, conversions with RISC-V's saturation rules and flags, FSGNJ*, FMV and
 * FLW/FSW. Results that are NaN must be the canonical NaN 0x7fc00000. */
#include "test_macros.h"

#define QNAN 0f:7fc00000
#define SNAN 0f:7f800001

TEST_BEGIN

    TEST_FP_OP2_S(2, fadd.s, 0, 3.5, 2.5, 1.0)
    TEST_FP_OP2_S(3, fadd.s, FF_NX, -1234, -1235.1, 1.1)
    TEST_FP_OP2_S(4, fadd.s, FF_NX, 3.14159265, 3.14159265, 0.00000001)
    TEST_FP_OP2_S(5, fadd.s, FF_NV, QNAN, inf, -inf)
    TEST_FP_OP2_S(6, fadd.s, FF_OF | FF_NX, inf, 0f:7f7fffff, 0f:7f7fffff)
    TEST_FP_OP2_S(7, fadd.s, 0, QNAN, QNAN, 1.0)
    TEST_FP_OP2_S(8, fadd.s, FF_NV, QNAN, SNAN, 1.0)
    TEST_FP_OP2_S(9, fadd.s, 0, 0.0, -0.0, 0.0)

    TEST_FP_OP2_S(10, fsub.s, 0, 1.5, 2.5, 1.0)
    TEST_FP_OP2_S(11, fsub.s, FF_NX, -1234, -1235.1, -1.1)
    TEST_FP_OP2_S(12, fsub.s, FF_NX, 3.14159265, 3.14159265, 0.00000001)
    TEST_FP_OP2_S(13, fsub.s, FF_NV, QNAN, inf, inf)
    TEST_FP_OP2_S(14, fsub.s, 0, -0.0, -0.0, 0.0)

    TEST_FP_OP2_S(20, fmul.s, 0, 2.5, 2.5, 1.0)
    TEST_FP_OP2_S(21, fmul.s, FF_NX, 1358.61, -1235.1, -1.1)
    TEST_FP_OP2_S(22, fmul.s, FF_NX, 3.14159265e-8, 3.14159265, 0.00000001)
    TEST_FP_OP2_S(23, fmul.s, FF_NV, QNAN, inf, 0.0)
    TEST_FP_OP2_S(24, fmul.s, FF_UF | FF_NX, 0.0, 1.0e-30, 1.0e-30)
    TEST_FP_OP2_S(25, fmul.s, 0, -0.0, -1.0, 0.0)

    TEST_FP_OP2_S(30, fdiv.s, FF_NX, 1.1557273520668288, 3.14159265, 2.71828182)
    TEST_FP_OP2_S(31, fdiv.s, FF_NX, -0.9991093838555584, -1234, 1235.1)
    TEST_FP_OP2_S(32, fdiv.s, 0, 3.14159265, 3.14159265, 1.0)
    TEST_FP_OP2_S(33, fdiv.s, FF_DZ, -inf, -1.0, 0.0)
    TEST_FP_OP2_S(34, fdiv.s, FF_NV, QNAN, 0.0, 0.0)
    TEST_FP_OP2_S(35, fdiv.s, 0, 0.0, 1.0, inf)

    TEST_FP_OP1_S(40, fsqrt.s, FF_NX, 1.7724538498928541, 3.14159265)
    TEST_FP_OP1_S(41, fsqrt.s, 0, 100, 10000)
    TEST_FP_OP1_S(42, fsqrt.s, FF_NV, QNAN, -1.0)
    TEST_FP_OP1_S(43, fsqrt.s, FF_NX, 13.076696, 171.0)
    TEST_FP_OP1_S(44, fsqrt.s, 0, -0.0, -0.0)
    TEST_FP_OP1_S(45, fsqrt.s, 0, inf, inf)

    TEST_FP_OP2_S(50, fmin.s, 0, 1.0, 2.5, 1.0)
    TEST_FP_OP2_S(51, fmin.s, 0, -1235.1, -1235.1, 1.1)
    TEST_FP_OP2_S(52, fmin.s, 0, 1.0, QNAN, 1.0)
    TEST_FP_OP2_S(53, fmin.s, FF_NV, 1.0, SNAN, 1.0)
    TEST_FP_OP2_S(54, fmin.s, 0, QNAN, QNAN, QNAN)
    TEST_FP_OP2_S(55, fmin.s, 0, -0.0, -0.0, 0.0)
    TEST_FP_OP2_S(56, fmin.s, 0, -0.0, 0.0, -0.0)
    TEST_FP_OP2_S(57, fmin.s, FF_NV, QNAN, SNAN, 0f:7fc12345)
    TEST_FP_OP2_S(58, fmax.s, 0, 2.5, 2.5, 1.0)
    TEST_FP_OP2_S(59, fmax.s, 0, 1.1, -1235.1, 1.1)
    TEST_FP_OP2_S(60, fmax.s, 0, -1.0, -1.0, 0f:ffc00001)
    TEST_FP_OP2_S(61, fmax.s, FF_NV, -1.0, SNAN, -1.0)
    TEST_FP_OP2_S(62, fmax.s, 0, 0.0, -0.0, 0.0)
    TEST_FP_OP2_S(63, fmax.s, 0, 0.0, 0.0, -0.0)
    TEST_FP_OP2_S(64, fmax.s, FF_NV, QNAN, SNAN, SNAN)

    TEST_FP_OP3_S(70, fmadd.s, 0, 3.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_S(71, fmadd.s, FF_NX, 1236.2, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_S(72, fmadd.s, 0, -12.0, 2.0, -5.0, -2.0)
    /* one rounding: (1 + 2^-23)(1 - 2^-23) - 1 = -2^-46 exactly */
    TEST_FP_OP3_S(73, fmadd.s, 0, 0f:a8800000, 0f:3f800001, 0f:3f7ffffe, -1.0)
    TEST_FP_OP3_S(74, fmadd.s, FF_NV, QNAN, inf, 0.0, QNAN)
    TEST_FP_OP3_S(75, fnmadd.s, 0, -3.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_S(76, fnmadd.s, FF_NX, -1236.2, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_S(77, fnmadd.s, 0, 12.0, 2.0, -5.0, -2.0)
    TEST_FP_OP3_S(78, fmsub.s, 0, 1.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_S(79, fmsub.s, FF_NX, 1234, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_S(80, fmsub.s, 0, -8.0, 2.0, -5.0, -2.0)
    TEST_FP_OP3_S(81, fnmsub.s, 0, -1.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_S(82, fnmsub.s, FF_NX, -1234, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_S(83, fnmsub.s, 0, 8.0, 2.0, -5.0, -2.0)
    TEST_FP_OP3_S(84, fmsub.s, FF_NV, QNAN, inf, 1.0, inf)

    TEST_FP_OP2_S(90, fsgnj.s, 0, -6.0, 6.0, -1.0)
    TEST_FP_OP2_S(91, fsgnj.s, 0, 6.0, -6.0, 1.0)
    TEST_FP_OP2_S(92, fsgnjn.s, 0, -6.0, 6.0, 1.0)
    TEST_FP_OP2_S(93, fsgnjn.s, 0, 6.0, -6.0, -1.0)
    TEST_FP_OP2_S(94, fsgnjx.s, 0, 6.0, -6.0, -1.0)
    TEST_FP_OP2_S(95, fsgnjx.s, 0, -6.0, -6.0, 1.0)
    TEST_FP_OP2_S(96, fsgnjn.s, 0, 0f:ffc00000, QNAN, QNAN)
    TEST_FP_OP2_S(97, fsgnj.s, 0, 0f:ff800001, SNAN, -1.0)

    TEST_FP_CMP_S(100, feq.s, 0, 1, -1.36, -1.36)
    TEST_FP_CMP_S(101, fle.s, 0, 1, -1.36, -1.36)
    TEST_FP_CMP_S(102, flt.s, 0, 0, -1.36, -1.36)
    TEST_FP_CMP_S(103, flt.s, 0, 1, -1.37, -1.36)
    TEST_FP_CMP_S(104, fle.s, 0, 0, -1.36, -1.37)
    TEST_FP_CMP_S(105, feq.s, 0, 0, QNAN, 0)
    TEST_FP_CMP_S(106, feq.s, 0, 0, QNAN, QNAN)
    TEST_FP_CMP_S(107, feq.s, FF_NV, 0, SNAN, 0)
    TEST_FP_CMP_S(108, flt.s, FF_NV, 0, QNAN, 0)
    TEST_FP_CMP_S(109, fle.s, FF_NV, 0, 0, QNAN)
    TEST_FP_CMP_S(110, feq.s, 0, 1, -0.0, 0.0)
    TEST_FP_CMP_S(111, flt.s, 0, 0, -0.0, 0.0)
    TEST_FP_CMP_S(112, fle.s, 0, 1, -inf, -inf)

    TEST_FP_INT_OP1_S(120, fclass.s, 0, 1 << 0, -inf)
    TEST_FP_INT_OP1_S(121, fclass.s, 0, 1 << 1, -1.0)
    TEST_FP_INT_OP1_S(122, fclass.s, 0, 1 << 2, 0f:807fffff)
    TEST_FP_INT_OP1_S(123, fclass.s, 0, 1 << 3, -0.0)
    TEST_FP_INT_OP1_S(124, fclass.s, 0, 1 << 4, 0.0)
    TEST_FP_INT_OP1_S(125, fclass.s, 0, 1 << 5, 0f:007fffff)
    TEST_FP_INT_OP1_S(126, fclass.s, 0, 1 << 6, 1.0)
    TEST_FP_INT_OP1_S(127, fclass.s, 0, 1 << 7, inf)
    TEST_FP_INT_OP1_S(128, fclass.s, 0, 1 << 8, SNAN)
    TEST_FP_INT_OP1_S(129, fclass.s, 0, 1 << 9, QNAN)

    /* float -> integer, round towards zero, saturating with NV on overflow and NaN */
    TEST_FP_INT_OP1_S(130, fcvt.w.s, FF_NX, -1, -1.1, rtz)
    TEST_FP_INT_OP1_S(131, fcvt.w.s, 0, -1, -1.0, rtz)
    TEST_FP_INT_OP1_S(132, fcvt.w.s, FF_NX, 0, -0.9, rtz)
    TEST_FP_INT_OP1_S(133, fcvt.w.s, FF_NX, 0, 0.9, rtz)
    TEST_FP_INT_OP1_S(134, fcvt.w.s, FF_NX, 1, 1.1, rtz)
    TEST_FP_INT_OP1_S(135, fcvt.w.s, FF_NV, 0xffffffff80000000, -3e9, rtz)
    TEST_FP_INT_OP1_S(136, fcvt.w.s, FF_NV, 0x7fffffff, 3e9, rtz)
    TEST_FP_INT_OP1_S(137, fcvt.w.s, FF_NV, 0x7fffffff, QNAN, rtz)
    TEST_FP_INT_OP1_S(138, fcvt.w.s, FF_NV, 0xffffffff80000000, -inf, rtz)
    TEST_FP_INT_OP1_S(139, fcvt.w.s, FF_NV, 0x7fffffff, inf, rtz)
    TEST_FP_INT_OP1_S(140, fcvt.w.s, 0, 0xffffffff80000000, -2147483648.0, rtz)
    TEST_FP_INT_OP1_S(141, fcvt.wu.s, FF_NV, 0, -3.0, rtz)
    TEST_FP_INT_OP1_S(142, fcvt.wu.s, FF_NX, 0, -0.9, rtz)
    TEST_FP_INT_OP1_S(143, fcvt.wu.s, 0, 0xffffffffb2d05e00, 3e9, rtz)
    TEST_FP_INT_OP1_S(144, fcvt.wu.s, FF_NV, 0xffffffffffffffff, QNAN, rtz)
    TEST_FP_INT_OP1_S(145, fcvt.wu.s, FF_NV, 0, -inf, rtz)
    TEST_FP_INT_OP1_S(146, fcvt.wu.s, FF_NV, 0xffffffffffffffff, 5e9, rtz)
    TEST_FP_INT_OP1_S(147, fcvt.l.s, 0, -3000000000, -3e9, rtz)
    TEST_FP_INT_OP1_S(148, fcvt.l.s, FF_NV, 0x7fffffffffffffff, 1e19, rtz)
    TEST_FP_INT_OP1_S(149, fcvt.l.s, FF_NV, 0x7fffffffffffffff, QNAN, rtz)
    TEST_FP_INT_OP1_S(150, fcvt.l.s, FF_NV, 0x8000000000000000, -inf, rtz)
    TEST_FP_INT_OP1_S(151, fcvt.l.s, FF_NX, -1, -1.1, rtz)
    TEST_FP_INT_OP1_S(152, fcvt.lu.s, FF_NV, 0, -3.0, rtz)
    TEST_FP_INT_OP1_S(153, fcvt.lu.s, 0, 0x8ac7230000000000, 1e19, rtz)
    TEST_FP_INT_OP1_S(154, fcvt.lu.s, FF_NV, 0xffffffffffffffff, QNAN, rtz)
    TEST_FP_INT_OP1_S(155, fcvt.lu.s, FF_NV, 0xffffffffffffffff, 2e19, rtz)
    TEST_FP_INT_OP1_S(156, fcvt.lu.s, FF_NX, 0, -0.5, rtz)
    /* the dynamic rounding mode (frm = RNE after reset) */
    TEST_FP_INT_OP1_S(157, fcvt.w.s, FF_NX, 2, 2.5)
    TEST_FP_INT_OP1_S(158, fcvt.w.s, FF_NX, -4, -3.5)

    /* integer -> float */
    TEST_INT_FP_OP_S(160, fcvt.s.w, 0, 0x40000000, 2)
    TEST_INT_FP_OP_S(161, fcvt.s.w, 0, 0xffffffffc0000000, -2)
    TEST_INT_FP_OP_S(162, fcvt.s.w, 0, 0x40000000, 0x100000002)
    TEST_INT_FP_OP_S(163, fcvt.s.w, FF_NX, 0x4b800000, 0x01000001)
    TEST_INT_FP_OP_S(164, fcvt.s.wu, FF_NX, 0x4f800000, 0xffffffff)
    TEST_INT_FP_OP_S(165, fcvt.s.wu, FF_NX, 0x4f800000, -2)
    TEST_INT_FP_OP_S(166, fcvt.s.wu, 0, 0x4f000000, 0x80000000)
    TEST_INT_FP_OP_S(167, fcvt.s.l, 0, 0xffffffffbf800000, -1)
    TEST_INT_FP_OP_S(168, fcvt.s.l, 0, 0xffffffffdf000000, 0x8000000000000000)
    TEST_INT_FP_OP_S(169, fcvt.s.l, FF_NX, 0x5f000000, 0x7fffffffffffffff)
    TEST_INT_FP_OP_S(170, fcvt.s.lu, FF_NX, 0x5f800000, 0xffffffffffffffff)
    TEST_INT_FP_OP_S(171, fcvt.s.lu, 0, 0x5f000000, 0x8000000000000000)
    TEST_INT_FP_OP_S(172, fcvt.s.l, 0, 0, 0)

    /* FMV moves bits without looking at them; FMV.X.W sign-extends bit 31 */
test_180:
    li TESTNUM, 180
    li a1, 0xabcdef0112345678
    fmv.w.x f1, a1
    fmv.x.w a4, f1
    CHECK_EQ(a4, 0x12345678)
test_181:
    li TESTNUM, 181
    li a1, 0x7f800001           /* a signalling NaN passes through untouched, no flags */
    fsflags x0
    fmv.w.x f1, a1
    fmv.x.w a4, f1
    CHECK_EQ(a4, 0x7f800001)
    frflags a5
    CHECK_EQ(a5, 0)
test_182:
    li TESTNUM, 182
    li a1, 0x80000000
    fmv.w.x f1, a1
    fmv.x.w a4, f1
    CHECK_EQ(a4, 0xffffffff80000000)

    /* FLW / FSW: exact bits, 4 bytes only */
test_185:
    li TESTNUM, 185
    la a1, fp_mem
    flw f2, 0(a1)
    fsw f2, 12(a1)
    ld a4, 8(a1)
    CHECK_EQ(a4, 0x7f8000015a5a5a5a)
    flw f3, 4(a1)
    fmv.x.w a4, f3
    CHECK_EQ(a4, 0xffffffffbf800000)
test_186:
    li TESTNUM, 186
    la a1, fp_mem
    addi a2, a1, 16
    flw f4, -12(a2)
    fsw f4, -16(a2)
    lwu a4, 0(a1)
    CHECK_EQ(a4, 0xbf800000)

    /* all 32 FP registers are distinct */
test_190:
    li TESTNUM, 190
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li a1, \r
    fcvt.s.w f\r, a1
    .endr
    fadd.s f0, f0, f31
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    fadd.s f0, f0, f\r
    .endr
    fcvt.w.s a4, f0
    CHECK_EQ(a4, 496)

    TEST_PASS

    .data
    .align 3
fp_mem:
    .word 0x7f800001
    .word 0xbf800000
    .word 0x5a5a5a5a
    .word 0x5a5a5a5a
