package org.bootlab.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two boots side by side: boot time of each, the SYSINIT sort step (its instructions and time,
 * and the ratio), time per SYSINIT and per SI_SUB subsystem with deltas, and the SYSINIT
 * execution-order differences. Read from the trace: SYSINIT calls the tracker tagged (native
 * traces) or "SYSINIT name" frames (TSLOG, imported logs); the sort step from the TSLOG frame
 * "mi_startup bubblesort|mergesort|qsort", or a call of the sort function when it is not inlined.
 */
public final class TraceComparison {

    private static final Pattern SORT_FRAME = Pattern.compile("mi_startup (bubblesort|mergesort|qsort)");
    private static final Pattern SORT_FUNCTION = Pattern.compile("sysinit_(bubblesort|mergesort|qsort)(\\..*)?");

    /** The sort step of one boot; instructions may be {@link FrameList#UNKNOWN}. */
    public record SortStep(String algorithm, long instructions, long nanos) {
    }

    /** One SYSINIT as it ran: its position in execution order, time and instructions. */
    public record SysinitRun(String name, String subsystem, int position, long nanos, long instructions) {
    }

    /** What one trace says. */
    public record Side(String label, long bootNanos, long bootInstructions, SortStep sort, List<SysinitRun> sysinits) {
    }

    public record SubsystemDelta(String subsystem, long nanosA, long nanosB, long instructionsA, long instructionsB) {
        public long deltaNanos() {
            return nanosB - nanosA;
        }
    }

    public record SysinitDelta(String name, String subsystem, long nanosA, long nanosB, long instructionsA,
                               long instructionsB) {
        public long deltaNanos() {
            return nanosB - nanosA;
        }
    }

    /** An entry that ran at a different position in the two boots (0-based positions). */
    public record OrderChange(String name, String subsystem, int positionA, int positionB) {
    }

    private final Side a;
    private final Side b;
    private final List<SubsystemDelta> subsystems = new ArrayList<>();
    private final List<SysinitDelta> sysinits = new ArrayList<>();
    private final List<OrderChange> orderChanges = new ArrayList<>();

    private TraceComparison(Side a, Side b) {
        this.a = a;
        this.b = b;
        Map<String, SysinitRun> inB = byName(b.sysinits());
        Map<String, long[]> perSubsystem = new LinkedHashMap<>();
        for (SysinitRun r : a.sysinits()) {
            perSubsystem.computeIfAbsent(r.subsystem(), k -> new long[4]);
        }
        for (SysinitRun r : b.sysinits()) {
            perSubsystem.computeIfAbsent(r.subsystem(), k -> new long[4]);
        }
        for (SysinitRun r : a.sysinits()) {
            long[] s = perSubsystem.get(r.subsystem());
            s[0] += r.nanos();
            s[2] += Math.max(0, r.instructions());
        }
        for (SysinitRun r : b.sysinits()) {
            long[] s = perSubsystem.get(r.subsystem());
            s[1] += r.nanos();
            s[3] += Math.max(0, r.instructions());
        }
        perSubsystem.forEach((k, v) -> subsystems.add(new SubsystemDelta(k, v[0], v[1], v[2], v[3])));
        Map<String, SysinitRun> inA = byName(a.sysinits());
        for (Map.Entry<String, SysinitRun> e : inA.entrySet()) {
            SysinitRun ra = e.getValue();
            SysinitRun rb = inB.get(e.getKey());
            if (rb != null) {
                sysinits.add(new SysinitDelta(ra.name(), ra.subsystem(), ra.nanos(), rb.nanos(), ra.instructions(),
                        rb.instructions()));
                if (ra.position() != rb.position()) {
                    orderChanges.add(new OrderChange(ra.name(), ra.subsystem(), ra.position(), rb.position()));
                }
            }
        }
    }

