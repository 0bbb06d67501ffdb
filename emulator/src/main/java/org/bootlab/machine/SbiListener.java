package org.bootlab.machine;

/**
 * Sees the SBI calls the machine answers itself under direct kernel boot (with firmware, the
 * calls are ECALL traps into M-mode, which hart listeners see instead).
 */
@FunctionalInterface
public interface SbiListener {

    /** The guest called SBI extension {@code extension}, function {@code function}. */
    void onSbiCall(long extension, long function, long virtualNanos);
}
