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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Reference RISC-V floating point for the tests, written to share nothing with {@link Fpu}'s
 * algorithms: operands become exact BigDecimal values, the operation is computed exactly (as a
 * BigInteger fraction for division, by integer square roots and squared comparisons for sqrt),
 * and the result is rounded by comparing the exact value with candidate grid points. Slow and
 * plain on purpose.
 */
final class ExactOracle {
    private ExactOracle() {
    }

    /** Result bits (binary32 in the low 32 bits) and the flags the operation must raise. */
    record Result(long bits, int flags) {
    }

    enum Fmt {
        D(53, 11), S(24, 8);

        final int p, emax, emin, width;

        Fmt(int p, int expBits) {
            this.p = p;
            this.emax = (1 << (expBits - 1)) - 1;
            this.emin = 1 - emax;
            this.width = p + expBits;
        }

        long signBit() {
            return 1L << (width - 1);
        }

        long infinity() {
            return ((1L << (width - p)) - 1) << (p - 1);
        }

        long canonicalNaN() {
            return infinity() | (1L << (p - 2));
        }

        long mask() {
            return width == 64 ? -1L : (1L << width) - 1;
        }
    }

    /** A decoded operand. */
    private static final class Val {
        boolean nan, snan, inf, zero, neg;
        BigDecimal mag = BigDecimal.ZERO;

        BigDecimal signed() {
            return neg ? mag.negate() : mag;
        }
    }

    static Val decode(long bits, Fmt f) {
        bits &= f.mask();
        Val v = new Val();
        v.neg = (bits & f.signBit()) != 0;
        int expBits = f.width - f.p;
        long expField = (bits >>> (f.p - 1)) & ((1L << expBits) - 1);
        long frac = bits & ((1L << (f.p - 1)) - 1);
        if (expField == (1L << expBits) - 1) {
            v.nan = frac != 0;
            v.snan = v.nan && (frac & (1L << (f.p - 2))) == 0;
            v.inf = frac == 0;
            return v;
        }
        BigInteger m = BigInteger.valueOf(expField == 0 ? frac : frac | (1L << (f.p - 1)));
        int e = (int) Math.max(expField, 1) - f.emax - (f.p - 1);
        v.zero = m.signum() == 0;
        v.mag = new BigDecimal(m).multiply(pow2(e));
        return v;
    }

    private static BigDecimal pow2(int e) {
        if (e >= 0) return new BigDecimal(BigInteger.ONE.shiftLeft(e));
        return new BigDecimal(BigInteger.valueOf(5).pow(-e), -e); // 2^-n = 5^n / 10^n
    }

    // ------------------------------------------------------------------ exact values

    /** A positive exact real: compare with m * 2^k, and floor(x / 2^k). */
    private interface Exact {
        int cmp(BigInteger m, int k);

        BigInteger floorScaled(int k);

        int log2Estimate();
    }

    private static Exact fraction(BigInteger num, BigInteger den) {
        return new Exact() {
            public int cmp(BigInteger m, int k) {
                BigInteger lhs = num, rhs = m.multiply(den);
                if (k >= 0) rhs = rhs.shiftLeft(k);
                else lhs = lhs.shiftLeft(-k);
                return lhs.compareTo(rhs);
            }

            public BigInteger floorScaled(int k) {
                return k >= 0 ? num.divide(den.shiftLeft(k)) : num.shiftLeft(-k).divide(den);
            }

            public int log2Estimate() {
                return num.bitLength() - den.bitLength();
            }
        };
    }

    /** sqrt(num / den). */
    private static Exact squareRoot(BigInteger num, BigInteger den) {
        return new Exact() {
            public int cmp(BigInteger m, int k) {
                BigInteger lhs = num, rhs = m.multiply(m).multiply(den);
                if (k >= 0) rhs = rhs.shiftLeft(2 * k);
                else lhs = lhs.shiftLeft(-2 * k);
                return lhs.compareTo(rhs);
            }

            public BigInteger floorScaled(int k) {
                BigInteger q = k >= 0 ? num.divide(den.shiftLeft(2 * k)) : num.shiftLeft(-2 * k).divide(den);
                return q.sqrt(); // floor(sqrt(y)) == isqrt(floor(y))
            }

            public int log2Estimate() {
                return (num.bitLength() - den.bitLength()) / 2;
            }
        };
    }

    private static BigInteger[] toFraction(BigDecimal x) {
        BigInteger u = x.unscaledValue().abs();
        int scale = x.scale();
        if (scale >= 0) return new BigInteger[] {u, BigInteger.TEN.pow(scale)};
        return new BigInteger[] {u.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE};
    }

