package org.bootlab.app.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a source file by the path the line table recorded: the guest kernel's sources are
 * packaged as classpath resources under {@code /org/bootlab/guest/} (its paths start with
 * {@code src/}); another kernel's are looked for as absolute paths or next to the kernel file.
 * Texts are cached; files over {@link #MAX_BYTES} are not shown.
 */
final class SourceFiles {

    static final String RESOURCE_ROOT = "/org/bootlab/guest/";
    private static final long MAX_BYTES = 4 << 20;

    private final Map<String, Optional<List<String>>> cache = new HashMap<>();

    Optional<List<String>> lines(String file, String kernel) {
        return cache.computeIfAbsent(kernel + "\0" + file, k -> load(file, kernel));
    }

    private static Optional<List<String>> load(String file, String kernel) {
        String relative = file.startsWith("./") ? file.substring(2) : file;
        if (kernel == null) {
            try (InputStream in = SourceFiles.class.getResourceAsStream(RESOURCE_ROOT + relative)) {
                if (in != null) {
                    return Optional.of(new String(in.readNBytes((int) MAX_BYTES), StandardCharsets.UTF_8).lines().toList());
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            Path dir = Path.of(kernel).toAbsolutePath().getParent();
            path = dir == null ? path : dir.resolve(relative);
        }
        try {
            if (Files.isRegularFile(path) && Files.size(path) <= MAX_BYTES) {
                return Optional.of(Files.readAllLines(path, StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable or non-UTF-8 file: shown as not available.
        }
        return Optional.empty();
    }
}
