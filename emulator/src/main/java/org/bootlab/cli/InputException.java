package org.bootlab.cli;

/**
 * Bad input from the person running the CLI (an option out of range, an unreadable or malformed
 * file): printed as one line naming the option or file and the problem, exit status 2.
 */
public final class InputException extends Exception {

    public InputException(String message) {
        super(message);
    }
}
