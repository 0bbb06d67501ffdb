package org.bootlab.app.timeline;

/** How frames are coloured. */
public enum ColorMode {
    /** By the SI_SUB subsystem of the SYSINIT a frame runs in; code outside SYSINITs in greys. */
    SUBSYSTEM("By subsystem"),
    /** By function name: each function its own warm colour, the same in every trace. */
    FUNCTION("By function");

    private final String label;

    ColorMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
