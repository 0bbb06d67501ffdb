package org.bootlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Forwards the host's stdin to the guest's UART receiver from a daemon thread, so a blocked
 * read never keeps the CLI alive after the guest is done. Bytes go through unchanged.
 */
final class ConsoleInput {

    private ConsoleInput() {
    }

    static Thread start(InputStream in, Consumer<byte[]> sink) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sink.accept(Arrays.copyOf(buffer, n));
                }
            } catch (IOException e) {
                // stdin closed under us: the guest simply gets no more input.
            }
        }, "bootlab-console-input");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
