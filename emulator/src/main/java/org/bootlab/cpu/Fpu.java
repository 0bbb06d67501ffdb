package org.bootlab.cpu;

/**
 * IEEE 754 binary32/binary64 arithmetic with the RISC-V F and D semantics: every rounding
 * mode, tininess detected after rounding, canonical NaN results and the five exception flags.
 *
 * <p>Operands and results are raw bit patterns. The hart owns NaN-boxing, the register files,
 * sign injection, moves and the fcsr; it resolves the dynamic rounding mode before calling here
 * and clears {@link #flags} when the guest writes fflags.
 *
 * <p>Two layers. The fast layer uses Java's round-to-nearest arithmetic plus an exact error
 * term (Fast2Sum, fma residues): the error's sign gives the inexact flag and moves the result
 * to a directed mode, and an exact error detects the ties that RMM breaks differently. Whatever
 * it cannot vouch for (special operands, results near the underflow or overflow thresholds,
 * every binary64 fma) goes to the exact layer: integer significands, 128-bit sums and
 * products, and a single rounding routine shared by both formats.
 *
 * <p>Binary32 operations are computed in binary64 where that is exact or carries an exact
 * error term, then rounded once to binary32 by the same routine; a plain double-to-float
 * narrowing is used only where double rounding is provably innocuous (+, -, *, /, sqrt).
 *
 * <p>To get FMSUB, FNMSUB and FNMADD, the hart flips the sign bits of the operands
 * ({@code fma(a, b, -c)}, {@code fma(-a, b, c)}, {@code fma(-a, b, -c)}): that is exact, so the
 * single rounding and the signed-zero rules stay those of the spec.
 */
public final class Fpu {
    // fflags bits
    public static final int NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;
    // rounding modes, already resolved by the hart (never DYN or a reserved encoding)
    public static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;

    /** Exception flags raised by operations since the hart last cleared it (OR-accumulated). */
    public int flags;

    private static final long SIGN_D = 0x8000_0000_0000_0000L;
    private static final long EXP_D = 0x7ff0_0000_0000_0000L;
    private static final long FRAC_D = 0x000f_ffff_ffff_ffffL;
    private static final long QUIET_D = 0x0008_0000_0000_0000L;
    private static final long CANONICAL_NAN_D = 0x7ff8_0000_0000_0000L;
    private static final int SIGN_S = 0x8000_0000;
    private static final int EXP_S = 0x7f80_0000;
    private static final int QUIET_S = 0x0040_0000;
    private static final int CANONICAL_NAN_S = 0x7fc0_0000;

    // Below these magnitudes the fma-based residues of the fast paths could underflow.
    private static final double MUL_FAST_MIN = 0x1p-960;
    private static final double DIV_FAST_MIN = 0x1p-900;
    private static final double SQRT_SCALE_BELOW = 0x1p-900;

    /** Target format of the shared rounding routine. */
    private enum Format {
        DOUBLE(53, -1022, 1023, 63), SINGLE(24, -126, 127, 31);

        final int precision, emin, emax;
        final long signBit, infinity, maxFinite;

        Format(int precision, int emin, int emax, int signShift) {
            this.precision = precision;
            this.emin = emin;
            this.emax = emax;
            this.signBit = 1L << signShift;
            this.infinity = (long) (2 * emax + 1) << (precision - 1);
            this.maxFinite = infinity - 1;
        }
    }

    // ------------------------------------------------------------------ binary64 arithmetic

