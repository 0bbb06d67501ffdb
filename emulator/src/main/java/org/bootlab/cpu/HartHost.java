package org.bootlab.cpu;

/**
 * What a hart needs from the machine around it. Called on the emulator thread only, at event
 * points of the step loop, never per instruction.
 */
public interface HartHost {

    /**
     * Brings the devices up to date with virtual time ({@code cycles} since power-on: timer
     * comparisons, queued console input) and returns the cycle count of the next timer
     * deadline, or {@link Long#MAX_VALUE} when none is armed.
     */
    long service(long cycles);

    /**
     * The hart sleeps in WFI and no timer deadline is armed: only something from outside (console
     * input) can wake it. Wait a little for it (host time; virtual time stands still) and return
     * true to check again, or false when nothing can ever wake the hart.
     */
    boolean awaitExternalEvent();

    /**
     * An ECALL from S-mode that would trap to M-mode. Return true if the machine handled it as
     * an SBI call (direct kernel boot: the VMM is the SBI implementation, as KVM is); false to
     * take the trap, as on a machine with firmware in M-mode.
     */
    boolean handleSupervisorEcall(Hart hart);
}
