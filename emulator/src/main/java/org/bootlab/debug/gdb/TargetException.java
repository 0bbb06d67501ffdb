package org.bootlab.debug.gdb;

/** Work on the emulator thread failed or timed out: answered with an error reply. */
final class TargetException extends RuntimeException {

    TargetException(String message) {
        super(message);
    }
}
