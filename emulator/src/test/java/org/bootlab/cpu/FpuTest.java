package org.bootlab.cpu;

import static org.bootlab.cpu.Fpu.DZ;
import static org.bootlab.cpu.Fpu.NV;
import static org.bootlab.cpu.Fpu.NX;
import static org.bootlab.cpu.Fpu.OF;
import static org.bootlab.cpu.Fpu.RDN;
import static org.bootlab.cpu.Fpu.RMM;
import static org.bootlab.cpu.Fpu.RNE;
import static org.bootlab.cpu.Fpu.RTZ;
import static org.bootlab.cpu.Fpu.RUP;
import static org.bootlab.cpu.Fpu.UF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** Hand-checked corner cases: signed zeros, ties, subnormals, overflow per mode, NaNs, flags. */
class FpuTest {
    private static final long CANONICAL_D = 0x7ff8_0000_0000_0000L;
    private static final long CANONICAL_S = 0x7fc0_0000L;
    private static final long SNAN_D = 0x7ff0_0000_0000_0001L;
    private static final long QNAN_PAYLOAD_D = 0xfff8_0000_0000_1234L;
    private static final int SNAN_S = 0x7f80_0001;
    private static final int QNAN_PAYLOAD_S = 0xffc0_1234;
    private static final long MAX_D = bits(Double.MAX_VALUE), MIN_NORMAL_D = bits(Double.MIN_NORMAL);
    private static final long MIN_SUB_D = 1, INF_D = bits(Double.POSITIVE_INFINITY);
    private static final long NEG = 0x8000_0000_0000_0000L;

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static long bits(float f) {
        return Float.floatToRawIntBits(f) & 0xffff_ffffL;
    }

    private static int sbits(float f) {
        return Float.floatToRawIntBits(f);
    }

    /** Runs op on a fresh Fpu and checks the result bits and the raised flags. */
    private static void expect(long wantBits, int wantFlags, ToLongFunction<Fpu> op) {
        Fpu fpu = new Fpu();
        long got = op.applyAsLong(fpu);
        assertEquals(Long.toHexString(wantBits), Long.toHexString(got), "result");
        assertEquals(wantFlags, fpu.flags, "flags");
    }

    /** Binary32 results come back as int; compare as unsigned 32-bit patterns. */
    private static void expectS(long wantBits, int wantFlags, ToLongFunction<Fpu> op) {
        expect(wantBits, wantFlags, fpu -> op.applyAsLong(fpu) & 0xffff_ffffL);
    }

    // ------------------------------------------------------------------ add / sub

    @Test
    void halfwayAdditionRoundsPerMode() {
        long one = bits(1.0), half = bits(0x1p-53), up = bits(1 + 0x1p-52);
        expect(one, NX, f -> f.addD(one, half, RNE)); // tie to even
        expect(up, NX, f -> f.addD(one, half, RMM)); // tie away from zero
        expect(up, NX, f -> f.addD(one, half, RUP));
        expect(one, NX, f -> f.addD(one, half, RDN));
        expect(one, NX, f -> f.addD(one, half, RTZ));
        long mOne = one | NEG, mHalf = half | NEG, mUp = up | NEG;
        expect(mOne, NX, f -> f.addD(mOne, mHalf, RNE));
        expect(mUp, NX, f -> f.addD(mOne, mHalf, RMM));
        expect(mUp, NX, f -> f.addD(mOne, mHalf, RDN));
        expect(mOne, NX, f -> f.addD(mOne, mHalf, RUP));
        expect(mOne, NX, f -> f.addD(mOne, mHalf, RTZ));
        // an odd significand ties upwards in RNE too
        expect(bits(1 + 0x1p-51), NX, f -> f.addD(up, half, RNE));

        int oneS = sbits(1f), halfS = sbits(0x1p-24f);
        expectS(bits(1f), NX, f -> f.addS(oneS, halfS, RNE));
        expectS(bits(1 + 0x1p-23f), NX, f -> f.addS(oneS, halfS, RMM));
        expectS(bits(1f), NX, f -> f.subS(oneS, halfS | 0x8000_0000, RTZ));
    }

