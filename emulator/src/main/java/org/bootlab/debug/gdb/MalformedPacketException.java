package org.bootlab.debug.gdb;

/** A packet gdb could not have meant: answered with an error reply, never fatal. */
final class MalformedPacketException extends RuntimeException {

    MalformedPacketException(String message) {
        super(message);
    }
}
