package org.bootlab.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bootlab.cli.BootLabCli;

/** The CLI run in-process, as a person at a terminal would see it. */
final class Cli {

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    private Cli() {
    }

    /** Runs {@code bootlab args...}; a run that does not end within 60 s fails the test. */
    static Run bootlab(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = BootLabCli.run(args, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }, () -> "bootlab " + String.join(" ", args) + " did not end");
    }

    /**
     * Exit status 2 and exactly one line on stderr, "bootlab: ...", that contains {@code expected}
     * (the input and the problem), no stack trace.
     */
    static void assertBadInput(Run run, String expected) {
        String err = run.err();
        assertEquals(2, run.status(), err);
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
        assertTrue(err.startsWith("bootlab: "), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }
}
