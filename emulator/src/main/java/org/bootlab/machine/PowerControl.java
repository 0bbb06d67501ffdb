package org.bootlab.machine;

/** What the test device (and the SBI system-reset call) asks of the machine. */
@FunctionalInterface
public interface PowerControl {

    /**
     * Ends the run: {@link ExitStatus#POWER_OFF} (pass, code 0), {@link ExitStatus#FAILED} with
     * the guest's code, or {@link ExitStatus#RESET}. Called on the emulator thread from inside a
     * guest store; the machine should stop after the current instruction.
     */
    void powerOff(ExitStatus status, int code);
}