    @Test
    void exactZeroSumsHaveTheSpecSign() {
        long x = bits(1.5), mx = x | NEG, pz = 0, nz = NEG;
        for (int rm : new int[] {RNE, RTZ, RUP, RMM}) {
            expect(pz, 0, f -> f.addD(x, mx, rm));
            expect(pz, 0, f -> f.subD(x, x, rm));
            expect(pz, 0, f -> f.addD(pz, nz, rm));
            expectS(0, 0, f -> f.subS(sbits(1.5f), sbits(1.5f), rm));
        }
        expect(nz, 0, f -> f.addD(x, mx, RDN));
        expect(nz, 0, f -> f.addD(pz, nz, RDN));
        expect(pz, 0, f -> f.addD(pz, pz, RDN));
        expect(nz, 0, f -> f.addD(nz, nz, RNE));
        expect(nz, 0, f -> f.subD(nz, pz, RNE));
        expectS(0x8000_0000L, 0, f -> f.subS(sbits(1.5f), sbits(1.5f), RDN));
        expectS(0, 0, f -> f.addS(0, 0, RDN));
        expectS(0x8000_0000L, 0, f -> f.addS(0x8000_0000, 0, RDN));
    }

    @Test
    void additionOverflowPerMode() {
        expect(INF_D, OF | NX, f -> f.addD(MAX_D, MAX_D, RNE));
        expect(INF_D, OF | NX, f -> f.addD(MAX_D, MAX_D, RMM));
        expect(INF_D, OF | NX, f -> f.addD(MAX_D, MAX_D, RUP));
        expect(MAX_D, OF | NX, f -> f.addD(MAX_D, MAX_D, RTZ));
        expect(MAX_D, OF | NX, f -> f.addD(MAX_D, MAX_D, RDN));
        long mMax = MAX_D | NEG;
        expect(INF_D | NEG, OF | NX, f -> f.addD(mMax, mMax, RDN));
        expect(mMax, OF | NX, f -> f.addD(mMax, mMax, RUP));
        expect(mMax, OF | NX, f -> f.addD(mMax, mMax, RTZ));
        // Less than half an ulp above MAX: RNE stays on MAX, RUP steps past it into overflow.
        long one = bits(1.0);
        expect(MAX_D, NX, f -> f.addD(MAX_D, one, RNE));
        expect(INF_D, OF | NX, f -> f.addD(MAX_D, one, RUP));
        expect(MAX_D | NEG, NX, f -> f.subD(MAX_D | NEG, one, RUP));
        expect(INF_D | NEG, OF | NX, f -> f.subD(MAX_D | NEG, one, RDN));
        // Half an ulp above MAX: a tie that RNE breaks upwards (odd significand) into overflow,
        // while RTZ and RDN round back to MAX without overflowing.
        long halfUlp = bits(0x1p970);
        expect(INF_D, OF | NX, f -> f.addD(MAX_D, halfUlp, RNE));
        expect(MAX_D, NX, f -> f.addD(MAX_D, halfUlp, RTZ));
        expect(MAX_D, NX, f -> f.addD(MAX_D, halfUlp, RDN));
        expect(INF_D, OF | NX, f -> f.addD(MAX_D, halfUlp, RUP));

        int maxS = sbits(Float.MAX_VALUE);
        expectS(bits(Float.POSITIVE_INFINITY), OF | NX, f -> f.addS(maxS, maxS, RNE));
        expectS(bits(Float.MAX_VALUE), OF | NX, f -> f.addS(maxS, maxS, RTZ));
        expectS(bits(-Float.MAX_VALUE), OF | NX, f -> f.addS(maxS | 0x8000_0000, maxS | 0x8000_0000, RUP));
    }

    @Test
    void exactSubnormalSumsRaiseNothing() {
        expect(2, 0, f -> f.addD(MIN_SUB_D, MIN_SUB_D, RNE));
        expect(MIN_NORMAL_D, 0, f -> f.addD(MIN_NORMAL_D - 1, MIN_SUB_D, RDN));
        expectS(2, 0, f -> f.addS(1, 1, RUP));
    }

    @Test
    void additionSpecials() {
        long inf = INF_D, one = bits(1.0);
        expect(CANONICAL_D, NV, f -> f.addD(inf, inf | NEG, RNE));
        expect(CANONICAL_D, NV, f -> f.subD(inf, inf, RNE));
        expect(inf, 0, f -> f.addD(inf, inf, RNE));
        expect(inf | NEG, 0, f -> f.addD(one, inf | NEG, RNE));
        expect(CANONICAL_D, 0, f -> f.addD(QNAN_PAYLOAD_D, one, RNE));
        expect(CANONICAL_D, NV, f -> f.addD(one, SNAN_D, RNE));
        expect(CANONICAL_D, NV, f -> f.addD(SNAN_D, inf, RDN));
        expectS(CANONICAL_S, 0, f -> f.addS(QNAN_PAYLOAD_S, sbits(1f), RNE));
        expectS(CANONICAL_S, NV, f -> f.addS(sbits(1f), SNAN_S, RUP));
        expectS(CANONICAL_S, NV, f -> f.subS(0x7f80_0000, 0x7f80_0000, RUP));
    }

