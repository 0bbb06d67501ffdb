package org.bootlab.machine;

/** Receives every byte the guest writes to the serial console, with the virtual time in ns. */
@FunctionalInterface
public interface ConsoleListener {

    void onByte(int b, long virtualNanos);
}
