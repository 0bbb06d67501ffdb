package org.bootlab.app.sysinit;

import java.util.List;

import org.bootlab.app.session.CallTracking.SysinitState;
import org.bootlab.symbols.SysinitEntry;

/**
 * The SYSINIT table at one moment; the arrays are private copies that nobody changes.
 *
 * @param entries the kernel's SYSINITs, sorted (the same list for one boot)
 * @param current the index of the SYSINIT running now, or -1
 */
public record SysinitModel(List<SysinitEntry> entries, SysinitState[] states, long[] nanos, int current) {
}
