package org.bootlab.app.session;

/**
 * A view's adapter reads what the view shows from the machine through this: called on the
 * emulator thread while the machine is still, it returns an immutable model that the JavaFX
 * thread renders later. Each probe is also the key of its model in {@link SessionSnapshot}.
 */
@FunctionalInterface
public interface MachineProbe<T> {

    T capture(BootedGuest guest);

    /**
     * As {@link #capture(BootedGuest)}; {@code running} says the snapshot is one of the ~30 a
     * second taken while a command executes, so a costly probe may return its previous model.
     */
    default T capture(BootedGuest guest, boolean running) {
        return capture(guest);
    }

    /** Called on the emulator thread when a machine has been built (boot or reset), before it runs. */
    default void attach(BootedGuest guest) {
    }
}
