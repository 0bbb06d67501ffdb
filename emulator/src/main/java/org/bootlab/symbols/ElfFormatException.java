package org.bootlab.symbols;

import org.bootlab.machine.loader.ImageException;

/**
 * An ELF file (or its debug information) that cannot be read, with a message for a person that
 * names the file, the byte offset and what was wrong there: "kernel.elf: section 4 header at
 * offset 0x1a40 runs past the end of the file (6000 bytes)". It is an {@link ImageException}, so
 * the CLI reports it the same way as a bad boot image.
 */
public final class ElfFormatException extends ImageException {

    public ElfFormatException(String message) {
        super(message);
    }
}
