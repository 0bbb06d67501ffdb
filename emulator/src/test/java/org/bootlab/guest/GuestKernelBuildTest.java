package org.bootlab.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed guest kernel and disk image are exactly what the sources build: a copy of
 * guest-kernel/ in another folder is rebuilt with the cross compiler and compared byte for byte
 * (so the build is reproducible and the prebuilt files are not stale).
 */
class GuestKernelBuildTest {

    @Test
    void rebuildMatchesTheCommittedImages(@TempDir Path temp) throws Exception {
        Tools.require("riscv64-unknown-elf-gcc");
        Tools.require("make");
        Tools.require("python3");
        Tools.require("tar");
        Path source = Tools.repoRoot().resolve("guest-kernel");
        Path copy = temp.resolve("guest-kernel");
        for (String part : new String[] {"Makefile", "src", "tools"}) {
            copyTree(source.resolve(part), copy.resolve(part));
        }
        Process make = new ProcessBuilder("make", "-s", "all")
                .directory(copy.toFile()).redirectErrorStream(true).start();
        String log = new String(make.getInputStream().readAllBytes());
        assertTrue(make.waitFor(10, TimeUnit.MINUTES), "make timed out");
        assertEquals(0, make.exitValue(), "make failed:\n" + log);
        for (String image : new String[] {"kernel.elf", "disk.img"}) {
            assertArrayEquals(Files.readAllBytes(source.resolve("prebuilt").resolve(image)),
                    Files.readAllBytes(copy.resolve("build").resolve(image)),
                    "guest-kernel/prebuilt/" + image + " differs from a fresh build: run `make prebuilt` in"
                            + " guest-kernel/ and commit the result");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
