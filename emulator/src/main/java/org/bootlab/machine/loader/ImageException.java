package org.bootlab.machine.loader;

/**
 * A kernel, firmware or disk image that cannot be used, with a message for a person: it names
 * the file and says what is wrong with it ("u-boot.elf: not a RISC-V ELF (machine 62)").
 */
public class ImageException extends Exception {

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
