package org.bootlab.isa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bootlab.testing.Tools;

/** Where the ISA test suite lives: its sources and the committed ELFs built from them. */
final class IsaElfs {

    private IsaElfs() {
    }

    static Path sources() {
        return Tools.repoRoot().resolve("emulator/src/test/isa");
    }

    static Path committed() {
        return Tools.repoRoot().resolve("emulator/src/test/resources/isa");
    }

    /** The committed test ELFs, sorted by name. */
    static List<Path> all() {
        return list(committed());
    }

    static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".elf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a test device code means. A test writes (testnum << 16) | 0x3333 on failure; testnum
     * with bit 15 set means a trap nobody expected: bit 14 = interrupt, bits 13..8 = cause,
     * bits 7..0 = the check that was under way.
     */
    static String describe(int testnum) {
        if ((testnum & 0x8000) == 0) {
            return "check " + testnum + " failed";
        }
        return String.format("unexpected %s, cause %d, during check %d (mod 256)",
                (testnum & 0x4000) != 0 ? "interrupt" : "exception", (testnum >> 8) & 0x3f,
                testnum & 0xff);
    }
}
