package org.bootlab.isa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed ISA test ELFs are exactly what their sources build into: rebuilds the suite
 * with the cross compiler into a temporary folder and compares byte for byte. After changing a
 * test source, run {@code make install} in emulator/src/test/isa and commit the ELFs.
 */
class IsaBuildTest {

    @Test
    void rebuiltElfsAreIdenticalToTheCommittedOnes(@TempDir Path out) throws Exception {
        Tools.require("riscv64-unknown-elf-gcc");
        Path make = Tools.require("make");

        Process build = new ProcessBuilder(make.toString(), "-s", "-C", IsaElfs.sources().toString(),
                "OUT=" + out.toAbsolutePath())
                .redirectErrorStream(true)
                .start();
        build.getOutputStream().close();
        String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(5, TimeUnit.MINUTES), "make did not finish in 5 minutes");
        assertEquals(0, build.exitValue(), "make failed:\n" + log);

        List<String> rebuilt = names(IsaElfs.list(out));
        List<String> committed = names(IsaElfs.all());
        assertEquals(rebuilt, committed,
                "the committed ELFs in emulator/src/test/resources/isa are not the set the sources "
                        + "build: run 'make install' in emulator/src/test/isa");
        for (String name : rebuilt) {
            byte[] fresh = Files.readAllBytes(out.resolve(name));
            byte[] kept = Files.readAllBytes(IsaElfs.committed().resolve(name));
            if (!Arrays.equals(fresh, kept)) {
                fail(name + " rebuilt from its source differs from the committed "
                        + IsaElfs.committed().resolve(name) + " (" + fresh.length + " vs " + kept.length
                        + " bytes): run 'make install' in emulator/src/test/isa and commit it");
            }
        }
    }

    private static List<String> names(List<Path> files) throws IOException {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
