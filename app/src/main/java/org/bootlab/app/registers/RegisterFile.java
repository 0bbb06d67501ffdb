package org.bootlab.app.registers;

import java.util.Arrays;
import java.util.Map;

/**
 * The hart's registers at one moment. The arrays are private copies that nobody changes.
 *
 * @param csrs CSR number to value, in the order the view lists them
 */
public record RegisterFile(long pc, int privilege, long[] x, long[] f, Map<Integer, Long> csrs) {

    /** Whether every register holds the same value in both. */
    public boolean sameAs(RegisterFile o) {
        return pc == o.pc && privilege == o.privilege && Arrays.equals(x, o.x) && Arrays.equals(f, o.f)
                && csrs.equals(o.csrs);
    }
}
