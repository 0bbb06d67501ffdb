package org.bootlab.app.timeline;

import java.util.Locale;

/** Nanoseconds as people read them (ms, µs, ns), and the ruler's tick spacing. */
public final class TimeUnits {

    private TimeUnits() {
    }

    /** A duration or time with the unit that suits its size, e.g. "6.414 ms", "117 µs", "42 ns". */
    public static String format(double ns) {
        double a = Math.abs(ns);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.3f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }

    /** The tick spacing: 1, 2 or 5 times a power of ten nanoseconds, at least {@code minNs}. */
    public static long tickStep(double minNs) {
        long step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (step * m >= minNs) {
                    return step * m;
                }
            }
            if (step > Long.MAX_VALUE / 100) {
                return step;
            }
            step *= 10;
        }
    }

    /** A tick label: as few digits as the step needs, in the step's unit. */
    public static String tickLabel(long ns, long step) {
        if (step >= 100_000) {
            return trim(ns / 1e6, step / 1e6) + " ms";
        }
        if (step >= 100) {
            return trim(ns / 1e3, step / 1e3) + " µs";
        }
        return ns + " ns";
    }

    private static String trim(double value, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
