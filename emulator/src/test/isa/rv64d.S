/* RV64D: every double-precision instruction, the conversions between single and double, and
 * FLD/FSD/FMV.X.D/FMV.D.X. NaN results must be the canonical NaN 0x7ff8000000000000. */
#include "test_macros.h"

#define QNAN 0d:7ff8000000000000
#define SNAN 0d:7ff0000000000001

/* double -> single: result compared as the raw 32 bits (sign-extended by FMV.X.W) */
#define TEST_D2S(testnum, flags, result_bits, val) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    la a0, test_ ## testnum ## _data; \
    fld f10, 0(a0); \
    fsflags x0; \
    fcvt.s.d f13, f10; \
    fmv.x.w a0, f13; \
    fsflags a1, x0; \
    CHECK_EQ(a0, result_bits); \
    CHECK_EQ(a1, flags); \
    .pushsection .data; .align 3; test_ ## testnum ## _data: .double val; .popsection

/* single -> double */
#define TEST_S2D(testnum, flags, result_bits, val) \
test_ ## testnum: \
    li TESTNUM, testnum; \
    la a0, test_ ## testnum ## _data; \
    flw f10, 0(a0); \
    fsflags x0; \
    fcvt.d.s f13, f10; \
    fmv.x.d a0, f13; \
    fsflags a1, x0; \
    CHECK_EQ(a0, result_bits); \
    CHECK_EQ(a1, flags); \
    .pushsection .data; .align 3; test_ ## testnum ## _data: .float val; .popsection

