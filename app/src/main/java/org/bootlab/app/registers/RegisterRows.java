package org.bootlab.app.registers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bootlab.cpu.Csr;

/**
 * Turns register files into the view's rows, marking what changed since the machine last
 * stopped (so after a step the step's effect is highlighted; while running, everything the run
 * has changed so far).
 */
final class RegisterRows {

    static final String[] ABI = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0/fp", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };
    static final String[] FABI = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
        "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
    };

    /** The registers at the stop before the one shown: changes are shown against these. */
    private RegisterFile baseline;
    /** The registers at the most recent stop. */
    private RegisterFile lastStop;
    private RegisterFile shown;

    /** Call with each new register file; {@code still}: the machine has stopped. */
    void update(RegisterFile now, boolean still) {
        if (lastStop == null) {
            baseline = now;
        } else if (!still || !lastStop.sameAs(now)) {
            // A new stop (or a run in progress): compare with where the machine stopped before.
            // The same stop shown again (a refresh) keeps its highlights.
            baseline = lastStop;
        }
        if (still && (lastStop == null || !lastStop.sameAs(now))) {
            lastStop = now;
        }
        shown = now;
    }

    List<RegisterRow> integer() {
        List<RegisterRow> rows = new ArrayList<>();
        rows.add(new RegisterRow("pc", "", hex(shown.pc()), "", shown.pc() != baseline.pc()));
        for (int i = 0; i < 32; i++) {
            long v = shown.x()[i];
            rows.add(new RegisterRow("x" + i, ABI[i], hex(v), Long.toString(v), v != baseline.x()[i]));
        }
        return rows;
    }

    List<RegisterRow> floating() {
        List<RegisterRow> rows = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            long v = shown.f()[i];
            rows.add(new RegisterRow("f" + i, FABI[i], hex(v), floatValue(v), v != baseline.f()[i]));
        }
        return rows;
    }

    List<RegisterRow> csrs() {
        List<RegisterRow> rows = new ArrayList<>();
        rows.add(new RegisterRow("priv", "", CsrFields.privilege(shown.privilege()), "privilege mode",
                shown.privilege() != baseline.privilege()));
        for (Map.Entry<Integer, Long> e : shown.csrs().entrySet()) {
            long v = e.getValue();
            Long before = baseline.csrs().get(e.getKey());
            rows.add(new RegisterRow(Csr.name(e.getKey()), String.format("0x%03x", e.getKey()), hex(v),
                    CsrFields.describe(e.getKey(), v), before == null || before != v));
        }
        return rows;
    }

    /** A NaN-boxed single shows as a float, anything else as a double. */
    private static String floatValue(long v) {
        if ((v >>> 32) == 0xffff_ffffL) {
            return Float.intBitsToFloat((int) v) + " (single)";
        }
        return Double.toString(Double.longBitsToDouble(v));
    }

    static String hex(long v) {
        return String.format("0x%016x", v);
    }
}