    // ------------------------------------------------------------------ mul

    @Test
    void multiplicationUnderflow() {
        long half = bits(0.5);
        expect(bits(0x1p-1023), 0, f -> f.mulD(MIN_NORMAL_D, half, RNE)); // exact subnormal: no UF
        // MIN_SUB * 0.5 lies halfway between 0 and MIN_SUB
        expect(0, UF | NX, f -> f.mulD(MIN_SUB_D, half, RNE));
        expect(MIN_SUB_D, UF | NX, f -> f.mulD(MIN_SUB_D, half, RMM));
        expect(MIN_SUB_D, UF | NX, f -> f.mulD(MIN_SUB_D, half, RUP));
        expect(0, UF | NX, f -> f.mulD(MIN_SUB_D, half, RDN));
        expect(0, UF | NX, f -> f.mulD(MIN_SUB_D, half, RTZ));
        expect(MIN_SUB_D | NEG, UF | NX, f -> f.mulD(MIN_SUB_D | NEG, half, RDN));
        expect(NEG, UF | NX, f -> f.mulD(MIN_SUB_D | NEG, half, RUP));
        expectS(1, UF | NX, f -> f.mulS(1, sbits(0.75f), RNE));
        expectS(0, UF | NX, f -> f.mulS(1, sbits(0.25f), RNE));
    }

    @Test
    void tininessIsDetectedAfterRounding() {
        // (1 - 2^-53) * 2^-1022 = 2^-1022 - 2^-1075: halfway between the largest subnormal and
        // MIN_NORMAL, rounds to MIN_NORMAL, but with an unbounded exponent it is representable
        // below 2^-1022, so it is tiny: UF.
        long justBelowOne = bits(1 - 0x1p-53);
        expect(MIN_NORMAL_D, UF | NX, f -> f.mulD(justBelowOne, MIN_NORMAL_D, RNE));
        expect(MIN_NORMAL_D, UF | NX, f -> f.mulD(justBelowOne, MIN_NORMAL_D, RUP));
        expect(MIN_NORMAL_D - 1, UF | NX, f -> f.mulD(justBelowOne, MIN_NORMAL_D, RTZ));
        // (2^52 - 1)(2^52 + 1) * 2^-1126 = 2^-1022 (1 - 2^-104): rounds to MIN_NORMAL even with
        // an unbounded exponent, so it is not tiny: NX only (tininess-before-rounding would say UF).
        long a = bits(Math.scalb((double) ((1L << 52) - 1), -600));
        long b = bits(Math.scalb((double) ((1L << 52) + 1), -526));
        expect(MIN_NORMAL_D, NX, f -> f.mulD(a, b, RNE));
        expect(MIN_NORMAL_D, NX, f -> f.mulD(a, b, RMM));
        expect(MIN_NORMAL_D - 1, UF | NX, f -> f.mulD(a, b, RTZ));
        expect(MIN_NORMAL_D - 1, UF | NX, f -> f.mulD(a, b, RDN));

        // binary32: 2351 * 4513 * 13264529 = 2^47 - 1, so a*b = 2^-126 (1 - 2^-47)
        int as = sbits(Math.scalb((float) (2351 * 4513), -87)), bs = sbits(Math.scalb(13264529f, -86));
        expectS(bits(Float.MIN_NORMAL), NX, f -> f.mulS(as, bs, RNE));
        expectS(0x007f_ffffL, UF | NX, f -> f.mulS(as, bs, RTZ));
        // narrowing: 2^-126 - 2^-150 is halfway and tiny; 2^-126 - 2^-152 is not tiny
        expectS(bits(Float.MIN_NORMAL), UF | NX, f -> f.cvtSD(bits(0x1p-126 - 0x1p-150), RNE));
        expectS(bits(Float.MIN_NORMAL), NX, f -> f.cvtSD(bits(0x1p-126 - 0x1p-152), RNE));
        expectS(0x007f_ffffL, UF | NX, f -> f.cvtSD(bits(0x1p-126 - 0x1p-152), RTZ));
        expectS(bits(Float.MIN_NORMAL), NX, f -> f.cvtSD(bits(0x1p-126 - 0x1p-170), RUP));
    }