TEST_BEGIN

    TEST_FP_OP2_D(2, fadd.d, 0, 3.5, 2.5, 1.0)
    TEST_FP_OP2_D(3, fadd.d, FF_NX, -1234, -1235.1, 1.1)
    TEST_FP_OP2_D(4, fadd.d, FF_NX, 3.14159266, 3.14159265, 0.00000001)
    TEST_FP_OP2_D(5, fadd.d, FF_NV, QNAN, inf, -inf)
    TEST_FP_OP2_D(6, fadd.d, FF_OF | FF_NX, inf, 0d:7fefffffffffffff, 0d:7fefffffffffffff)
    TEST_FP_OP2_D(7, fadd.d, FF_NV, QNAN, SNAN, 1.0)
    TEST_FP_OP2_D(10, fsub.d, 0, 1.5, 2.5, 1.0)
    TEST_FP_OP2_D(11, fsub.d, FF_NX, -1234, -1235.1, -1.1)
    TEST_FP_OP2_D(12, fsub.d, FF_NX, 3.1415926400000003, 3.14159265, 0.00000001)
    TEST_FP_OP2_D(13, fsub.d, FF_NV, QNAN, inf, inf)
    TEST_FP_OP2_D(20, fmul.d, 0, 2.5, 2.5, 1.0)
    TEST_FP_OP2_D(21, fmul.d, FF_NX, 1358.61, -1235.1, -1.1)
    TEST_FP_OP2_D(22, fmul.d, FF_NX, 3.14159265e-8, 3.14159265, 0.00000001)
    TEST_FP_OP2_D(23, fmul.d, FF_NV, QNAN, inf, 0.0)
    TEST_FP_OP2_D(24, fmul.d, FF_UF | FF_NX, 0.0, 1.0e-200, 1.0e-200)
    TEST_FP_OP2_D(30, fdiv.d, FF_NX, 1.1557273520668288, 3.14159265, 2.71828182)
    TEST_FP_OP2_D(31, fdiv.d, FF_NX, -0.9991093838555584, -1234, 1235.1)
    TEST_FP_OP2_D(32, fdiv.d, 0, 3.14159265, 3.14159265, 1.0)
    TEST_FP_OP2_D(33, fdiv.d, FF_DZ, inf, 1.0, 0.0)
    TEST_FP_OP2_D(34, fdiv.d, FF_NV, QNAN, -0.0, 0.0)
    TEST_FP_OP1_D(40, fsqrt.d, FF_NX, 1.7724538498928541, 3.14159265)
    TEST_FP_OP1_D(41, fsqrt.d, 0, 100, 10000)
    TEST_FP_OP1_D(42, fsqrt.d, FF_NV, QNAN, -1.0)
    TEST_FP_OP1_D(43, fsqrt.d, FF_NX, 13.076696830622021, 171.0)
    TEST_FP_OP1_D(44, fsqrt.d, 0, -0.0, -0.0)

    TEST_FP_OP2_D(50, fmin.d, 0, 1.0, 2.5, 1.0)
    TEST_FP_OP2_D(51, fmin.d, 0, -1235.1, -1235.1, 1.1)
    TEST_FP_OP2_D(52, fmin.d, 0, 1.0, QNAN, 1.0)
    TEST_FP_OP2_D(53, fmin.d, FF_NV, 1.0, SNAN, 1.0)
    TEST_FP_OP2_D(54, fmin.d, 0, QNAN, 0d:fff8000000000123, QNAN)
    TEST_FP_OP2_D(55, fmin.d, 0, -0.0, 0.0, -0.0)
    TEST_FP_OP2_D(56, fmax.d, 0, 2.5, 2.5, 1.0)
    TEST_FP_OP2_D(57, fmax.d, 0, -1.0, -1.0, QNAN)
    TEST_FP_OP2_D(58, fmax.d, FF_NV, -1.0, SNAN, -1.0)
    TEST_FP_OP2_D(59, fmax.d, 0, 0.0, -0.0, 0.0)
    TEST_FP_OP2_D(60, fmax.d, FF_NV, QNAN, SNAN, SNAN)

    TEST_FP_OP3_D(70, fmadd.d, 0, 3.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_D(71, fmadd.d, FF_NX, 1236.1999999999998, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_D(72, fmadd.d, 0, -12.0, 2.0, -5.0, -2.0)
    /* one rounding: (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly */
    TEST_FP_OP3_D(73, fmadd.d, 0, 0d:b970000000000000, 0d:3ff0000000000001, 0d:3feffffffffffffe, -1.0)
    TEST_FP_OP3_D(74, fmadd.d, FF_NV, QNAN, 0.0, inf, QNAN)
    TEST_FP_OP3_D(75, fnmadd.d, 0, -3.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_D(76, fnmadd.d, FF_NX, -1236.1999999999998, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_D(77, fnmadd.d, 0, 12.0, 2.0, -5.0, -2.0)
    TEST_FP_OP3_D(78, fmsub.d, 0, 1.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_D(79, fmsub.d, FF_NX, 1234, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_D(80, fmsub.d, 0, -8.0, 2.0, -5.0, -2.0)
    TEST_FP_OP3_D(81, fnmsub.d, 0, -1.5, 1.0, 2.5, 1.0)
    TEST_FP_OP3_D(82, fnmsub.d, FF_NX, -1234, -1.0, -1235.1, 1.1)
    TEST_FP_OP3_D(83, fnmsub.d, 0, 8.0, 2.0, -5.0, -2.0)

    TEST_FP_OP2_D(90, fsgnj.d, 0, -6.0, 6.0, -1.0)
    TEST_FP_OP2_D(91, fsgnj.d, 0, 6.0, -6.0, 1.0)
    TEST_FP_OP2_D(92, fsgnjn.d, 0, -6.0, 6.0, 1.0)
    TEST_FP_OP2_D(93, fsgnjn.d, 0, 6.0, -6.0, -1.0)
    TEST_FP_OP2_D(94, fsgnjx.d, 0, 6.0, -6.0, -1.0)
    TEST_FP_OP2_D(95, fsgnjx.d, 0, -6.0, -6.0, 1.0)
    TEST_FP_OP2_D(96, fsgnjx.d, 0, 0d:fff0000000000001, SNAN, -0.0)

    TEST_FP_CMP_D(100, feq.d, 0, 1, -1.36, -1.36)
    TEST_FP_CMP_D(101, fle.d, 0, 1, -1.36, -1.36)
    TEST_FP_CMP_D(102, flt.d, 0, 0, -1.36, -1.36)
    TEST_FP_CMP_D(103, flt.d, 0, 1, -1.37, -1.36)
    TEST_FP_CMP_D(104, feq.d, 0, 0, QNAN, 0)
    TEST_FP_CMP_D(105, feq.d, FF_NV, 0, SNAN, 0)
    TEST_FP_CMP_D(106, flt.d, FF_NV, 0, QNAN, 0)
    TEST_FP_CMP_D(107, fle.d, FF_NV, 0, 0, QNAN)
    TEST_FP_CMP_D(108, fle.d, 0, 1, -0.0, 0.0)

    TEST_FP_INT_OP1_D(120, fclass.d, 0, 1 << 0, -inf)
    TEST_FP_INT_OP1_D(121, fclass.d, 0, 1 << 1, -1.0)
    TEST_FP_INT_OP1_D(122, fclass.d, 0, 1 << 2, 0d:800fffffffffffff)
    TEST_FP_INT_OP1_D(123, fclass.d, 0, 1 << 3, -0.0)
    TEST_FP_INT_OP1_D(124, fclass.d, 0, 1 << 4, 0.0)
    TEST_FP_INT_OP1_D(125, fclass.d, 0, 1 << 5, 0d:000fffffffffffff)
    TEST_FP_INT_OP1_D(126, fclass.d, 0, 1 << 6, 1.0)
    TEST_FP_INT_OP1_D(127, fclass.d, 0, 1 << 7, inf)
    TEST_FP_INT_OP1_D(128, fclass.d, 0, 1 << 8, SNAN)
    TEST_FP_INT_OP1_D(129, fclass.d, 0, 1 << 9, QNAN)

    TEST_FP_INT_OP1_D(130, fcvt.w.d, FF_NX, -1, -1.1, rtz)
    TEST_FP_INT_OP1_D(131, fcvt.w.d, FF_NX, 0, 0.9, rtz)
    TEST_FP_INT_OP1_D(132, fcvt.w.d, FF_NV, 0xffffffff80000000, -3e9, rtz)
    TEST_FP_INT_OP1_D(133, fcvt.w.d, FF_NV, 0x7fffffff, 3e9, rtz)
    TEST_FP_INT_OP1_D(134, fcvt.w.d, FF_NV, 0x7fffffff, QNAN, rtz)
    TEST_FP_INT_OP1_D(135, fcvt.w.d, 0, 0x7fffffff, 2147483647.0, rtz)
    TEST_FP_INT_OP1_D(136, fcvt.w.d, FF_NX, 0x7fffffff, 2147483647.5, rtz)
    TEST_FP_INT_OP1_D(137, fcvt.wu.d, FF_NV, 0, -3.0, rtz)
    TEST_FP_INT_OP1_D(138, fcvt.wu.d, 0, 0xffffffffb2d05e00, 3e9, rtz)
    TEST_FP_INT_OP1_D(139, fcvt.wu.d, FF_NV, 0xffffffffffffffff, 5e9, rtz)
    TEST_FP_INT_OP1_D(140, fcvt.wu.d, FF_NV, 0xffffffffffffffff, QNAN, rtz)
    TEST_FP_INT_OP1_D(141, fcvt.l.d, FF_NX, -1, -1.1, rtz)
    TEST_FP_INT_OP1_D(142, fcvt.l.d, FF_NV, 0x7fffffffffffffff, 1e19, rtz)
    TEST_FP_INT_OP1_D(143, fcvt.l.d, FF_NV, 0x8000000000000000, -1e19, rtz)
    TEST_FP_INT_OP1_D(144, fcvt.l.d, FF_NV, 0x7fffffffffffffff, SNAN, rtz)
    TEST_FP_INT_OP1_D(145, fcvt.l.d, 0, 0x8000000000000000, -9223372036854775808.0, rtz)
    TEST_FP_INT_OP1_D(146, fcvt.lu.d, FF_NV, 0, -3.0, rtz)
    TEST_FP_INT_OP1_D(147, fcvt.lu.d, 0, 0x8ac7230489e80000, 1e19, rtz)
    TEST_FP_INT_OP1_D(148, fcvt.lu.d, FF_NV, 0xffffffffffffffff, 2e19, rtz)
    TEST_FP_INT_OP1_D(149, fcvt.lu.d, FF_NV, 0xffffffffffffffff, inf, rtz)
    TEST_FP_INT_OP1_D(150, fcvt.l.d, FF_NX, 3, 2.5, rmm)
    TEST_FP_INT_OP1_D(151, fcvt.l.d, FF_NX, -3, -2.5, rmm)

    TEST_INT_FP_OP_D(160, fcvt.d.w, 0, 0x4000000000000000, 2)
    TEST_INT_FP_OP_D(161, fcvt.d.w, 0, 0xc1e0000000000000, 0x80000000)
    TEST_INT_FP_OP_D(162, fcvt.d.w, 0, 0x4000000000000000, 0xffffffff00000002)
    TEST_INT_FP_OP_D(163, fcvt.d.wu, 0, 0x41efffffffe00000, 0xffffffff)
    TEST_INT_FP_OP_D(164, fcvt.d.wu, 0, 0x41efffffffc00000, -2)
    TEST_INT_FP_OP_D(165, fcvt.d.l, 0, 0xbff0000000000000, -1)
    TEST_INT_FP_OP_D(166, fcvt.d.l, 0, 0xc3e0000000000000, 0x8000000000000000)
    TEST_INT_FP_OP_D(167, fcvt.d.l, FF_NX, 0x43e0000000000000, 0x7fffffffffffffff)
    TEST_INT_FP_OP_D(168, fcvt.d.l, FF_NX, 0x4340000000000000, 0x20000000000001)
    TEST_INT_FP_OP_D(169, fcvt.d.lu, FF_NX, 0x43f0000000000000, 0xffffffffffffffff)
    TEST_INT_FP_OP_D(170, fcvt.d.lu, 0, 0x43e0000000000000, 0x8000000000000000)

    TEST_D2S(180, 0, 0xffffffffbfc00000, -1.5)
    TEST_D2S(181, FF_NX, 0x40490fdb, 3.14159265358979)
    TEST_D2S(182, FF_OF | FF_NX, 0x7f800000, 1e300)
    TEST_D2S(183, FF_UF | FF_NX, 0x00000000, 1e-300)
    TEST_D2S(184, 0, 0x7fc00000, QNAN)
    TEST_D2S(185, FF_NV, 0x7fc00000, SNAN)
    TEST_D2S(186, 0, 0xffffffffff800000, -inf)
    TEST_S2D(190, 0, 0xbff8000000000000, -1.5)
    TEST_S2D(191, 0, 0x36a0000000000000, 0f:00000001)
    TEST_S2D(192, FF_NV, 0x7ff8000000000000, 0f:7f800001)
    TEST_S2D(193, 0, 0x7ff8000000000000, 0f:ffc00000)
    TEST_S2D(194, 0, 0x7ff0000000000000, inf)

    /* FMV.X.D / FMV.D.X move 64 bits untouched; FLD / FSD */
test_200:
    li TESTNUM, 200
    li a1, 0x7ff0000000000001
    fsflags x0
    fmv.d.x f1, a1
    fmv.x.d a4, f1
    CHECK_EQ(a4, 0x7ff0000000000001)
    frflags a5
    CHECK_EQ(a5, 0)
test_201:
    li TESTNUM, 201
    la a1, fp_mem
    fld f2, 0(a1)
    fsd f2, 16(a1)
    ld a4, 16(a1)
    CHECK_EQ(a4, 0x0123456789abcdef)
    fld f3, 8(a1)
    fmv.x.d a4, f3
    CHECK_EQ(a4, 0xfff0000000000000)
    addi a2, a1, 24
    fsd f3, -24(a2)
    ld a4, 0(a1)
    CHECK_EQ(a4, 0xfff0000000000000)

    TEST_PASS

    .data
    .align 3
fp_mem:
    .dword 0x0123456789abcdef
    .dword 0xfff0000000000000
    .dword 0
