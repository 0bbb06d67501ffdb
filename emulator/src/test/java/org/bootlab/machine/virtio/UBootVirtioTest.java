package org.bootlab.machine.virtio;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 4's acceptance with a third-party driver: Debian's U-Boot (S-mode, after OpenSBI
 * fw_jump) finds the virtio-blk device, reads a sector of a test image, pings the emulator's
 * host, and writes to a writable disk without losing the write when it powers off. tshark reads
 * the capture of the ping.
 */
class UBootVirtioTest {

    private static final String FW_JUMP = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf";
    private static final String UBOOT = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin";
    private static final long BUDGET = 400_000_000L;
    private static final long SLICE = 1_000_000L;
    private static final int SECTORS = 128;

    @TempDir
    Path dir;

    /** 64 KiB whose sector n starts "sector n" and continues with a pattern of n. */
    private Path testImage() throws Exception {
        byte[] image = new byte[SECTORS * 512];
        for (int s = 0; s < SECTORS; s++) {
            for (int i = 0; i < 512; i++) {
                image[s * 512 + i] = (byte) (i * 7 + s);
            }
            byte[] label = ("BootLab sector " + s).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(label, 0, image, s * 512, label.length);
        }
        return Files.write(dir.resolve("test.img"), image);
    }

    @Test
    void virtioScanInfoReadAndPing() throws Exception {
        Path tshark = Tools.require("tshark");
        Path image = testImage();
        byte[] before = Files.readAllBytes(image);
        Path pcap = dir.resolve("uboot.pcap");
        try (Session s = new Session(new VirtioConfig(List.of(new VirtioConfig.Disk(image, false, "bootlab-vda")),
                new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, pcap), VirtioConfig.Entropy.seeded()))) {
            s.reachPrompt();
            s.command("virtio scan");
            String info = s.command("virtio info");
            assertTrue(info.contains("Device 0: QEMU VirtIO Block Device"), info);
            assertTrue(info.contains("(" + SECTORS + " x 512)"), info);

            String read = s.command("virtio read 0x84000000 5 1");
            assertTrue(read.contains("1 blocks read: OK"), read);
            String dump = s.command("md.b 0x84000000 0x20");
            assertArrayEquals(Arrays.copyOfRange(before, 5 * 512, 5 * 512 + 32), mdBytes(dump), dump);

            // Debian's U-Boot tries the write; the read-only disk refuses it and the file stays.
            s.command("virtio write 0x84000000 0 1");
            assertArrayEquals(before, Files.readAllBytes(image));

            String ping = s.command("setenv ipaddr 192.0.2.15; setenv serverip 192.0.2.2; ping 192.0.2.2");
            assertTrue(ping.contains("host 192.0.2.2 is alive"), ping);
            s.powerOff();
        }

        List<String> frames = tshark(tshark, pcap);
        assertEquals(List.of(
                "eth:ethertype:arp\t1\t",
                "eth:ethertype:arp\t2\t",
                "eth:ethertype:ip:icmp\t\t8",
                "eth:ethertype:ip:icmp\t\t0"), frames);
    }

    @Test
    void writableDiskKeepsAcknowledgedWritesAcrossPowerOff() throws Exception {
        Path image = testImage();
        byte[] before = Files.readAllBytes(image);
        try (Session s = new Session(new VirtioConfig(List.of(new VirtioConfig.Disk(image, true, "bootlab-vda")),
                null, null))) {
            s.reachPrompt();
            s.command("virtio scan");
            s.command("mw.b 0x84000000 0xa5 0x400");
            String written = s.command("virtio write 0x84000000 6 2");
            assertTrue(written.contains("2 blocks written: OK"), written);
            s.powerOff();
            // Still open: the write is in the file because it was acknowledged, not because of close().
            byte[] after = Files.readAllBytes(image);
            byte[] expected = before.clone();
            Arrays.fill(expected, 6 * 512, 8 * 512, (byte) 0xa5);
            assertArrayEquals(expected, after);
        }
    }

    /** The bytes of U-Boot's {@code md.b} lines ("84000000: 42 6f ...  Boot..."). */
    private static byte[] mdBytes(String dump) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String line : dump.split("\r?\n")) {
            if (line.matches("[0-9a-f]{8}:( [0-9a-f]{2})+ .*")) {
                for (String hex : line.substring(10, 10 + 16 * 3 - 1).trim().split(" ")) {
                    out.write(Integer.parseInt(hex, 16));
                }
            }
        }
        return out.toByteArray();
    }

    /** One line per frame: protocols, ARP opcode, ICMP type. */
    private static List<String> tshark(Path tshark, Path pcap) throws Exception {
        Process p = new ProcessBuilder(tshark.toString(), "-r", pcap.toString(), "-T", "fields",
                "-e", "frame.protocols", "-e", "arp.opcode", "-e", "icmp.type")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), out);
        return Arrays.stream(out.split("\n")).filter(l -> !l.isEmpty()).toList();
    }

    /** OpenSBI and U-Boot on BootLab, driven by typing at the console. */
    private static final class Session implements AutoCloseable {
        private final Machine machine;
        private final StringBuilder console = new StringBuilder();
        private long spent;

        Session(VirtioConfig devices) throws Exception {
            Path firmware = Tools.requireFile(FW_JUMP, "opensbi");
            Path uboot = Tools.requireFile(UBOOT, "u-boot-qemu");
            machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "",
                    ImageLoader.load(firmware, MemoryMap.DRAM_BASE), ImageLoader.load(uboot, MemoryMap.KERNEL_LOAD),
                    devices));
            machine.addConsoleListener((b, ns) -> console.append((char) (b & 0xff)));
        }

        void reachPrompt() {
            runUntil(c -> c.contains("Hit any key to stop autoboot"), "the autoboot countdown");
            type(" ");
            runUntil(c -> c.endsWith("=> "), "U-Boot's prompt");
        }

        /** Types a command and returns what it printed up to the next prompt. */
        String command(String line) {
            int mark = console.length();
            type(line + "\n");
            runUntil(c -> c.length() > mark + line.length() + 1 && c.endsWith("=> "), "the answer to " + line);
            return console.substring(mark);
        }

        void powerOff() {
            type("poweroff\n");
            RunResult r = runUntil(c -> false, "power-off");
            assertEquals(ExitStatus.POWER_OFF, r.status(), console.toString());
        }

        private void type(String text) {
            machine.sendConsoleInput(text.getBytes(StandardCharsets.US_ASCII));
        }

        private RunResult runUntil(java.util.function.Predicate<String> done, String what) {
            while (spent < BUDGET) {
                RunResult r = machine.run(SLICE);
                spent += SLICE;
                if (r.status() != ExitStatus.INSTRUCTION_LIMIT || done.test(console.toString())) {
                    return r;
                }
            }
            fail("no " + what + " within " + BUDGET + " instructions; console so far:\n" + console);
            return null;
        }

        @Override
        public void close() {
            machine.close();
        }
    }
}