    @Test
    void multiplicationOverflowAndSpecials() {
        long two = bits(2.0);
        expect(INF_D, OF | NX, f -> f.mulD(MAX_D, two, RNE));
        expect(MAX_D, OF | NX, f -> f.mulD(MAX_D, two, RTZ));
        expect(MAX_D | NEG, OF | NX, f -> f.mulD(MAX_D | NEG, two, RUP));
        expect(INF_D | NEG, OF | NX, f -> f.mulD(MAX_D | NEG, two, RDN));
        expect(CANONICAL_D, NV, f -> f.mulD(INF_D, 0, RNE));
        expect(CANONICAL_D, NV, f -> f.mulD(NEG, INF_D, RNE));
        expect(NEG, 0, f -> f.mulD(NEG, two, RNE));
        expect(INF_D | NEG, 0, f -> f.mulD(INF_D, bits(-3.0), RNE));
        expectS(CANONICAL_S, NV, f -> f.mulS(0x7f80_0000, 0, RNE));
        expectS(0x8000_0000L, 0, f -> f.mulS(0x8000_0000, sbits(5f), RNE));
    }

    // ------------------------------------------------------------------ div

    @Test
    void divisionRoundsPerMode() {
        long one = bits(1.0), three = bits(3.0);
        expect(0x3fd5_5555_5555_5555L, NX, f -> f.divD(one, three, RNE));
        expect(0x3fd5_5555_5555_5555L, NX, f -> f.divD(one, three, RMM));
        expect(0x3fd5_5555_5555_5555L, NX, f -> f.divD(one, three, RTZ));
        expect(0x3fd5_5555_5555_5555L, NX, f -> f.divD(one, three, RDN));
        expect(0x3fd5_5555_5555_5556L, NX, f -> f.divD(one, three, RUP));
        expect(0xbfd5_5555_5555_5556L, NX, f -> f.divD(one | NEG, three, RDN));
        expect(0x3fe5_5555_5555_5555L, NX, f -> f.divD(bits(2.0), three, RNE));
        expect(bits(0.75), 0, f -> f.divD(three, bits(4.0), RUP));
        expectS(0x3eaa_aaabL, NX, f -> f.divS(sbits(1f), sbits(3f), RNE));
        expectS(0x3eaa_aaaaL, NX, f -> f.divS(sbits(1f), sbits(3f), RTZ));
    }

    @Test
    void divisionSpecials() {
        long one = bits(1.0);
        expect(INF_D, DZ, f -> f.divD(one, 0, RNE));
        expect(INF_D | NEG, DZ, f -> f.divD(one, NEG, RNE));
        expect(INF_D | NEG, DZ, f -> f.divD(one | NEG, 0, RTZ));
        expect(CANONICAL_D, NV, f -> f.divD(0, 0, RNE));
        expect(CANONICAL_D, NV, f -> f.divD(INF_D, INF_D | NEG, RNE));
        expect(INF_D, 0, f -> f.divD(INF_D, 0, RNE)); // not a division by zero of a finite number
        expect(NEG, 0, f -> f.divD(one, INF_D | NEG, RNE));
        expect(0, 0, f -> f.divD(0, one, RNE));
        expect(INF_D, OF | NX, f -> f.divD(MAX_D, bits(0.5), RNE));
        expect(MAX_D, OF | NX, f -> f.divD(MAX_D, bits(0.5), RDN));
        expect(0, UF | NX, f -> f.divD(MIN_SUB_D, bits(3.0), RNE));
        expect(MIN_SUB_D, UF | NX, f -> f.divD(MIN_SUB_D, bits(3.0), RUP));
        expectS(bits(Float.NEGATIVE_INFINITY), DZ, f -> f.divS(sbits(-2f), 0, RNE));
        expectS(CANONICAL_S, NV, f -> f.divS(0, 0x8000_0000, RNE));
    }

    // ------------------------------------------------------------------ sqrt

