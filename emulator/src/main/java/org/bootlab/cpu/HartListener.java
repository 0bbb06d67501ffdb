package org.bootlab.cpu;

/**
 * Observes a hart, for debuggers and tracers. Every method has an empty default, so a listener
 * implements what it needs. With no listener attached the step loop does not call anything.
 */
public interface HartListener {

    /**
     * Whether this listener wants {@link #beforeInstruction}, which makes the hart step one
     * instruction at a time (several times slower). A listener that needs only the trap hooks
     * returns false and the hart keeps its fast loop.
     */
    default boolean observesInstructions() {
        return true;
    }

    /** Before the instruction at {@code pc} executes (only when stepping is observed). */
    default void beforeInstruction(Hart hart, long pc) {
    }

    /**
     * A trap is being taken: an exception ({@code interrupt} false) or an interrupt, with its
     * cause, tval, the pc it leaves and the privilege it goes from and to.
     */
    default void onTrap(Hart hart, boolean interrupt, int cause, long tval, long epc, int fromPriv, int toPriv) {
    }

    /** MRET or SRET returned from {@code fromPriv} to {@code toPriv} at {@code pc}. */
    default void onTrapReturn(Hart hart, int fromPriv, int toPriv, long pc) {
    }
}