    // ------------------------------------------------------------------ rounding

    private static Result round(BigDecimal x, int rm, Fmt f) {
        BigInteger[] q = toFraction(x);
        return round(x.signum() < 0, fraction(q[0], q[1]), rm, f);
    }

    private static Result round(boolean neg, Exact x, int rm, Fmt f) {
        int e = x.log2Estimate();
        while (x.cmp(BigInteger.ONE, e) < 0) e--;
        while (x.cmp(BigInteger.ONE, e + 1) >= 0) e++;
        // now 2^e <= x < 2^(e+1)
        int k = Math.max(e, f.emin) - f.p + 1;
        BigInteger m = roundAt(neg, x, k, rm);
        boolean exact = x.cmp(x.floorScaled(k), k) == 0;
        int flags = exact ? 0 : NX;
        if (m.bitLength() - 1 + k > f.emax) {
            boolean toInf = rm == RNE || rm == RMM || (rm == RDN && neg) || (rm == RUP && !neg);
            long mag = toInf ? f.infinity() : f.infinity() - 1;
            return new Result(neg ? mag | f.signBit() : mag, OF | NX);
        }
        int kUnbounded = e - f.p + 1;
        BigInteger mUnbounded = roundAt(neg, x, kUnbounded, rm);
        boolean tiny = mUnbounded.bitLength() - 1 + kUnbounded < f.emin;
        if (tiny && !exact) flags |= UF;
        return new Result(encode(neg, m, k, f), flags);
    }

    /** Rounds x to a multiple of 2^k; returns the multiplier. */
    private static BigInteger roundAt(boolean neg, Exact x, int k, int rm) {
        BigInteger n = x.floorScaled(k);
        boolean exact = x.cmp(n, k) == 0;
        int vsMid = x.cmp(n.shiftLeft(1).add(BigInteger.ONE), k - 1);
        boolean up = switch (rm) {
            case RNE -> vsMid > 0 || (vsMid == 0 && n.testBit(0));
            case RMM -> vsMid >= 0;
            case RTZ -> false;
            case RDN -> neg && !exact;
            case RUP -> !neg && !exact;
            default -> throw new IllegalArgumentException("rm " + rm);
        };
        return up ? n.add(BigInteger.ONE) : n;
    }

    private static long encode(boolean neg, BigInteger m, int k, Fmt f) {
        long bits;
        if (m.signum() == 0) {
            bits = 0;
        } else {
            int e = m.bitLength() - 1 + k;
            if (e < f.emin) {
                bits = m.shiftLeft(k - (f.emin - f.p + 1)).longValueExact();
            } else {
                long sig = m.shiftLeft(f.p - m.bitLength()).longValueExact();
                bits = ((long) (e + f.emax) << (f.p - 1)) | (sig & ((1L << (f.p - 1)) - 1));
            }
        }
        return neg ? bits | f.signBit() : bits;
    }

    private static Result nan(Fmt f, boolean invalid) {
        return new Result(f.canonicalNaN(), invalid ? NV : 0);
    }

    private static Result inf(Fmt f, boolean neg) {
        return new Result(neg ? f.infinity() | f.signBit() : f.infinity(), 0);
    }

    private static Result zero(Fmt f, boolean neg) {
        return new Result(neg ? f.signBit() : 0, 0);
    }

    // ------------------------------------------------------------------ operations

    static Result add(long a, long b, int rm, Fmt f) {
        Val x = decode(a, f), y = decode(b, f);
        if (x.nan || y.nan) return nan(f, x.snan || y.snan);
        if (x.inf && y.inf) return x.neg == y.neg ? inf(f, x.neg) : nan(f, true);
        if (x.inf || y.inf) return inf(f, x.inf ? x.neg : y.neg);
        BigDecimal s = x.signed().add(y.signed());
        if (s.signum() == 0) {
            boolean sameSignZeros = x.zero && y.zero && x.neg == y.neg;
            return zero(f, sameSignZeros ? x.neg : rm == RDN);
        }
        return round(s, rm, f);
    }

    static Result sub(long a, long b, int rm, Fmt f) {
        return add(a, b ^ f.signBit(), rm, f);
    }

