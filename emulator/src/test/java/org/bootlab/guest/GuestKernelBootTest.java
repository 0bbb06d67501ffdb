package org.bootlab.guest;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.virtio.VirtioConfig;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guest kernel's boot on BootLab reproduces the SYSINIT sort result the project is about:
 * the contract lines of its console transcript, parsed as tools parse them.
 */
class GuestKernelBootTest {

    private static final Pattern SORTED = Pattern.compile(
            "sysinit: sorted (\\d+) entries with (bubblesort|mergesort|qsort) in (\\d+) instructions \\((\\d+\\.\\d+) us\\)");
    private static final Pattern CHECKSUM = Pattern.compile("sysinit: order checksum ([0-9a-f]{16})");
    private static final Pattern COMPLETE = Pattern.compile("boot: complete in (\\d+\\.\\d+) ms \\((\\d+) instructions\\)");

    /** FreeBSD review D39916's figures for 1,125 SYSINITs on RISC-V 64. */
    private static final long FREEBSD_BUBBLE = 5_509_157, FREEBSD_QSORT = 117_378;

    private record Boot(String console, RunResult result) {
        Matcher line(Pattern p) {
            Matcher m = p.matcher(console);
            assertTrue(m.find(), "no line matching " + p + " in:\n" + console);
            return m;
        }

        long sortInstructions() {
            Matcher m = line(SORTED);
            assertEquals("1125", m.group(1));
            return Long.parseLong(m.group(3));
        }

        String checksum() {
            return line(CHECKSUM).group(1);
        }
    }

    static BootImage kernel() throws Exception {
        try (InputStream in = GuestKernelBootTest.class.getResourceAsStream("/org/bootlab/guest/kernel.elf")) {
            return ImageLoader.fromBytes("kernel.elf", in.readAllBytes(), MemoryMap.KERNEL_LOAD);
        }
    }

    private static Boot boot(BootImage bios, String bootargs) throws Exception {
        return boot(bios, bootargs, VirtioConfig.NONE);
    }

    private static Boot boot(BootImage bios, String bootargs, VirtioConfig devices) throws Exception {
        try (Machine machine = new Machine(new MachineConfig(128, bootargs, bios, kernel(), devices))) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            machine.addConsoleListener((b, t) -> console.write(b));
            RunResult result = machine.run(500_000_000L);
            String text = console.toString();
            assertEquals(ExitStatus.POWER_OFF, result.status(), text);
            return new Boot(text, result);
        }
    }

    /** The disk, network and entropy devices the kernel's README runs it with on QEMU. */
    private static VirtioConfig allDevices() {
        Path disk = Tools.repoRoot().resolve("guest-kernel/prebuilt/disk.img");
        return new VirtioConfig(List.of(new VirtioConfig.Disk(disk, false, VirtioConfig.defaultSerial(0))),
                new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, null), VirtioConfig.Entropy.seeded());
    }

    @Test
    void theSortsReproduceFreeBsdsFigures() throws Exception {
        Boot bubble = boot(null, "sysinit.sort=bubble");
        Boot merge = boot(null, "sysinit.sort=merge");
        Boot qsort = boot(null, "sysinit.sort=qsort");
        long b = bubble.sortInstructions(), m = merge.sortInstructions(), q = qsort.sortInstructions();
        assertTrue(b >= FREEBSD_BUBBLE / 2 && b <= FREEBSD_BUBBLE * 2, "bubble sort took " + b);
        assertTrue(q >= FREEBSD_QSORT / 2 && q <= FREEBSD_QSORT * 2, "qsort took " + q);
        assertTrue(b >= 40 * m, "merge sort is only " + (double) b / m + "x faster than bubble sort");
        assertEquals(bubble.checksum(), merge.checksum(), "stable sorts give the same order");
        assertNotEquals(merge.checksum(), qsort.checksum(), "qsort is not stable");
        double ms = Double.parseDouble(merge.line(COMPLETE).group(1));
        assertTrue(ms <= 25.0, "boot took " + ms + " ms of virtual time");
    }

    @Test
    void withItsDevicesTheBootReachesInitWithinTheHeadlineTime() throws Exception {
        Boot boot = boot(null, "", allDevices());
        for (String line : new String[] {"vtblk0: <vtblk> at virtio_mmio7", "vtrnd0: harvested 32 bytes of entropy",
            "ping: 64 bytes from 192.0.2.2", "Trying to mount root from ustarfs:vtbd0",
            "init: hello from /sbin/init, pid 1", "init: powering off"}) {
            assertTrue(boot.console().contains(line), "no '" + line + "' in:\n" + boot.console());
        }
        double ms = Double.parseDouble(boot.line(COMPLETE).group(1));
        assertTrue(ms <= 25.0, "boot took " + ms + " ms of virtual time");
    }

    @Test
    void mergeIsTheDefault() throws Exception {
        assertTrue(boot(null, "").console().contains("with mergesort in"));
    }

    @Test
    void bootsUnderDebiansOpenSbiOnBootLab() throws Exception {
        Path fwJump = Tools.requireFile("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf", "opensbi");
        BootImage bios = ImageLoader.load(fwJump, MemoryMap.DRAM_BASE);
        Boot boot = boot(bios, "sysinit.sort=merge", allDevices());
        assertTrue(boot.console().contains("OpenSBI"), boot.console());
        assertTrue(boot.console().contains("init: hello from /sbin/init, pid 1"), boot.console());
        boot.line(COMPLETE);
        assertEquals(boot(null, "sysinit.sort=merge").sortInstructions(), boot.sortInstructions(),
                "the sort costs the same with or without firmware underneath");
    }
}
