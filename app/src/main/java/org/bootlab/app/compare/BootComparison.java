package org.bootlab.app.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceComparison;

/**
 * Two or three boots side by side, in the numbers the comparison view shows: each boot's time
 * and sort step (from {@link TraceComparison#side}), the sort ratio against the fastest sort,
 * time per SI_SUB subsystem, per-SYSINIT times, and the SYSINITs that ran at a different
 * position than in the first boot.
 */
public final class BootComparison {

    /** One SYSINIT's time in each boot (-1 where it did not run). */
    public record SysinitTimes(String name, String subsystem, long[] nanos) {
        /** The largest difference between two boots. */
        public long spread() {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long n : nanos) {
                if (n >= 0) {
                    min = Math.min(min, n);
                    max = Math.max(max, n);
                }
            }
            return min == Long.MAX_VALUE ? 0 : max - min;
        }
    }

    /** A SYSINIT whose position (0-based, in execution order) differs between the boots. */
    public record Moved(String name, String subsystem, int[] positions) {
    }

    private final List<TraceComparison.Side> sides = new ArrayList<>();
    private final Map<String, long[]> subsystems = new LinkedHashMap<>();
    private final List<SysinitTimes> sysinits = new ArrayList<>();
    private final List<Moved> moved = new ArrayList<>();

    public BootComparison(List<Trace> traces, List<String> labels) {
        int n = traces.size();
        for (int k = 0; k < n; k++) {
            sides.add(TraceComparison.side(traces.get(k), labels.get(k)));
        }
        Map<String, SysinitTimes> byName = new LinkedHashMap<>();
        List<Map<String, Integer>> positions = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Map<String, Integer> pos = new HashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            for (TraceComparison.SysinitRun r : sides.get(k).sysinits()) {
                subsystems.computeIfAbsent(r.subsystem(), s -> new long[n])[k] += r.nanos();
                // A name that runs more than once is keyed "#2", "#3" for its later runs, as TraceComparison does.
                int count = seen.merge(r.name(), 1, Integer::sum);
                String key = count == 1 ? r.name() : r.name() + "#" + count;
                SysinitTimes t = byName.computeIfAbsent(key, x -> {
                    long[] none = new long[n];
                    java.util.Arrays.fill(none, -1);
                    return new SysinitTimes(x, r.subsystem(), none);
                });
                t.nanos()[k] = r.nanos();
                pos.put(key, r.position());
            }
            positions.add(pos);
        }
        sysinits.addAll(byName.values());
        for (String key : byName.keySet()) {
            int[] at = new int[n];
            boolean differs = false;
            for (int k = 0; k < n; k++) {
                at[k] = positions.get(k).getOrDefault(key, -1);
                differs |= k > 0 && at[k] != at[0] && at[k] >= 0 && at[0] >= 0;
            }
            if (differs) {
                moved.add(new Moved(key, byName.get(key).subsystem(), at));
            }
        }
    }

    public List<TraceComparison.Side> sides() {
        return sides;
    }

    /** Nanoseconds per subsystem in each boot, in first-run order. */
    public Map<String, long[]> subsystems() {
        return subsystems;
    }

    public List<SysinitTimes> sysinits() {
        return sysinits;
    }

    public List<Moved> moved() {
        return moved;
    }

    /** Boot {@code k}'s sort instructions over the fewest of any boot, or NaN when unknown. */
    public double sortRatio(int k) {
        long fewest = Long.MAX_VALUE;
        for (TraceComparison.Side s : sides) {
            if (s.sort() != null && s.sort().instructions() > 0) {
                fewest = Math.min(fewest, s.sort().instructions());
            }
        }
        TraceComparison.Side s = sides.get(k);
        if (fewest == Long.MAX_VALUE || s.sort() == null || s.sort().instructions() <= 0) {
            return Double.NaN;
        }
        return (double) s.sort().instructions() / fewest;
    }

    /** The slowest sort's instructions over the fastest's: the headline figure, or NaN. */
    public double headlineRatio() {
        double max = Double.NaN;
        for (int k = 0; k < sides.size(); k++) {
            double r = sortRatio(k);
            if (!Double.isNaN(r) && (Double.isNaN(max) || r > max)) {
                max = r;
            }
        }
        return max;
    }
}