    @Test
    void squareRoot() {
        long two = bits(2.0);
        expect(0x3ff6_a09e_667f_3bcdL, NX, f -> f.sqrtD(two, RNE));
        expect(0x3ff6_a09e_667f_3bcdL, NX, f -> f.sqrtD(two, RUP));
        expect(0x3ff6_a09e_667f_3bcdL, NX, f -> f.sqrtD(two, RMM));
        expect(0x3ff6_a09e_667f_3bccL, NX, f -> f.sqrtD(two, RDN));
        expect(0x3ff6_a09e_667f_3bccL, NX, f -> f.sqrtD(two, RTZ));
        expect(bits(2.0), 0, f -> f.sqrtD(bits(4.0), RUP));
        expect(bits(0x1p-537), 0, f -> f.sqrtD(MIN_SUB_D, RNE));
        expect(NEG, 0, f -> f.sqrtD(NEG, RNE));
        expect(INF_D, 0, f -> f.sqrtD(INF_D, RNE));
        expect(CANONICAL_D, NV, f -> f.sqrtD(bits(-1.0), RNE));
        expect(CANONICAL_D, NV, f -> f.sqrtD(INF_D | NEG, RNE));
        expect(CANONICAL_D, NV, f -> f.sqrtD(SNAN_D, RNE));
        expect(CANONICAL_D, 0, f -> f.sqrtD(QNAN_PAYLOAD_D, RNE));
        expect(CANONICAL_D, NV, f -> f.sqrtD(MIN_SUB_D | NEG, RNE));
        expectS(0x3fb5_04f3L, NX, f -> f.sqrtS(sbits(2f), RNE));
        expectS(0x3fb5_04f4L, NX, f -> f.sqrtS(sbits(2f), RUP));
        expectS(0x3fb5_04f3L, NX, f -> f.sqrtS(sbits(2f), RTZ));
        expectS(0x8000_0000L, 0, f -> f.sqrtS(0x8000_0000, RNE));
        expectS(CANONICAL_S, NV, f -> f.sqrtS(sbits(-4f), RNE));
    }

    // ------------------------------------------------------------------ fma

    @Test
    void fmaRoundsOnce() {
        // (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly; separate rounding would give 0
        long a = bits(1 + 0x1p-52), b = bits(1 - 0x1p-52), mOne = bits(-1.0);
        expect(bits(-0x1p-104), 0, f -> f.fmaD(a, b, mOne, RNE));
        // binary32: 1774001 * 38737 = 2^36 + 1, so a*b + 1 = 1 + 2^-24 + 2^-60, just above a
        // tie: the correct result rounds up, rounding to double first would tie back to 1.
        int as = sbits(Math.scalb(1774001f, -30)), bs = sbits(Math.scalb(38737f, -30));
        expectS(bits(1 + 0x1p-23f), NX, f -> f.fmaS(as, bs, sbits(1f), RNE));
        expectS(bits(1f), NX, f -> f.fmaS(as, bs, sbits(1f), RTZ));
        expectS(bits(1 + 0x1p-23f), NX, f -> f.fmaS(as, bs, sbits(1f), RUP));
    }

    @Test
    void fmaZeroSigns() {
        long one = bits(1.0), mOne = bits(-1.0);
        expect(0, 0, f -> f.fmaD(one, one, mOne, RNE));
        expect(NEG, 0, f -> f.fmaD(one, one, mOne, RDN));
        expect(NEG, 0, f -> f.fmaD(0, mOne, NEG, RNE)); // -0 + -0
        expect(0, 0, f -> f.fmaD(0, one, NEG, RNE)); // +0 + -0
        expect(NEG, 0, f -> f.fmaD(0, one, NEG, RDN));
        expect(one, 0, f -> f.fmaD(NEG, one, one, RNE));
        expect(MIN_SUB_D, 0, f -> f.fmaD(0, one, MIN_SUB_D, RNE)); // exact, so no UF
        expectS(0x8000_0000L, 0, f -> f.fmaS(sbits(1f), sbits(1f), sbits(-1f), RDN));
        expectS(0, 0, f -> f.fmaS(sbits(1f), sbits(1f), sbits(-1f), RUP));
    }

