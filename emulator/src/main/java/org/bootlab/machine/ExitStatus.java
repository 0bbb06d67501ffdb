package org.bootlab.machine;

/** Why {@link Machine#run} returned. */
public enum ExitStatus {
    /** The guest powered off through the test device's pass code or SBI shutdown. */
    POWER_OFF,
    /** The guest powered off reporting failure; see {@link RunResult#code()}. */
    FAILED,
    /** The guest asked for a reset (test device 0x7777 or SBI system reset with a reboot type). */
    RESET,
    /** The instruction budget given to {@code run} is used up; the machine can continue. */
    INSTRUCTION_LIMIT,
    /**
     * The hart sleeps in WFI and nothing can wake it: no timer armed and no console input
     * attached. The guest has, in effect, stopped for good.
     */
    HALTED,
    /** Someone called {@link Machine#requestStop()}; the machine can continue. */
    STOPPED
}
