package org.bootlab.cpu;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bootlab.cpu.ExactOracle.Fmt;
import org.bootlab.cpu.ExactOracle.Result;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks every rounding operation of {@link Fpu}, in all five rounding modes, against
 * {@link ExactOracle}: bits and flags must match exactly. Operands are drawn with a fixed seed
 * from a mix of random bit patterns, boundary values (subnormal/normal boundary, max finite,
 * powers of two +- a few ulps, NaNs, infinities, zeros) and correlated pairs that provoke
 * cancellation, ties, underflow and overflow.
 */
class FpuRandomizedTest {
    private static final int CASES = 3000; // per operation and rounding mode
    private static final int[] MODES = {Fpu.RNE, Fpu.RTZ, Fpu.RDN, Fpu.RUP, Fpu.RMM};

    private interface Op {
        long apply(Fpu fpu, long[] x, int rm);
    }

    private interface Ref {
        Result apply(long[] x, int rm);
    }

    interface Gen {
        long[] next(Random r);
    }

    private static void check(String name, Gen gen, Op op, Ref ref) {
        Random random = new Random(name.hashCode() * 31L + 0x5eedL);
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (int rm : MODES) {
            for (int i = 0; i < CASES; i++) {
                long[] x = gen.next(random);
                Fpu fpu = new Fpu();
                long got = op.apply(fpu, x, rm);
                Result want = ref.apply(x, rm);
                total++;
                if (got != want.bits() || fpu.flags != want.flags()) {
                    StringBuilder sb = new StringBuilder(name).append(" rm=").append(rm);
                    for (long v : x) sb.append(' ').append(Long.toHexString(v));
                    sb.append(": got ").append(Long.toHexString(got)).append(" flags ").append(fpu.flags)
                            .append(", want ").append(Long.toHexString(want.bits())).append(" flags ")
                            .append(want.flags());
                    failures.add(sb.toString());
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + total + " mismatches, first ones:\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    // ------------------------------------------------------------------ operand generation

    /** An interesting value of format f, as raw bits (binary32 in the low 32 bits). */
    static long value(Random r, Fmt f) {
        int expBits = f.width - f.p;
        long maxExp = (1L << expBits) - 1;
        long fracMask = (1L << (f.p - 1)) - 1;
        long sign = r.nextBoolean() ? f.signBit() : 0;
        switch (r.nextInt(10)) {
            case 0:
                return r.nextLong() & f.mask();
            case 1: {
                long[] specials = {0, f.infinity(), f.canonicalNaN(), f.infinity() | 1 | (r.nextLong() & (fracMask >> 1)),
                    1, fracMask, fracMask + 1, f.infinity() - 1, (long) f.emax << (f.p - 1)};
                return sign | specials[r.nextInt(specials.length)];
            }
            case 2: {
                double d = r.nextInt(64) / (double) (1 << r.nextInt(4));
                return sign | (f == Fmt.D ? Double.doubleToRawLongBits(d) : Float.floatToRawIntBits((float) d));
            }
            default: {
                long exp;
                switch (r.nextInt(4)) {
                    case 0 -> exp = r.nextInt(4); // subnormal and smallest normals
                    case 1 -> exp = maxExp - 1 - r.nextInt(4); // near overflow
                    case 2 -> exp = f.emax + r.nextInt(2 * f.p + 1) - f.p; // around 1.0
                    default -> exp = r.nextLong(maxExp); // any finite
                }
                return sign | (exp << (f.p - 1)) | fraction(r, f);
            }
        }
    }

    private static long fraction(Random r, Fmt f) {
        long mask = (1L << (f.p - 1)) - 1;
        return switch (r.nextInt(7)) {
            case 0 -> 0;
            case 1 -> mask;
            case 2 -> mask - r.nextInt(4);
            case 3 -> r.nextInt(4);
            case 4 -> r.nextLong() & mask & -(1L << r.nextInt(f.p - 1)); // few significant bits
            default -> r.nextLong() & mask;
        };
    }

    private static long exponentField(long bits, Fmt f) {
        return (bits >>> (f.p - 1)) & ((1L << (f.width - f.p)) - 1);
    }

    private static long withExponent(long bits, long exp, Fmt f) {
        long maxExp = (1L << (f.width - f.p)) - 1;
        exp = Math.max(0, Math.min(maxExp - 1, exp));
        long expMask = maxExp << (f.p - 1);
        return (bits & ~expMask) | (exp << (f.p - 1));
    }

    /** A nearby pattern: a few ulps away, maybe negated. */
    private static long near(Random r, long bits, Fmt f) {
        long v = (bits + r.nextInt(7) - 3) & f.mask();
        return r.nextBoolean() ? v ^ f.signBit() : v;
    }

    static Gen addOperands(Fmt f) {
        return r -> {
            long a = value(r, f);
            long b = switch (r.nextInt(4)) {
                case 0 -> near(r, a, f);
                case 1 -> withExponent(value(r, f), exponentField(a, f) + r.nextInt(2 * f.p + 7) - f.p - 3, f);
                default -> value(r, f);
            };
            return new long[] {a, b};
        };
    }

    /** b chosen so that the exponent of a*b (or a/b) lands near the underflow or overflow threshold. */
    static Gen scaledOperands(Fmt f, boolean forDivision) {
        long bias = f.emax, maxExp = 2L * f.emax + 1;
        return r -> {
            long a = value(r, f);
            if (r.nextInt(3) == 0) return new long[] {a, value(r, f)};
            long target = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(2 * f.p + 5) - f.p - 2; // around the subnormal range
                case 1 -> maxExp - 3 + r.nextInt(5); // around overflow
                default -> r.nextLong(maxExp);
            };
            long ea = exponentField(a, f);
            long eb = forDivision ? ea - target + bias : target - ea + bias;
            return new long[] {a, withExponent(value(r, f), eb, f)};
        };
    }

    static Gen unary(Fmt f) {
        return r -> new long[] {value(r, f)};
    }

    static Gen fmaOperands(Fmt f) {
        Gen scaled = scaledOperands(f, false);
        return r -> {
            long[] ab = scaled.next(r);
            long a = ab[0], b = ab[1];
            long c;
            switch (r.nextInt(3)) {
                case 0 -> {
                    long product = f == Fmt.D
                            ? Double.doubleToRawLongBits(Double.longBitsToDouble(a) * Double.longBitsToDouble(b))
                            : Float.floatToRawIntBits(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b))
                                    & 0xffff_ffffL;
                    c = near(r, product, f);
                }
                case 1 -> {
                    long pe = exponentField(a, f) + exponentField(b, f) - f.emax;
                    c = withExponent(value(r, f), pe + r.nextInt(2 * f.p + 7) - f.p - 3, f);
                }
                default -> c = value(r, f);
            }
            return new long[] {a, b, c};
        };
    }

    /** Floating-point values near integer-range boundaries and halves. */
    static Gen toIntegerOperands(Fmt f) {
        return r -> {
            if (r.nextInt(3) == 0) return new long[] {value(r, f)};
            int bitsWide = r.nextInt(66);
            double base = Math.scalb((double) (r.nextLong() >>> 1), bitsWide - 63);
            if (r.nextBoolean()) base = Math.rint(base);
            double[] fractions = {0, 0.5, 0.25, 0.75, 1e-9, -0.5, -1, 1};
            double d = base + fractions[r.nextInt(fractions.length)];
            if (r.nextInt(4) == 0) d = Math.scalb(1.0, new int[] {31, 32, 63, 64}[r.nextInt(4)]) + r.nextInt(5) - 2;
            if (r.nextBoolean()) d = -d;
            long bits = f == Fmt.D ? Double.doubleToRawLongBits(d) : Float.floatToRawIntBits((float) d) & 0xffff_ffffL;
            if (r.nextInt(4) == 0) bits = (bits + r.nextInt(5) - 2) & f.mask(); // an ulp or two off
            return new long[] {bits};
        };
    }

    /** Integers of every width, many just around the precision limit (ties and near-ties). */
    static Gen integerOperands() {
        return r -> {
            long x = r.nextLong() >>> r.nextInt(64);
            if (r.nextInt(3) == 0) {
                int shift = 20 + r.nextInt(44);
                long low = new long[] {0, 1, -1, 1L << (shift - 1 - r.nextInt(3))}[r.nextInt(4)];
                x = ((x | 1) << shift) + low;
            }
            if (r.nextBoolean()) x = -x;
            return new long[] {x};
        };
    }

    private static long s(int v) {
        return v & 0xffff_ffffL;
    }

    // ------------------------------------------------------------------ binary64

    @Test
    void addD() {
        check("fadd.d", addOperands(Fmt.D), (fpu, x, rm) -> fpu.addD(x[0], x[1], rm),
                (x, rm) -> ExactOracle.add(x[0], x[1], rm, Fmt.D));
    }

    @Test
    void subD() {
        check("fsub.d", addOperands(Fmt.D), (fpu, x, rm) -> fpu.subD(x[0], x[1], rm),
                (x, rm) -> ExactOracle.sub(x[0], x[1], rm, Fmt.D));
    }

    @Test
    void mulD() {
        check("fmul.d", scaledOperands(Fmt.D, false), (fpu, x, rm) -> fpu.mulD(x[0], x[1], rm),
                (x, rm) -> ExactOracle.mul(x[0], x[1], rm, Fmt.D));
    }

    @Test
    void divD() {
        check("fdiv.d", scaledOperands(Fmt.D, true), (fpu, x, rm) -> fpu.divD(x[0], x[1], rm),
                (x, rm) -> ExactOracle.div(x[0], x[1], rm, Fmt.D));
    }

    @Test
    void sqrtD() {
        check("fsqrt.d", unary(Fmt.D), (fpu, x, rm) -> fpu.sqrtD(x[0], rm),
                (x, rm) -> ExactOracle.sqrt(x[0], rm, Fmt.D));
    }

    @Test
    void fmaD() {
        check("fmadd.d", fmaOperands(Fmt.D), (fpu, x, rm) -> fpu.fmaD(x[0], x[1], x[2], rm),
                (x, rm) -> ExactOracle.fma(x[0], x[1], x[2], rm, Fmt.D));
    }

    @Test
    void narrowDoubleToSingle() {
        check("fcvt.s.d", r -> {
            long a = value(r, Fmt.D);
            // Bring many values into and around the binary32 range.
            if (r.nextBoolean()) a = withExponent(a, 1023 + r.nextInt(2 * 160) - 160, Fmt.D);
            return new long[] {a};
        }, (fpu, x, rm) -> fpu.cvtSD(x[0], rm), (x, rm) -> ExactOracle.convert(x[0], Fmt.D, Fmt.S, rm));
    }

    @Test
    void widenSingleToDouble() {
        check("fcvt.d.s", unary(Fmt.S), (fpu, x, rm) -> fpu.cvtDS(x[0]),
                (x, rm) -> ExactOracle.convert(x[0], Fmt.S, Fmt.D, rm));
    }

    @Test
    void doubleToIntegers() {
        Gen gen = toIntegerOperands(Fmt.D);
        check("fcvt.w.d", gen, (fpu, x, rm) -> fpu.cvtWD(x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.D, rm, true, 32));
        check("fcvt.wu.d", gen, (fpu, x, rm) -> fpu.cvtWuD(x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.D, rm, false, 32));
        check("fcvt.l.d", gen, (fpu, x, rm) -> fpu.cvtLD(x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.D, rm, true, 64));
        check("fcvt.lu.d", gen, (fpu, x, rm) -> fpu.cvtLuD(x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.D, rm, false, 64));
    }

    @Test
    void integersToDouble() {
        Gen gen = integerOperands();
        check("fcvt.d.w", gen, (fpu, x, rm) -> fpu.cvtDW(x[0], rm),
                (x, rm) -> ExactOracle.fromInteger(BigInteger.valueOf((int) x[0]), rm, Fmt.D));
        check("fcvt.d.wu", gen, (fpu, x, rm) -> fpu.cvtDWu(x[0], rm),
                (x, rm) -> ExactOracle.fromInteger(BigInteger.valueOf(x[0] & 0xffff_ffffL), rm, Fmt.D));
        check("fcvt.d.l", gen, (fpu, x, rm) -> fpu.cvtDL(x[0], rm),
                (x, rm) -> ExactOracle.fromInteger(BigInteger.valueOf(x[0]), rm, Fmt.D));
        check("fcvt.d.lu", gen, (fpu, x, rm) -> fpu.cvtDLu(x[0], rm),
                (x, rm) -> ExactOracle.fromInteger(unsigned(x[0]), rm, Fmt.D));
    }

    private static BigInteger unsigned(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    // ------------------------------------------------------------------ binary32

    @Test
    void addS() {
        check("fadd.s", addOperands(Fmt.S), (fpu, x, rm) -> s(fpu.addS((int) x[0], (int) x[1], rm)),
                (x, rm) -> ExactOracle.add(x[0], x[1], rm, Fmt.S));
    }

    @Test
    void subS() {
        check("fsub.s", addOperands(Fmt.S), (fpu, x, rm) -> s(fpu.subS((int) x[0], (int) x[1], rm)),
                (x, rm) -> ExactOracle.sub(x[0], x[1], rm, Fmt.S));
    }

    @Test
    void mulS() {
        check("fmul.s", scaledOperands(Fmt.S, false), (fpu, x, rm) -> s(fpu.mulS((int) x[0], (int) x[1], rm)),
                (x, rm) -> ExactOracle.mul(x[0], x[1], rm, Fmt.S));
    }

    @Test
    void divS() {
        check("fdiv.s", scaledOperands(Fmt.S, true), (fpu, x, rm) -> s(fpu.divS((int) x[0], (int) x[1], rm)),
                (x, rm) -> ExactOracle.div(x[0], x[1], rm, Fmt.S));
    }

    @Test
    void sqrtS() {
        check("fsqrt.s", unary(Fmt.S), (fpu, x, rm) -> s(fpu.sqrtS((int) x[0], rm)),
                (x, rm) -> ExactOracle.sqrt(x[0], rm, Fmt.S));
    }

    @Test
    void fmaS() {
        check("fmadd.s", fmaOperands(Fmt.S), (fpu, x, rm) -> s(fpu.fmaS((int) x[0], (int) x[1], (int) x[2], rm)),
                (x, rm) -> ExactOracle.fma(x[0], x[1], x[2], rm, Fmt.S));
    }

    @Test
    void singleToIntegers() {
        Gen gen = toIntegerOperands(Fmt.S);
        check("fcvt.w.s", gen, (fpu, x, rm) -> fpu.cvtWS((int) x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.S, rm, true, 32));
        check("fcvt.wu.s", gen, (fpu, x, rm) -> fpu.cvtWuS((int) x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.S, rm, false, 32));
        check("fcvt.l.s", gen, (fpu, x, rm) -> fpu.cvtLS((int) x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.S, rm, true, 64));
        check("fcvt.lu.s", gen, (fpu, x, rm) -> fpu.cvtLuS((int) x[0], rm),
                (x, rm) -> ExactOracle.toInteger(x[0], Fmt.S, rm, false, 64));
    }

    @Test
    void integersToSingle() {
        Gen gen = integerOperands();
        check("fcvt.s.w", gen, (fpu, x, rm) -> s(fpu.cvtSW(x[0], rm)),
                (x, rm) -> ExactOracle.fromInteger(BigInteger.valueOf((int) x[0]), rm, Fmt.S));
        check("fcvt.s.wu", gen, (fpu, x, rm) -> s(fpu.cvtSWu(x[0], rm)),
                (x, rm) -> ExactOracle.fromInteger(BigInteger.valueOf(x[0] & 0xffff_ffffL), rm, Fmt.S));
        check("fcvt.s.l", gen, (fpu, x, rm) -> s(fpu.cvtSL(x[0], rm)),
                (x, rm) -> ExactOracle.fromInteger(BigInteger.valueOf(x[0]), rm, Fmt.S));
        check("fcvt.s.lu", gen, (fpu, x, rm) -> s(fpu.cvtSLu(x[0], rm)),
                (x, rm) -> ExactOracle.fromInteger(unsigned(x[0]), rm, Fmt.S));
    }
}
