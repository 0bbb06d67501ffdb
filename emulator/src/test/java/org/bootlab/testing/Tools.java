package org.bootlab.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * External tools for tests (cross compiler, QEMU, dtc, firmware packages). On a bare machine a
 * test that needs a missing tool is skipped with a reason; CI passes
 * {@code -Dbootlab.requireTools=true}, and there the same test fails instead.
 */
public final class Tools {

    private Tools() {
    }

    public static boolean required() {
        return Boolean.getBoolean("bootlab.requireTools");
    }

    /** The executable's path on PATH, or the test is skipped (failed when tools are required). */
    public static Path require(String executable) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Paths.get(dir, executable);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        missing("'" + executable + "' is not on PATH");
        return null;
    }

    /** A file some package installs (firmware, say), or the test is skipped (failed in CI). */
    public static Path requireFile(String file, String debianPackage) {
        Path p = Paths.get(file);
        if (!Files.isRegularFile(p)) {
            missing(file + " is missing (Debian package " + debianPackage + ")");
        }
        return p;
    }

    /** The repository's top folder. */
    public static Path repoRoot() {
        String root = System.getProperty("bootlab.repoRoot");
        Path p = root != null ? Paths.get(root) : Paths.get("").toAbsolutePath().getParent();
        return p.toAbsolutePath().normalize();
    }

    private static void missing(String what) {
        if (required()) {
            fail(what + ", and -Dbootlab.requireTools=true requires it");
        }
        assumeTrue(false, "skipped: " + what);
    }
}