    public long addD(long a, long b, int rm) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        double r = x + y;
        // A finite sum has not overflowed, and an inexact sum is never tiny. A zero sum goes the
        // exact way unless in RNE: its sign depends on the mode.
        if (Math.abs(r) <= Double.MAX_VALUE && (rm == RNE || r != 0)) {
            return Double.doubleToRawLongBits(fromNearest(r, fast2SumError(x, y, r), true, rm));
        }
        return addSoft(a, b, rm);
    }

    public long subD(long a, long b, int rm) {
        return addD(a, b ^ SIGN_D, rm);
    }

    public long mulD(long a, long b, int rm) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        double r = x * y;
        double m = Math.abs(r);
        if (m >= MUL_FAST_MIN && m <= Double.MAX_VALUE) {
            return Double.doubleToRawLongBits(fromNearest(r, Math.fma(x, y, -r), true, rm));
        }
        return mulSoft(a, b, rm);
    }

    public long divD(long a, long b, int rm) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        double r = x / y;
        double m = Math.abs(r);
        if (Math.abs(x) >= DIV_FAST_MIN && m >= MUL_FAST_MIN && m <= Double.MAX_VALUE) {
            double residue = Math.fma(-r, y, x); // x - r*y exactly; x/y - r has the sign of residue/y
            return Double.doubleToRawLongBits(fromNearest(r, y > 0 ? residue : -residue, false, rm));
        }
        return divSoft(a, b, rm);
    }

    public long sqrtD(long a, int rm) {
        if (isNaN(a)) return invalidIfSignaling(isSignaling(a), CANONICAL_NAN_D);
        if ((a & ~SIGN_D) == 0 || a == EXP_D) return a; // +-0 and +inf are their own roots
        if (a < 0) return invalid(CANONICAL_NAN_D);
        return Double.doubleToRawLongBits(sqrtPositive(Double.longBitsToDouble(a), rm));
    }

    /** a*b + c rounded once. */
    public long fmaD(long a, long b, long c, int rm) {
        if (isNaN(a) || isNaN(b) || isNaN(c)) {
            boolean zeroTimesInf = (isInf(a) && isZero(b)) || (isZero(a) && isInf(b));
            return invalidIfSignaling(isSignaling(a) || isSignaling(b) || isSignaling(c) || zeroTimesInf,
                    CANONICAL_NAN_D);
        }
        boolean productNeg = (a ^ b) < 0;
        if (isInf(a) || isInf(b)) {
            if (isZero(a) || isZero(b)) return invalid(CANONICAL_NAN_D);
            if (isInf(c) && (c < 0) != productNeg) return invalid(CANONICAL_NAN_D);
            return productNeg ? EXP_D | SIGN_D : EXP_D;
        }
        if (isInf(c)) return c;
        if (isZero(a) || isZero(b)) {
            if (isZero(c)) return (c < 0) == productNeg ? c : signedZero(rm == RDN, Format.DOUBLE);
            return c; // c + 0 is exact
        }
        long sa = significand(a), sb = significand(b);
        int ep = exponent(a) + exponent(b);
        long hi = Math.multiplyHigh(sa, sb), lo = sa * sb;
        if (isZero(c)) return roundWide(productNeg, hi, lo, ep, rm, Format.DOUBLE);
        return addWide(productNeg, hi, lo, ep, c < 0, 0, significand(c), exponent(c), rm, Format.DOUBLE);
    }

    public long minD(long a, long b) {
        return minMaxD(a, b, true);
    }

    public long maxD(long a, long b) {
        return minMaxD(a, b, false);
    }

    public long eqD(long a, long b) {
        if (isNaN(a) || isNaN(b)) {
            if (isSignaling(a) || isSignaling(b)) flags |= NV;
            return 0;
        }
        return Double.longBitsToDouble(a) == Double.longBitsToDouble(b) ? 1 : 0;
    }

    public long ltD(long a, long b) {
        if (isNaN(a) || isNaN(b)) return invalid(0);
        return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? 1 : 0;
    }

    public long leD(long a, long b) {
        if (isNaN(a) || isNaN(b)) return invalid(0);
        return Double.longBitsToDouble(a) <= Double.longBitsToDouble(b) ? 1 : 0;
    }

    /** FCLASS.D: one bit of the 10-bit mask (0 = -inf ... 7 = +inf, 8 = sNaN, 9 = qNaN). */
    public long classD(long a) {
        boolean neg = a < 0;
        long exp = a & EXP_D, frac = a & FRAC_D;
        if (exp == EXP_D) {
            if (frac == 0) return neg ? 1 : 1 << 7;
            return (frac & QUIET_D) != 0 ? 1 << 9 : 1 << 8;
        }
        if (exp == 0) {
            if (frac == 0) return neg ? 1 << 3 : 1 << 4;
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ------------------------------------------------------------------ binary64 conversions

    public long cvtWD(long a, int rm) {
        return toInteger(a, rm, IntKind.W);
    }

    public long cvtWuD(long a, int rm) {
        return toInteger(a, rm, IntKind.WU);
    }

    public long cvtLD(long a, int rm) {
        return toInteger(a, rm, IntKind.L);
    }

    public long cvtLuD(long a, int rm) {
        return toInteger(a, rm, IntKind.LU);
    }

    public long cvtDW(long x, int rm) {
        return Double.doubleToRawLongBits((int) x); // every int is a double
    }

    public long cvtDWu(long x, int rm) {
        return Double.doubleToRawLongBits(x & 0xffff_ffffL);
    }

    public long cvtDL(long x, int rm) {
        return fromInteger(x < 0, x < 0 ? -x : x, rm, Format.DOUBLE);
    }

    public long cvtDLu(long x, int rm) {
        return fromInteger(false, x, rm, Format.DOUBLE);
    }

    /** FCVT.S.D: returns the binary32 bits in the low 32 bits (not NaN-boxed). */
    public long cvtSD(long a, int rm) {
        return narrowD(a, rm) & 0xffff_ffffL;
    }

    /** FCVT.D.S: s32 holds the (already unboxed) binary32 bits in its low 32 bits. */
    public long cvtDS(long s32) {
        int s = (int) s32;
        if (isNaN(s)) return invalidIfSignaling(isSignaling(s), CANONICAL_NAN_D);
        return widen(s);
    }

    // ------------------------------------------------------------------ binary32 arithmetic

    public int addS(int a, int b, int rm) {
        double x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        double d = x + y;
        if (!Double.isFinite(d)) return narrowSpecial(addSoft(widen(a), widen(b), rm));
        if (d == 0) return zeroSumS(x, y, d, rm);
        return finishS(d, fast2SumError(x, y, d), true, rm);
    }

    public int subS(int a, int b, int rm) {
        return addS(a, b ^ SIGN_S, rm);
    }

    public int mulS(int a, int b, int rm) {
        double x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        double d = x * y; // exact: 24x24-bit products fit in 53 bits, far from the double limits
        if (!Double.isFinite(d)) return narrowSpecial(mulSoft(widen(a), widen(b), rm));
        if (d == 0) return Float.floatToRawIntBits((float) d);
        return finishS(d, 0, true, rm);
    }

    public int divS(int a, int b, int rm) {
        double x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        double d = x / y;
        if (!Double.isFinite(d)) return narrowSpecial(divSoft(widen(a), widen(b), rm));
        if (d == 0) return Float.floatToRawIntBits((float) d);
        double residue = Math.fma(-d, y, x); // x - d*y exactly; x/y - d has the sign of residue/y
        return finishS(d, y > 0 ? residue : -residue, true, rm);
    }

    public int sqrtS(int a, int rm) {
        double x = Float.intBitsToFloat(a);
        double d = Math.sqrt(x);
        if (!Double.isFinite(d)) return narrowSpecial(sqrtD(widen(a), rm));
        if (d == 0) return a; // +-0
        return finishS(d, Math.fma(-d, d, x), true, rm);
    }

    public int fmaS(int a, int b, int c, int rm) {
        double x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b), z = Float.intBitsToFloat(c);
        double p = x * y; // exact
        double d = p + z;
        if (!Double.isFinite(d)) return narrowSpecial(fmaD(widen(a), widen(b), widen(c), rm));
        if (d == 0) return zeroSumS(p, z, d, rm);
        double err = fast2SumError(p, z, d);
        // p + z = d + err exactly; narrowing d alone would round twice, so only when err == 0.
        return finishS(d, err, err == 0, rm);
    }

    public int minS(int a, int b) {
        return minMaxS(a, b, true);
    }

    public int maxS(int a, int b) {
        return minMaxS(a, b, false);
    }

    public long eqS(int a, int b) {
        if (isNaN(a) || isNaN(b)) {
            if (isSignaling(a) || isSignaling(b)) flags |= NV;
            return 0;
        }
        return Float.intBitsToFloat(a) == Float.intBitsToFloat(b) ? 1 : 0;
    }

    public long ltS(int a, int b) {
        if (isNaN(a) || isNaN(b)) return invalid(0);
        return Float.intBitsToFloat(a) < Float.intBitsToFloat(b) ? 1 : 0;
    }

    public long leS(int a, int b) {
        if (isNaN(a) || isNaN(b)) return invalid(0);
        return Float.intBitsToFloat(a) <= Float.intBitsToFloat(b) ? 1 : 0;
    }

    /** FCLASS.S: same mask as {@link #classD}. */
    public long classS(int a) {
        boolean neg = a < 0;
        int exp = a & EXP_S, frac = a & 0x007f_ffff;
        if (exp == EXP_S) {
            if (frac == 0) return neg ? 1 : 1 << 7;
            return (frac & QUIET_S) != 0 ? 1 << 9 : 1 << 8;
        }
        if (exp == 0) {
            if (frac == 0) return neg ? 1 << 3 : 1 << 4;
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ------------------------------------------------------------------ binary32 conversions

    public long cvtWS(int a, int rm) {
        return toInteger(widen(a), rm, IntKind.W);
    }

    public long cvtWuS(int a, int rm) {
        return toInteger(widen(a), rm, IntKind.WU);
    }

    public long cvtLS(int a, int rm) {
        return toInteger(widen(a), rm, IntKind.L);
    }

    public long cvtLuS(int a, int rm) {
        return toInteger(widen(a), rm, IntKind.LU);
    }

    public int cvtSW(long x, int rm) {
        int v = (int) x;
        return (int) fromInteger(v < 0, Math.abs((long) v), rm, Format.SINGLE);
    }

    public int cvtSWu(long x, int rm) {
        return (int) fromInteger(false, x & 0xffff_ffffL, rm, Format.SINGLE);
    }

    public int cvtSL(long x, int rm) {
        return (int) fromInteger(x < 0, x < 0 ? -x : x, rm, Format.SINGLE);
    }

    public int cvtSLu(long x, int rm) {
        return (int) fromInteger(false, x, rm, Format.SINGLE);
    }

    // ------------------------------------------------------------------ exact (soft) layer

    private long addSoft(long a, long b, int rm) {
        if (isNaN(a) || isNaN(b)) return invalidIfSignaling(isSignaling(a) || isSignaling(b), CANONICAL_NAN_D);
        if (isInf(a) || isInf(b)) {
            if (isInf(a) && isInf(b) && a != b) return invalid(CANONICAL_NAN_D);
            return isInf(a) ? a : b;
        }
        if (isZero(a) && isZero(b)) return a == b ? a : signedZero(rm == RDN, Format.DOUBLE);
        if (isZero(a)) return b;
        if (isZero(b)) return a;
        return addWide(a < 0, 0, significand(a), exponent(a), b < 0, 0, significand(b), exponent(b),
                rm, Format.DOUBLE);
    }

    private long mulSoft(long a, long b, int rm) {
        if (isNaN(a) || isNaN(b)) return invalidIfSignaling(isSignaling(a) || isSignaling(b), CANONICAL_NAN_D);
        boolean neg = (a ^ b) < 0;
        if (isInf(a) || isInf(b)) {
            if (isZero(a) || isZero(b)) return invalid(CANONICAL_NAN_D);
            return neg ? EXP_D | SIGN_D : EXP_D;
        }
        if (isZero(a) || isZero(b)) return signedZero(neg, Format.DOUBLE);
        long sa = significand(a), sb = significand(b);
        return roundWide(neg, Math.multiplyHigh(sa, sb), sa * sb, exponent(a) + exponent(b), rm, Format.DOUBLE);
    }

    private long divSoft(long a, long b, int rm) {
        if (isNaN(a) || isNaN(b)) return invalidIfSignaling(isSignaling(a) || isSignaling(b), CANONICAL_NAN_D);
        boolean neg = (a ^ b) < 0;
        if (isInf(a)) return isInf(b) ? invalid(CANONICAL_NAN_D) : (neg ? EXP_D | SIGN_D : EXP_D);
        if (isInf(b)) return signedZero(neg, Format.DOUBLE);
        if (isZero(b)) {
            if (isZero(a)) return invalid(CANONICAL_NAN_D);
            flags |= DZ;
            return neg ? EXP_D | SIGN_D : EXP_D;
        }
        if (isZero(a)) return signedZero(neg, Format.DOUBLE);

        // Normalise both significands to bit 52, then long division: 62 quotient bits plus a
        // sticky remainder are plenty for a 53-bit result.
        long num = significand(a), den = significand(b);
        int e = exponent(a) - exponent(b);
        int na = Long.numberOfLeadingZeros(num) - 11, nb = Long.numberOfLeadingZeros(den) - 11;
        num <<= na;
        den <<= nb;
        e += nb - na;
        if (num < den) {
            num <<= 1;
            e--;
        }
        long q = 0;
        for (int i = 0; i < 62; i++) {
            q <<= 1;
            if (num >= den) {
                num -= den;
                q |= 1;
            }
            num <<= 1;
        }
        return round(neg, q, e - 61, num != 0, rm, Format.DOUBLE);
    }

    /**
     * Square root of a positive finite double in any mode. Math.sqrt rounds to nearest; the
     * exact residue x - r*r tells which side of the true root r lies on. Tiny inputs are scaled
     * by an even power of two so that residue cannot underflow; the root of a double is always
     * a normal number, so the scaling commutes with rounding.
     */
    private double sqrtPositive(double x, int rm) {
        boolean scaled = x < SQRT_SCALE_BELOW;
        if (scaled) x *= 0x1p200;
        double r = Math.sqrt(x);
        r = fromNearest(r, Math.fma(-r, r, x), false, rm);
        return scaled ? r * 0x1p-100 : r;
    }

    /**
     * Turns the round-to-nearest result r of an exact value x into its rounding in mode rm,
     * raising NX (and OF if a directed step leaves the finite range). err is x - r, or any value
     * with its sign when {@code errIsExact} is false, which is allowed only where x can never
     * be a tie (quotients and square roots). r must be normal and not tiny: callers guarantee it.
     */
    private double fromNearest(double r, double err, boolean errIsExact, int rm) {
        if (err == 0) return r;
        flags |= NX;
        boolean awayFromZero = (err > 0) == (r > 0); // does x lie beyond r, away from zero?
        double q = switch (rm) {
            case RTZ -> awayFromZero ? r : towardZero(r);
            case RDN -> err < 0 ? Math.nextDown(r) : r;
            case RUP -> err > 0 ? Math.nextUp(r) : r;
            // RNE broke a tie towards the even neighbour; RMM wants the one away from zero.
            case RMM -> errIsExact && awayFromZero && 2 * err == awayFrom(r) - r ? awayFrom(r) : r;
            default -> r; // RNE
        };
        if (Double.isInfinite(q)) flags |= OF;
        return q;
    }

    private static double towardZero(double r) {
        return r > 0 ? Math.nextDown(r) : Math.nextUp(r);
    }

    private static double awayFrom(double r) {
        return r > 0 ? Math.nextUp(r) : Math.nextDown(r);
    }

    /**
     * Rounds (-1)^na * (ah:al) * 2^ae + (-1)^nb * (bh:bl) * 2^be, both magnitudes nonzero and
     * below 2^126. Both are normalised to bit 125; the smaller is shifted right with the lost
     * bits jammed into bit 0, which keeps the rounding exact because the result still has far
     * more than precision + 2 bits above the jam bit (massive cancellation only happens when the
     * exponents differ by at most one, and then nothing is shifted out).
     */
    private long addWide(boolean na, long ah, long al, int ae, boolean nb, long bh, long bl, int be,
                         int rm, Format f) {
        int sa = 125 - msb128(ah, al), sb = 125 - msb128(bh, bl);
        long t;
        t = shiftLeftHi(ah, al, sa); al = shiftLeftLo(al, sa); ah = t; ae -= sa;
        t = shiftLeftHi(bh, bl, sb); bl = shiftLeftLo(bl, sb); bh = t; be -= sb;
        if (ae < be) {
            boolean tn = na; na = nb; nb = tn;
            t = ah; ah = bh; bh = t;
            t = al; al = bl; bl = t;
            int te = ae; ae = be; be = te;
        }
        int d = ae - be;
        if (d >= 128) {
            bh = 0;
            bl = 1;
        } else if (d >= 64) {
            boolean lost = bl != 0 || (d > 64 && (bh << (128 - d)) != 0);
            bl = (bh >>> (d - 64)) | (lost ? 1 : 0);
            bh = 0;
        } else if (d > 0) {
            boolean lost = (bl << (64 - d)) != 0;
            bl = (bl >>> d) | (bh << (64 - d)) | (lost ? 1 : 0);
            bh >>>= d;
        }
        long rh, rl;
        boolean neg;
        if (na == nb) {
            rl = al + bl;
            rh = ah + bh + (Long.compareUnsigned(rl, al) < 0 ? 1 : 0);
            neg = na;
        } else {
            int cmp = ah != bh ? Long.compare(ah, bh) : Long.compareUnsigned(al, bl);
            if (cmp == 0) return signedZero(rm == RDN, f); // exact cancellation
            if (cmp < 0) {
                t = ah; ah = bh; bh = t;
                t = al; al = bl; bl = t;
                neg = nb;
            } else {
                neg = na;
            }
            rl = al - bl;
            rh = ah - bh - (Long.compareUnsigned(al, bl) < 0 ? 1 : 0);
        }
        return roundWide(neg, rh, rl, ae, rm, f);
    }

    /** Rounds (-1)^neg * (hi:lo) * 2^exp, a nonzero 128-bit magnitude below 2^127. */
    private long roundWide(boolean neg, long hi, long lo, int exp, int rm, Format f) {
        int m = msb128(hi, lo);
        if (m <= 62) return round(neg, lo, exp, false, rm, f);
        int s = m - 62;
        long sig;
        boolean sticky;
        if (s >= 64) {
            sig = hi >>> (s - 64);
            sticky = lo != 0 || (s > 64 && (hi << (128 - s)) != 0);
        } else {
            sig = (lo >>> s) | (hi << (64 - s));
            sticky = (lo << (64 - s)) != 0;
        }
        return round(neg, sig, exp + s, sticky, rm, f);
    }

    private static int msb128(long hi, long lo) {
        return hi != 0 ? 127 - Long.numberOfLeadingZeros(hi) : 63 - Long.numberOfLeadingZeros(lo);
    }

    private static long shiftLeftHi(long hi, long lo, int s) {
        if (s >= 64) return lo << (s - 64);
        return s == 0 ? hi : (hi << s) | (lo >>> (64 - s));
    }

    private static long shiftLeftLo(long lo, int s) {
        return s >= 64 ? 0 : lo << s;
    }

    /**
     * The one rounding routine. The exact value is (-1)^neg * (sig + e) * 2^exp, where sig > 0
     * and 0 < e < 1 if sticky, e = 0 otherwise. Returns the bits of the result in format f
     * (binary32 in the low 32 bits) and raises NX, UF, OF as RISC-V requires: UF only when the
     * result is inexact and tiny after rounding, i.e. when rounding to f's precision with an
     * unbounded exponent gives a magnitude below 2^emin.
     */
    private long round(boolean neg, long sig, int exp, boolean sticky, int rm, Format f) {
        int shift = Long.numberOfLeadingZeros(sig) - 1;
        sig <<= shift; // now in [2^62, 2^63)
        exp -= shift;
        int e = exp + 62; // the value lies in [2^e, 2^(e+1))
        int p = f.precision;
        int normalDrop = 63 - p;
        boolean tiny = false;
        int drop = normalDrop;
        if (e < f.emin) {
            drop = f.emin - p + 1 - exp; // quantum of the subnormal range
            boolean reachesMinNormal = e == f.emin - 1 && (sig >>> normalDrop) == (1L << p) - 1
                    && roundsUp(sig, normalDrop, sticky, neg, rm);
            tiny = !reachesMinNormal;
        }
        long kept;
        boolean inexact;
        if (drop >= 64) { // below half the smallest subnormal
            kept = (rm == RDN && neg) || (rm == RUP && !neg) ? 1 : 0;
            inexact = true;
        } else {
            kept = (sig >>> drop) + (roundsUp(sig, drop, sticky, neg, rm) ? 1 : 0);
            inexact = sticky || (sig & ((1L << drop) - 1)) != 0;
        }
        long bits;
        if (e >= f.emin) {
            int q = exp + drop; // weight of kept's lowest bit
            if (kept == 1L << p) {
                kept >>>= 1;
                q++;
            }
            int biased = q + p - 1 + f.emax;
            if (biased > 2 * f.emax) return overflow(neg, rm, f);
            bits = ((long) biased << (p - 1)) | (kept & ((1L << (p - 1)) - 1));
        } else {
            bits = kept; // a carry out of the subnormal significand lands on the smallest normal
        }
        if (inexact) flags |= tiny ? NX | UF : NX;
        return neg ? bits | f.signBit : bits;
    }

    /** Whether dropping the low {@code drop} bits (1..63) of sig calls for an increment. */
    private static boolean roundsUp(long sig, int drop, boolean sticky, boolean neg, int rm) {
        long rem = sig & ((1L << drop) - 1);
        long half = 1L << (drop - 1);
        return switch (rm) {
            case RNE -> rem > half || (rem == half && (sticky || ((sig >>> drop) & 1) != 0));
            case RMM -> rem >= half;
            case RDN -> neg && (rem != 0 || sticky);
            case RUP -> !neg && (rem != 0 || sticky);
            default -> false; // RTZ
        };
    }

    private long overflow(boolean neg, int rm, Format f) {
        flags |= OF | NX;
        boolean toInfinity = switch (rm) {
            case RTZ -> false;
            case RDN -> neg;
            case RUP -> !neg;
            default -> true; // RNE, RMM
        };
        long mag = toInfinity ? f.infinity : f.maxFinite;
        return neg ? mag | f.signBit : mag;
    }

    // ------------------------------------------------------------------ binary32 helpers

    /**
     * Rounds the exact value d + err to binary32, where d is a nonzero double and err is 0 or an
     * exact error term smaller than half an ulp of d. Every binary32 rounding boundary is a
     * double, so only the sign of err matters. {@code narrowIsSafe} says whether a plain
     * round-to-nearest narrowing of d equals rounding d + err directly.
     */
    private int finishS(double d, double err, boolean narrowIsSafe, int rm) {
        if (rm == RNE && narrowIsSafe) {
            float r = (float) d;
            float m = Math.abs(r);
            // Above the smallest normal there is no tininess question; at or below it, exact path.
            if (m > Float.MIN_NORMAL && m <= Float.MAX_VALUE) {
                if (err != 0 || r != d) flags |= NX;
                return Float.floatToRawIntBits(r);
            }
        }
        long bits = Double.doubleToRawLongBits(d);
        boolean neg = bits < 0;
        long sig = significand(bits);
        int exp = exponent(bits);
        if (err != 0 && (err > 0) == neg) {
            // The exact value lies just below |d|: represent it as (2 sig - 1 + e) * 2^(exp-1).
            sig = 2 * sig - 1;
            exp--;
        }
        return (int) round(neg, sig, exp, err != 0, rm, Format.SINGLE);
    }

    /** Exact zero sum x + y (including cancellation): -0 only for -0 + -0, or in RDN unless +0 + +0. */
    private static int zeroSumS(double x, double y, double d, int rm) {
        boolean bothPlusZero = (Double.doubleToRawLongBits(x) | Double.doubleToRawLongBits(y)) == 0;
        if (rm == RDN && !bothPlusZero) return SIGN_S;
        return Float.floatToRawIntBits((float) d); // Java's round-to-nearest zero-sign rules
    }

    /** Converts a special binary64 result (NaN, infinity, zero) of a widened operation back. */
    private static int narrowSpecial(long d) {
        if (isNaN(d)) return CANONICAL_NAN_S;
        return Float.floatToRawIntBits((float) Double.longBitsToDouble(d));
    }

    /** Exact binary32 to binary64, keeping a NaN's quiet bit and payload (Java may quiet sNaNs). */
    private static long widen(int s) {
        if (isNaN(s)) {
            return ((long) (s & SIGN_S) << 32) | EXP_D | ((long) (s & 0x007f_ffff) << 29);
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(s));
    }

    private int narrowD(long a, int rm) {
        if (isNaN(a)) return (int) invalidIfSignaling(isSignaling(a), CANONICAL_NAN_S);
        int sign = (int) (a >>> 32) & SIGN_S;
        if (isInf(a)) return sign | EXP_S;
        if (isZero(a)) return sign;
        if (rm == RNE) {
            double d = Double.longBitsToDouble(a);
            float r = (float) d;
            float m = Math.abs(r);
            if (m > Float.MIN_NORMAL && m <= Float.MAX_VALUE) {
                if (r != d) flags |= NX;
                return Float.floatToRawIntBits(r);
            }
        }
        return (int) round(a < 0, significand(a), exponent(a), false, rm, Format.SINGLE);
    }

    private int minMaxS(int a, int b, boolean min) {
        boolean an = isNaN(a), bn = isNaN(b);
        if (isSignaling(a) || isSignaling(b)) flags |= NV;
        if (an && bn) return CANONICAL_NAN_S;
        if (an) return b;
        if (bn) return a;
        float x = Float.intBitsToFloat(a), y = Float.intBitsToFloat(b);
        if (x != y) return (x < y) == min ? a : b;
        return min ? a | b : a & b; // equal: only +-0 differ in bits, and -0 < +0
    }

    // ------------------------------------------------------------------ shared helpers

    private long minMaxD(long a, long b, boolean min) {
        boolean an = isNaN(a), bn = isNaN(b);
        if (isSignaling(a) || isSignaling(b)) flags |= NV;
        if (an && bn) return CANONICAL_NAN_D;
        if (an) return b;
        if (bn) return a;
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        if (x != y) return (x < y) == min ? a : b;
        return min ? a | b : a & b;
    }

    private enum IntKind {
        W(-0x8000_0000L, 0x7fff_ffffL), WU(0, -1L), L(Long.MIN_VALUE, Long.MAX_VALUE), LU(0, -1L);

        /** Saturation results as written to x[rd] (WU's 0xffffffff is sign-extended to -1). */
        final long min, max;

        IntKind(long min, long max) {
            this.min = min;
            this.max = max;
        }
    }

    /** FCVT.{W,WU,L,LU}.D of the binary64 bits a (binary32 operands are widened first: exact). */
    private long toInteger(long a, int rm, IntKind kind) {
        if (isNaN(a)) return invalid(kind.max);
        boolean neg = a < 0;
        if (isInf(a)) return invalid(neg ? kind.min : kind.max);
        if (isZero(a)) return 0;
        long sig = significand(a);
        int exp = exponent(a);
        long mag; // unsigned magnitude after rounding
        boolean inexact;
        if (exp >= 0) {
            if (exp > 11) return invalid(neg ? kind.min : kind.max); // >= 2^64
            mag = sig << exp;
            inexact = false;
        } else if (exp < -63) { // |a| < 2^-11
            mag = (rm == RDN && neg) || (rm == RUP && !neg) ? 1 : 0;
            inexact = true;
        } else {
            int drop = -exp;
            mag = (sig >>> drop) + (roundsUp(sig, drop, false, neg, rm) ? 1 : 0);
            inexact = (sig & ((1L << drop) - 1)) != 0;
        }
        boolean inRange = switch (kind) {
            case W -> Long.compareUnsigned(mag, neg ? 0x8000_0000L : 0x7fff_ffffL) <= 0;
            case WU -> neg ? mag == 0 : Long.compareUnsigned(mag, 0xffff_ffffL) <= 0;
            case L -> neg ? Long.compareUnsigned(mag, Long.MIN_VALUE) <= 0 : mag >= 0;
            case LU -> !neg || mag == 0;
        };
        if (!inRange) return invalid(neg ? kind.min : kind.max);
        if (inexact) flags |= NX;
        long v = neg ? -mag : mag;
        return kind == IntKind.W || kind == IntKind.WU ? (int) v : v;
    }

    /** Rounds an integer of unsigned magnitude mag to format f. */
    private long fromInteger(boolean neg, long mag, int rm, Format f) {
        if (mag == 0) return 0;
        if (mag > 0) return round(neg, mag, 0, false, rm, f);
        return round(neg, mag >>> 1, 1, (mag & 1) != 0, rm, f); // 2^63 and above
    }

    /** Error of the round-to-nearest sum r of x and y (Fast2Sum, exact when r is finite). */
    private static double fast2SumError(double x, double y, double r) {
        return Math.abs(x) >= Math.abs(y) ? y - (r - x) : x - (r - y);
    }

    private long invalid(long result) {
        flags |= NV;
        return result;
    }

    private long invalidIfSignaling(boolean signaling, long result) {
        if (signaling) flags |= NV;
        return result;
    }

    private static long signedZero(boolean neg, Format f) {
        return neg ? f.signBit : 0;
    }

    /** Significand of a finite binary64 as an integer (implicit bit included). */
    private static long significand(long a) {
        long frac = a & FRAC_D;
        return (a & EXP_D) == 0 ? frac : frac | (1L << 52);
    }

    /** Exponent of the significand's last bit: |a| = significand(a) * 2^exponent(a). */
    private static int exponent(long a) {
        int biased = (int) ((a >>> 52) & 0x7ff);
        return biased == 0 ? -1074 : biased - 1075;
    }

    private static boolean isNaN(long a) {
        return (a & ~SIGN_D) > EXP_D;
    }

    private static boolean isSignaling(long a) {
        return isNaN(a) && (a & QUIET_D) == 0;
    }

    private static boolean isInf(long a) {
        return (a & ~SIGN_D) == EXP_D;
    }

    private static boolean isZero(long a) {
        return (a & ~SIGN_D) == 0;
    }

    private static boolean isNaN(int s) {
        return (s & ~SIGN_S) > EXP_S;
    }

    private static boolean isSignaling(int s) {
        return isNaN(s) && (s & QUIET_S) == 0;
    }
}