    static Result mul(long a, long b, int rm, Fmt f) {
        Val x = decode(a, f), y = decode(b, f);
        if (x.nan || y.nan) return nan(f, x.snan || y.snan);
        boolean neg = x.neg ^ y.neg;
        if (x.inf || y.inf) return x.zero || y.zero ? nan(f, true) : inf(f, neg);
        if (x.zero || y.zero) return zero(f, neg);
        BigDecimal p = x.mag.multiply(y.mag);
        return round(neg ? p.negate() : p, rm, f);
    }

    static Result div(long a, long b, int rm, Fmt f) {
        Val x = decode(a, f), y = decode(b, f);
        if (x.nan || y.nan) return nan(f, x.snan || y.snan);
        boolean neg = x.neg ^ y.neg;
        if (x.inf && y.inf) return nan(f, true);
        if (x.inf) return inf(f, neg);
        if (y.inf) return zero(f, neg);
        if (y.zero) {
            if (x.zero) return nan(f, true);
            return new Result(inf(f, neg).bits(), DZ);
        }
        if (x.zero) return zero(f, neg);
        BigInteger[] n = toFraction(x.mag), d = toFraction(y.mag);
        return round(neg, fraction(n[0].multiply(d[1]), n[1].multiply(d[0])), rm, f);
    }

    static Result sqrt(long a, int rm, Fmt f) {
        Val x = decode(a, f);
        if (x.nan) return nan(f, x.snan);
        if (x.zero) return new Result(a & f.mask(), 0);
        if (x.neg) return nan(f, true);
        if (x.inf) return inf(f, false);
        BigInteger[] q = toFraction(x.mag);
        return round(false, squareRoot(q[0], q[1]), rm, f);
    }

    static Result fma(long a, long b, long c, int rm, Fmt f) {
        Val x = decode(a, f), y = decode(b, f), z = decode(c, f);
        boolean zeroTimesInf = (x.inf && y.zero) || (x.zero && y.inf);
        if (x.nan || y.nan || z.nan) return nan(f, x.snan || y.snan || z.snan || zeroTimesInf);
        boolean neg = x.neg ^ y.neg;
        if (x.inf || y.inf) {
            if (zeroTimesInf || (z.inf && z.neg != neg)) return nan(f, true);
            return inf(f, neg);
        }
        if (z.inf) return inf(f, z.neg);
        BigDecimal product = x.mag.multiply(y.mag);
        BigDecimal s = (neg ? product.negate() : product).add(z.signed());
        if (s.signum() == 0) {
            boolean productZero = x.zero || y.zero;
            boolean sameSignZeros = productZero && z.zero && neg == z.neg;
            return zero(f, sameSignZeros ? neg : rm == RDN);
        }
        return round(s, rm, f);
    }

    /** Conversion between formats (FCVT.S.D, FCVT.D.S). */
    static Result convert(long a, Fmt from, Fmt to, int rm) {
        Val x = decode(a, from);
        if (x.nan) return nan(to, x.snan);
        if (x.inf) return inf(to, x.neg);
        if (x.zero) return zero(to, x.neg);
        return round(x.signed(), rm, to);
    }

    /** FCVT.{W,WU,L,LU}.fmt as written to x[rd]: 32-bit results sign-extended. */
    static Result toInteger(long a, Fmt f, int rm, boolean signed, int width) {
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        Val x = decode(a, f);
        if (x.nan) return new Result(register(max, width), NV);
        if (x.inf) return new Result(register(x.neg ? min : max, width), NV);
        BigDecimal v = x.signed();
        BigInteger r = v.setScale(0, roundingMode(rm)).toBigIntegerExact();
        if (r.compareTo(min) < 0 || r.compareTo(max) > 0) {
            return new Result(register(v.signum() < 0 ? min : max, width), NV);
        }
        return new Result(register(r, width), new BigDecimal(r).compareTo(v) == 0 ? 0 : NX);
    }

    private static long register(BigInteger v, int width) {
        long bits = v.longValue();
        return width == 32 ? (int) bits : bits;
    }

    private static RoundingMode roundingMode(int rm) {
        return switch (rm) {
            case RNE -> RoundingMode.HALF_EVEN;
            case RTZ -> RoundingMode.DOWN;
            case RDN -> RoundingMode.FLOOR;
            case RUP -> RoundingMode.CEILING;
            case RMM -> RoundingMode.HALF_UP; // ties away from zero
            default -> throw new IllegalArgumentException("rm " + rm);
        };
    }

    /** FCVT.fmt.{W,WU,L,LU} of the integer value v. */
    static Result fromInteger(BigInteger v, int rm, Fmt f) {
        if (v.signum() == 0) return zero(f, false);
        return round(new BigDecimal(v), rm, f);
    }
}
