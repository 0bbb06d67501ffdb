package org.bootlab.machine.loader;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an image file whole, turning every I/O problem into an {@link ImageException}. */
final class ImageFiles {

    /** Java arrays stop a little short of 2 GiB; no guest RAM image needs more. */
    private static final long MAX_IMAGE_BYTES = Integer.MAX_VALUE - 8;

    private ImageFiles() {
    }

    static byte[] read(Path file) throws ImageException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new ImageException(name + ": is a directory, not an image file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_IMAGE_BYTES) {
                throw new ImageException(name + ": is too large (" + size + " bytes) to be a guest image");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ImageException(name + ": permission denied");
        } catch (IOException e) {
            throw new ImageException(name + ": cannot read: " + e.getMessage(), e);
        }
    }
}