    @Test
    void fmaInvalidCases() {
        long one = bits(1.0);
        expect(CANONICAL_D, NV, f -> f.fmaD(0, INF_D, QNAN_PAYLOAD_D, RNE)); // 0*inf even with a qNaN addend
        expect(CANONICAL_D, NV, f -> f.fmaD(INF_D, NEG, one, RNE));
        expect(CANONICAL_D, NV, f -> f.fmaD(INF_D, one, INF_D | NEG, RNE));
        expect(CANONICAL_D, 0, f -> f.fmaD(one, one, QNAN_PAYLOAD_D, RNE));
        expect(CANONICAL_D, NV, f -> f.fmaD(one, SNAN_D, one, RNE));
        expect(INF_D, 0, f -> f.fmaD(INF_D, one, INF_D, RNE));
        expect(INF_D | NEG, 0, f -> f.fmaD(one, one, INF_D | NEG, RNE));
        expect(INF_D, OF | NX, f -> f.fmaD(MAX_D, bits(2.0), bits(-1.0), RNE));
        expect(MAX_D, OF | NX, f -> f.fmaD(MAX_D, bits(2.0), bits(-1.0), RTZ));
        expectS(CANONICAL_S, NV, f -> f.fmaS(0x7f80_0000, 0, QNAN_PAYLOAD_S, RNE));
        expectS(CANONICAL_S, NV, f -> f.fmaS(sbits(1f), sbits(1f), SNAN_S, RNE));
    }

    // ------------------------------------------------------------------ compare, min/max, class

    @Test
    void comparisons() {
        long one = bits(1.0);
        expect(0, 0, f -> f.eqD(QNAN_PAYLOAD_D, one));
        expect(0, NV, f -> f.eqD(one, SNAN_D));
        expect(0, NV, f -> f.ltD(QNAN_PAYLOAD_D, one));
        expect(0, NV, f -> f.leD(one, QNAN_PAYLOAD_D));
        expect(1, 0, f -> f.eqD(NEG, 0));
        expect(0, 0, f -> f.ltD(NEG, 0));
        expect(1, 0, f -> f.leD(NEG, 0));
        expect(1, 0, f -> f.ltD(bits(-2.0), one));
        expect(0, 0, f -> f.eqS(QNAN_PAYLOAD_S, QNAN_PAYLOAD_S));
        expect(0, NV, f -> f.eqS(SNAN_S, 0));
        expect(0, NV, f -> f.leS(QNAN_PAYLOAD_S, 0));
        expect(1, 0, f -> f.leS(0x8000_0000, 0));
        expect(1, 0, f -> f.ltS(sbits(1f), sbits(1.5f)));
    }

    @Test
    void minMax() {
        long one = bits(1.0), two = bits(2.0);
        expect(NEG, 0, f -> f.minD(0, NEG));
        expect(NEG, 0, f -> f.minD(NEG, 0));
        expect(0, 0, f -> f.maxD(NEG, 0));
        expect(0, 0, f -> f.maxD(0, NEG));
        expect(one, 0, f -> f.minD(one, two));
        expect(two, 0, f -> f.maxD(one, two));
        expect(one, 0, f -> f.minD(QNAN_PAYLOAD_D, one));
        expect(one, NV, f -> f.maxD(one, SNAN_D));
        expect(CANONICAL_D, 0, f -> f.minD(QNAN_PAYLOAD_D, QNAN_PAYLOAD_D));
        expect(CANONICAL_D, NV, f -> f.maxD(SNAN_D, QNAN_PAYLOAD_D));
        expectS(0x8000_0000L, 0, f -> f.minS(0, 0x8000_0000));
        expectS(0, 0, f -> f.maxS(0x8000_0000, 0));
        expectS(bits(1f), NV, f -> f.minS(SNAN_S, sbits(1f)));
        expectS(CANONICAL_S, 0, f -> f.maxS(QNAN_PAYLOAD_S, QNAN_PAYLOAD_S));
    }

    @Test
    void classify() {
        long[] d = {INF_D | NEG, bits(-1.0), MIN_SUB_D | NEG, NEG, 0, MIN_NORMAL_D - 1, MAX_D, INF_D, SNAN_D,
            QNAN_PAYLOAD_D};
        int[] s = {0xff80_0000, sbits(-1f), 0x8000_0001, 0x8000_0000, 0, 0x007f_ffff, sbits(Float.MAX_VALUE),
            0x7f80_0000, SNAN_S, QNAN_PAYLOAD_S};
        for (int i = 0; i < 10; i++) {
            long mask = 1L << i;
            int k = i;
            expect(mask, 0, f -> f.classD(d[k]));
            expect(mask, 0, f -> f.classS(s[k]));
        }
    }

    // ------------------------------------------------------------------ conversions

