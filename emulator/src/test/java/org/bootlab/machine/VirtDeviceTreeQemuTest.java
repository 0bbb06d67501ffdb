package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated tree, handed to QEMU's own virt machine in place of QEMU's, boots Debian's
 * OpenSBI and U-Boot to a working prompt: the tree says enough, and says it the way their
 * drivers expect, independently of BootLab's emulator.
 */
class VirtDeviceTreeQemuTest {

    private static final String FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf";
    private static final String UBOOT_SMODE = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin";
    private static final String UBOOT_MMODE = "/usr/lib/u-boot/qemu-riscv64/u-boot.bin";

    @Test
    void openSbiAndUBootBootOnQemuWithOurTree(@TempDir Path dir) throws Exception {
        Path qemu = Tools.require("qemu-system-riscv64");
        Tools.requireFile(FW_JUMP, "opensbi");
        Tools.requireFile(UBOOT_SMODE, "u-boot-qemu");
        Console console = startQemu(dir, qemu, "-bios", FW_JUMP, "-kernel", UBOOT_SMODE);
        console.await("Platform Console Device   : uart8250");
        console.await("Model: bootlab,microvm");
        console.finish();
    }

    @Test
    void uBootAsMachineModeFirmwareBootsOnQemuWithOurTree(@TempDir Path dir) throws Exception {
        Path qemu = Tools.require("qemu-system-riscv64");
        Tools.requireFile(UBOOT_MMODE, "u-boot-qemu");
        Console console = startQemu(dir, qemu, "-bios", UBOOT_MMODE);
        console.await("Model: bootlab,microvm");
        console.finish();
    }

    private static Console startQemu(Path dir, Path qemu, String... firmware)
            throws IOException {
        Path dtb = dir.resolve("bootlab.dtb");
        Files.write(dtb, VirtDeviceTree.build(128L << 20, ""));
        List<String> command = new ArrayList<>(List.of(qemu.toString(), "-M", "virt", "-m",
                "128", "-nographic", "-dtb", dtb.toString()));
        command.addAll(List.of(firmware));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Console(p);
    }

    private static void send(OutputStream in, String s) throws IOException {
        in.write(s.getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    /** Collects the guest's console on a thread so the test can wait for text with a deadline. */
    private static final class Console {
        private final Process process;
        private final StringBuffer text = new StringBuffer();
        private int searchFrom;

        Console(Process process) {
            this.process = process;
            InputStream out = process.getInputStream();
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n; (n = out.read(buf)) > 0; ) {
                        text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException ignored) {
                    // The process ended.
                }
            }, "qemu-console");
            t.setDaemon(true);
            t.start();
        }

        /** Stops autoboot, asks U-Boot for its version, powers off; kills QEMU in any case. */
        void finish() throws Exception {
            try (OutputStream in = process.getOutputStream()) {
                await("Hit any key to stop autoboot");
                send(in, " ");
                await("=> ");
                send(in, "version\r");
                await("U-Boot 20");
                await("=> ");
                send(in, "poweroff\r");
                assertTrue(process.waitFor(30, TimeUnit.SECONDS),
                        "QEMU did not power off:\n" + text);
            } finally {
                process.destroyForcibly();
            }
        }

        /** Waits for text after the previous match. */
        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                int at = text.indexOf(expected, searchFrom);
                if (at >= 0) {
                    searchFrom = at + expected.length();
                    return;
                }
                Thread.sleep(20);
            }
            process.destroyForcibly();
            fail("no '" + expected + "' on the console:\n" + text);
        }
    }
}
