package org.bootlab.machine;

/** A level-triggered interrupt wire from a device to an interrupt controller or to the hart. */
@FunctionalInterface
public interface IrqLine {

    /** Drives the wire: {@code true} while the device wants service. */
    void set(boolean asserted);

    /** A wire connected to nothing. */
    IrqLine NONE = asserted -> { };
}
