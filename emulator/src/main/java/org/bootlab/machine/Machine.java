package org.bootlab.machine;

import org.bootlab.machine.loader.ImageException;

/**
 * The microVM: one RV64GC hart, DRAM and the devices of QEMU's virt layout.
 * (API skeleton: the implementation lands with the hart.)
 */
public final class Machine {

    private final MachineConfig config;

    /** Builds the machine, loads the images and the device tree; ready to run at reset. */
    public Machine(MachineConfig config) throws ImageException {
        this.config = config;
    }

    public MachineConfig config() {
        return config;
    }

    /**
     * Runs until the guest powers off or resets, {@code maxInstructions} more instructions have
     * retired, or {@link #requestStop()} is called. Call from one thread only.
     */
    public RunResult run(long maxInstructions) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Asks a running {@link #run} to return soon; safe from any thread. */
    public void requestStop() {
    }

    public void addConsoleListener(ConsoleListener listener) {
    }

    /** Queues bytes for the UART's receiver; safe from any thread. */
    public void sendConsoleInput(byte[] bytes) {
    }

    /** The flattened device tree blob handed to the guest in a1. */
    public byte[] deviceTree() {
        return new byte[0];
    }
}