    /** Keyed by name; a name that runs more than once gets "#2", "#3" for its later runs. */
    private static Map<String, SysinitRun> byName(List<SysinitRun> runs) {
        Map<String, SysinitRun> m = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SysinitRun r : runs) {
            int n = seen.merge(r.name(), 1, Integer::sum);
            m.put(n == 1 ? r.name() : r.name() + "#" + n, r);
        }
        return m;
    }

    public static TraceComparison of(Trace traceA, String labelA, Trace traceB, String labelB) {
        return new TraceComparison(side(traceA, labelA), side(traceB, labelB));
    }

    /** What {@code trace} says about its boot. */
    public static Side side(Trace trace, String label) {
        SortStep sort = null;
        List<SysinitRun> tagged = new ArrayList<>();
        List<SysinitRun> named = new ArrayList<>();
        for (Track t : trace.tracks()) {
            FrameList f = t.frames();
            for (int i = 0; i < f.size(); i++) {
                String name = trace.name(f.name(i));
                int s = f.sysinit(i);
                if (s != FrameList.NO_SYSINIT) {
                    var e = trace.sysinits().get(s);
                    tagged.add(new SysinitRun(e.name(), e.subsystemName(), tagged.size(), f.duration(i), f.instructions(i)));
                } else if (t.kind() == Track.Kind.THREAD && name.startsWith("SYSINIT ")) {
                    named.add(new SysinitRun(name.substring(8), "?", named.size(), f.duration(i), f.instructions(i)));
                }
                Matcher m = SORT_FRAME.matcher(name);
                Matcher fn = SORT_FUNCTION.matcher(name);
                if ((sort == null || sort.instructions() < 0) && (m.matches() || fn.matches())) {
                    String algorithm = m.matches() ? m.group(1) : fn.group(1);
                    sort = new SortStep(algorithm, f.instructions(i), f.duration(i));
                }
            }
        }
        long boot = trace.endTime() - trace.startTime();
        return new Side(label, boot, trace.endInsns(), sort, tagged.isEmpty() ? named : tagged);
    }

    public Side a() {
        return a;
    }

    public Side b() {
        return b;
    }

    public List<SubsystemDelta> subsystems() {
        return subsystems;
    }

    public List<SysinitDelta> sysinits() {
        return sysinits;
    }

    public List<OrderChange> orderChanges() {
        return orderChanges;
    }

    /** A's sort instructions over B's, or NaN when either is unknown. */
    public double sortInstructionRatio() {
        if (a.sort() == null || b.sort() == null || a.sort().instructions() <= 0 || b.sort().instructions() <= 0) {
            return Double.NaN;
        }
        return (double) a.sort().instructions() / b.sort().instructions();
    }

    /** A's sort time over B's, or NaN. */
    public double sortTimeRatio() {
        if (a.sort() == null || b.sort() == null || a.sort().nanos() <= 0 || b.sort().nanos() <= 0) {
            return Double.NaN;
        }
        return (double) a.sort().nanos() / b.sort().nanos();
    }

    // ------------------------------------------------------------------ output

    /** The report for a terminal; {@code topN} per-SYSINIT deltas, largest first. */
    public String toText(int topN) {
        StringBuilder s = new StringBuilder();
        String fmt = "%-30s %22s %22s %16s%n";
        s.append(String.format(Locale.ROOT, fmt, "", "A", "B", "B - A"));
        s.append(String.format(Locale.ROOT, fmt, "trace", shorten(a.label()), shorten(b.label()), ""));
        s.append(String.format(Locale.ROOT, fmt, "boot time", ms(a.bootNanos()), ms(b.bootNanos()),
                ms(b.bootNanos() - a.bootNanos())));
        s.append(String.format(Locale.ROOT, fmt, "boot instructions", count(a.bootInstructions()),
                count(b.bootInstructions()), a.bootInstructions() < 0 || b.bootInstructions() < 0 ? ""
                        : String.format(Locale.ROOT, "%+,d", b.bootInstructions() - a.bootInstructions())));
        if (a.sort() != null || b.sort() != null) {
            s.append(String.format(Locale.ROOT, fmt, "sort", a.sort() == null ? "?" : a.sort().algorithm(),
                    b.sort() == null ? "?" : b.sort().algorithm(), ""));
            s.append(String.format(Locale.ROOT, fmt, "sort instructions",
                    a.sort() == null ? "?" : count(a.sort().instructions()),
                    b.sort() == null ? "?" : count(b.sort().instructions()), ""));
            s.append(String.format(Locale.ROOT, fmt, "sort time", a.sort() == null ? "?" : ms(a.sort().nanos()),
                    b.sort() == null ? "?" : ms(b.sort().nanos()), ""));
            double r = sortInstructionRatio();
            s.append(String.format(Locale.ROOT, "sort ratio (A/B): %s instructions, %s time%n",
                    Double.isNaN(r) ? "?" : String.format(Locale.ROOT, "%.1fx", r),
                    Double.isNaN(sortTimeRatio()) ? "?" : String.format(Locale.ROOT, "%.1fx", sortTimeRatio())));
        } else {
            s.append("sort: neither trace has the SYSINIT sort step\n");
        }
        s.append(String.format(Locale.ROOT, fmt, "SYSINITs run", count(a.sysinits().size()), count(b.sysinits().size()), ""));
        s.append(String.format(Locale.ROOT, "SYSINIT order: %s%n", orderChanges.isEmpty()
                ? "the same in both" : orderChanges.size() + " entries ran at a different position"));
        if (!subsystems.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nTime per subsystem:%n"));
            for (SubsystemDelta d : subsystems) {
                s.append(String.format(Locale.ROOT, fmt, "  " + d.subsystem(), ms(d.nanosA()), ms(d.nanosB()),
                        ms(d.deltaNanos())));
            }
        }
        if (!sysinits.isEmpty() && topN > 0) {
            List<SysinitDelta> sorted = new ArrayList<>(sysinits);
            sorted.sort(Comparator.comparingLong((SysinitDelta d) -> Math.abs(d.deltaNanos())).reversed());
            s.append(String.format(Locale.ROOT, "%nLargest per-SYSINIT differences (%d of %d; --json lists all):%n",
                    Math.min(topN, sorted.size()), sorted.size()));
            for (SysinitDelta d : sorted.subList(0, Math.min(topN, sorted.size()))) {
                s.append(String.format(Locale.ROOT, fmt, "  " + d.name(), ms(d.nanosA()), ms(d.nanosB()), ms(d.deltaNanos())));
            }
        }
        if (!orderChanges.isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nSYSINITs at a different position (position in A -> in B):%n"));
            for (OrderChange c : orderChanges) {
                s.append(String.format(Locale.ROOT, "  %-40s %-24s %5d -> %d%n", c.name(), c.subsystem(),
                        c.positionA(), c.positionB()));
            }
        }
        return s.toString();
    }

    /** Everything, as JSON (times in ns). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", sideJson(a));
        root.put("b", sideJson(b));
        double r = sortInstructionRatio();
        root.put("sortInstructionRatio", Double.isNaN(r) ? null : r);
        double rt = sortTimeRatio();
        root.put("sortTimeRatio", Double.isNaN(rt) ? null : rt);
        root.put("subsystems", subsystems);
        root.put("sysinits", sysinits);
        root.put("orderChanges", orderChanges);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("records of strings and numbers always serialise", e);
        }
    }

    private static Map<String, Object> sideJson(Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", s.label());
        m.put("bootNanos", s.bootNanos());
        m.put("bootInstructions", s.bootInstructions() < 0 ? null : s.bootInstructions());
        m.put("sort", s.sort());
        m.put("sysinitCount", s.sysinits().size());
        m.put("sysinitOrder", s.sysinits().stream().map(SysinitRun::name).toList());
        return m;
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    }

    private static String count(long n) {
        return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
    }

    private static String shorten(String label) {
        return label.length() <= 22 ? label : "..." + label.substring(label.length() - 19);
    }
}