    @Test
    void toIntegerRoundsPerMode() {
        long p = bits(2.5), m = bits(-2.5);
        int[] modes = {RNE, RTZ, RDN, RUP, RMM};
        long[] pos = {2, 2, 2, 3, 3}, neg = {-2, -2, -3, -2, -3};
        for (int i = 0; i < modes.length; i++) {
            int rm = modes[i];
            long wp = pos[i], wn = neg[i];
            expect(wp, NX, f -> f.cvtWD(p, rm));
            expect(wn, NX, f -> f.cvtLD(m, rm));
            expect(wn, NX, f -> f.cvtWS(sbits(-2.5f), rm));
        }
        expect(4, NX, f -> f.cvtWD(bits(3.5), RNE));
        expect(-4, NX, f -> f.cvtLD(bits(-3.5), RNE));
        expect(7, 0, f -> f.cvtWuD(bits(7.0), RTZ));
    }

    @Test
    void toIntegerSaturates() {
        long max32 = 0x7fff_ffffL, min32 = -0x8000_0000L;
        expect(max32, NV, f -> f.cvtWD(bits(0x1p31), RNE));
        expect(min32, 0, f -> f.cvtWD(bits(-0x1p31), RNE));
        expect(min32, NX, f -> f.cvtWD(bits(-0x1p31 - 0.5), RNE)); // ties to the even -2^31
        expect(min32, NV, f -> f.cvtWD(bits(-0x1p31 - 0.5), RDN));
        expect(max32, NV, f -> f.cvtWD(CANONICAL_D, RNE));
        expect(max32, NV, f -> f.cvtWD(QNAN_PAYLOAD_D, RNE)); // NaN saturates high whatever its sign
        expect(max32, NV, f -> f.cvtWD(INF_D, RNE));
        expect(min32, NV, f -> f.cvtWD(INF_D | NEG, RNE));
        expect(max32, NX, f -> f.cvtWD(bits(2147483647.4), RNE));

        // unsigned 32-bit results are sign-extended into x[rd]
        expect(-1L, 0, f -> f.cvtWuD(bits(4294967295.0), RNE));
        expect(0xffff_ffff_8000_0000L, 0, f -> f.cvtWuD(bits(0x1p31), RNE));
        expect(-1L, NV, f -> f.cvtWuD(bits(0x1p32), RNE));
        expect(-1L, NV, f -> f.cvtWuD(SNAN_D, RNE));
        expect(0, NX, f -> f.cvtWuD(bits(-0.3), RNE)); // rounds to 0: not invalid
        expect(0, NV, f -> f.cvtWuD(bits(-0.7), RNE)); // rounds to -1: invalid
        expect(0, NV, f -> f.cvtWuD(bits(-0.3), RDN));
        expect(0, 0, f -> f.cvtWuD(NEG, RNE));
        expect(0, NV, f -> f.cvtWuD(INF_D | NEG, RNE));

        expect(Long.MAX_VALUE, NV, f -> f.cvtLD(bits(0x1p63), RNE));
        expect(Long.MIN_VALUE, 0, f -> f.cvtLD(bits(-0x1p63), RNE));
        expect(Long.MIN_VALUE, NV, f -> f.cvtLD(bits(-0x1p64), RNE));
        expect(Long.MAX_VALUE, NV, f -> f.cvtLD(CANONICAL_D, RNE));
        expect(-1L, NV, f -> f.cvtLuD(bits(0x1p64), RNE));
        expect(0xffff_ffff_ffff_f800L, 0, f -> f.cvtLuD(bits(0x1p64 - 2048), RNE));
        expect(0, NV, f -> f.cvtLuD(bits(-1.0), RNE));
        expect(0, NX, f -> f.cvtLuD(bits(-0.5), RNE));
        expect(0, NV, f -> f.cvtLuD(bits(-0.5), RMM));
        expect(-1L, NV, f -> f.cvtLuS(0x7f80_0000, RNE));
        expect(0x7fff_ffffL, NV, f -> f.cvtWS(SNAN_S, RNE));
        expect(1, NX, f -> f.cvtLuS(1, RUP)); // the smallest subnormal rounds up to 1
    }

