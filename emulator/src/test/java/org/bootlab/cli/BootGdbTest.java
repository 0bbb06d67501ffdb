package org.bootlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code boot --gdb PORT --wait}: the CLI serves gdb, keeps the console, and ends with the guest. */
class BootGdbTest {

    @Test
    void gdbOptionsThatDoNotGoTogether() {
        String kernel = Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf").toString();
        BootLabCliTest.assertBadInput(BootLabCliTest.bootlab("boot", "--kernel", kernel, "--wait"), "--wait needs --gdb PORT");
        BootLabCliTest.assertBadInput(BootLabCliTest.bootlab("boot", "--kernel", kernel, "--gdb-address", "0.0.0.0"),
                "--gdb-address needs --gdb PORT");
        BootLabCliTest.assertBadInput(BootLabCliTest.bootlab("boot", "--kernel", kernel, "--gdb", "70000"),
                "--gdb 70000 is not a TCP port");
        BootLabCliTest.assertBadInput(BootLabCliTest.bootlab("boot", "--kernel", kernel, "--gdb", "0",
                "--max-instructions", "10"), "--max-instructions does not go with --gdb");
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void waitsForGdbThenBootsToPowerOffWithTheConsoleOnTheTerminal() throws Exception {
        String kernel = Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> BootLabCli.run(
                new String[] {"boot", "--kernel", kernel, "--gdb", "0", "--wait"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        Pattern listening = Pattern.compile("gdb server on 127\\.0\\.0\\.1:(\\d+)");
        Matcher m = listening.matcher("");
        long deadline = System.currentTimeMillis() + 20_000;
        while (!(m = listening.matcher(err.toString(StandardCharsets.UTF_8))).find()) {
            assertTrue(System.currentTimeMillis() < deadline && !status.isDone(), err.toString(StandardCharsets.UTF_8));
            Thread.sleep(20);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8), "held before the first instruction");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)))) {
            s.setSoTimeout(30_000);
            OutputStream o = s.getOutputStream();
            InputStream i = s.getInputStream();
            o.write("+$c#63".getBytes(StandardCharsets.ISO_8859_1));
            String replies = new String(i.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(replies.contains("$W00#b7"), "the guest powered off: " + replies);
        }
        assertEquals(0, status.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Copyright (c) 2026 The BootLab authors."),
                out.toString(StandardCharsets.UTF_8));
    }
}
