package org.bootlab.debug;

/**
 * Which traps stop the machine: exception causes and interrupt causes as bit masks (bit n for
 * cause n), and whether any change of privilege level does.
 */
public record TrapBreaks(long exceptions, long interrupts, boolean privilegeChange) {

    public static final TrapBreaks NONE = new TrapBreaks(0, 0, false);

    public boolean any() {
        return exceptions != 0 || interrupts != 0 || privilegeChange;
    }

    boolean matches(boolean interrupt, int cause) {
        return cause >= 0 && cause < 64 && (((interrupt ? interrupts : exceptions) >>> cause) & 1) != 0;
    }

    public TrapBreaks withException(int cause) {
        return new TrapBreaks(exceptions | (1L << cause), interrupts, privilegeChange);
    }

    public TrapBreaks withInterrupt(int cause) {
        return new TrapBreaks(exceptions, interrupts | (1L << cause), privilegeChange);
    }

    public TrapBreaks withPrivilegeChange(boolean on) {
        return new TrapBreaks(exceptions, interrupts, on);
    }
}
