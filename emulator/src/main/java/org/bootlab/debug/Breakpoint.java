package org.bootlab.debug;

/**
 * An execution breakpoint at a virtual pc (the address the hart executes from).
 *
 * @param id          its number, unique in one {@link RunControl}
 * @param address     the pc it stops at, before that instruction executes
 * @param condition   stop only when this holds (null: always)
 * @param ignoreCount how many more times a crossing with the condition true is ignored
 * @param hitCount    crossings with the condition true so far (forward execution only)
 * @param enabled     whether it takes part at all
 */
public record Breakpoint(int id, long address, RegisterCondition condition, long ignoreCount, long hitCount,
                         boolean enabled) {

    Breakpoint crossed() {
        return new Breakpoint(id, address, condition, Math.max(0, ignoreCount - 1), hitCount + 1, enabled);
    }

    Breakpoint withEnabled(boolean on) {
        return new Breakpoint(id, address, condition, ignoreCount, hitCount, on);
    }
}
