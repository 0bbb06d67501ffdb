package org.bootlab.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs riscv64-unknown-elf-objdump and reads its instruction lines: address → (hex, text). */
final class ObjdumpListing {

    record Line(String hex, String text) {
    }

    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(.*)$");
    /** objdump's " <symbol+0x10>" after an address: symbol lookup, which the comparison leaves out. */
    private static final Pattern SYMBOL = Pattern.compile(" <[^>]*>");

    private ObjdumpListing() {
    }

    static Map<Long, Line> run(Path objdump, List<String> args, Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(objdump.toString());
        command.addAll(args);
        Path out = Files.createTempFile(dir, "objdump", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("objdump failed: " + command + "\n" + Files.readString(out));
        }
        Map<Long, Line> lines = new LinkedHashMap<>();
        for (String s : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(s);
            if (m.matches()) {
                String text = SYMBOL.matcher(m.group(3)).replaceAll("");
                lines.put(Long.parseUnsignedLong(m.group(1), 16), new Line(m.group(2), text));
            }
        }
        Files.delete(out);
        return lines;
    }
}