    @Test
    void fromIntegerRoundsPerMode() {
        long tie = (1L << 53) + 1;
        expect(bits(0x1p53), NX, f -> f.cvtDL(tie, RNE));
        expect(bits(0x1p53 + 2), NX, f -> f.cvtDL(tie, RMM));
        expect(bits(0x1p53 + 2), NX, f -> f.cvtDL(tie, RUP));
        expect(bits(-0x1p53 - 2), NX, f -> f.cvtDL(-tie, RDN));
        expect(bits(-0x1p53), NX, f -> f.cvtDL(-tie, RTZ));
        expect(bits(-0x1p63), 0, f -> f.cvtDL(Long.MIN_VALUE, RNE));
        expect(bits(0x1p64), NX, f -> f.cvtDLu(-1L, RNE));
        expect(bits(0x1p64 - 2048), NX, f -> f.cvtDLu(-1L, RTZ));
        expect(bits(4294967295.0), 0, f -> f.cvtDWu(-1L, RNE)); // only the low 32 bits count
        expect(bits(-1.0), 0, f -> f.cvtDW(0xffff_ffffL, RNE));
        expect(0, 0, f -> f.cvtDL(0, RDN)); // integer zero is +0 in every mode
        expectS(bits(16777216f), NX, f -> f.cvtSW(16777217, RNE));
        expectS(bits(16777218f), NX, f -> f.cvtSW(16777217, RMM));
        expectS(bits(-16777218f), NX, f -> f.cvtSW(-16777217, RDN));
        expectS(bits(0x1p32f), NX, f -> f.cvtSWu(-1L, RNE));
        expectS(bits(0x1p64f), NX, f -> f.cvtSLu(-1L, RUP));
        expectS(bits(0x1p64f - 0x1p40f), NX, f -> f.cvtSLu(-1L, RDN));
        expectS(bits(-0x1p63f), 0, f -> f.cvtSL(Long.MIN_VALUE, RUP));
    }

    @Test
    void betweenFormats() {
        long tie = bits(1 + 0x1p-24);
        expectS(bits(1f), NX, f -> f.cvtSD(tie, RNE));
        expectS(bits(1 + 0x1p-23f), NX, f -> f.cvtSD(tie, RMM));
        expectS(bits(Float.POSITIVE_INFINITY), OF | NX, f -> f.cvtSD(MAX_D, RNE));
        expectS(bits(Float.MAX_VALUE), OF | NX, f -> f.cvtSD(MAX_D, RTZ));
        expectS(bits(-Float.MAX_VALUE), OF | NX, f -> f.cvtSD(MAX_D | NEG, RUP));
        expectS(0, UF | NX, f -> f.cvtSD(bits(0x1p-150), RNE)); // halfway to MIN_VALUE: even is 0
        expectS(1, UF | NX, f -> f.cvtSD(bits(0x1p-150), RMM));
        expectS(1, UF | NX, f -> f.cvtSD(MIN_SUB_D, RUP));
        expectS(0x8000_0000L, UF | NX, f -> f.cvtSD(MIN_SUB_D | NEG, RNE));
        expectS(CANONICAL_S, NV, f -> f.cvtSD(SNAN_D, RNE));
        expectS(CANONICAL_S, 0, f -> f.cvtSD(QNAN_PAYLOAD_D, RNE));
        expectS(0x8000_0000L, 0, f -> f.cvtSD(NEG, RNE));
        expectS(0xff80_0000L, 0, f -> f.cvtSD(INF_D | NEG, RNE));
        // cvtSD hands back the bare binary32 pattern: the hart does the NaN-boxing
        expect(0x3f80_0000L, 0, f -> f.cvtSD(bits(1.0), RNE));

        expect(bits(0x1p-149), 0, f -> f.cvtDS(1));
        expect(CANONICAL_D, NV, f -> f.cvtDS(SNAN_S & 0xffff_ffffL));
        expect(CANONICAL_D, 0, f -> f.cvtDS(QNAN_PAYLOAD_S & 0xffff_ffffL));
        expect(INF_D | NEG, 0, f -> f.cvtDS(0xff80_0000L));
    }

    @Test
    void flagsAccumulateUntilCleared() {
        Fpu fpu = new Fpu();
        fpu.divD(bits(1.0), 0, RNE);
        fpu.addD(bits(1.0), bits(0x1p-60), RNE);
        fpu.sqrtD(bits(-1.0), RNE);
        assertEquals(DZ | NX | NV, fpu.flags);
        fpu.addD(bits(1.0), bits(1.0), RNE);
        assertEquals(DZ | NX | NV, fpu.flags);
        fpu.flags = 0;
        fpu.mulD(bits(3.0), bits(3.0), RNE);
        assertEquals(0, fpu.flags);
    }
}
