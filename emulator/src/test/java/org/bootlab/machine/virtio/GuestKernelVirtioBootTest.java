package org.bootlab.machine.virtio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.RunResult;
import org.bootlab.testing.TestElf;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 4 with the teaching kernel: booted directly on BootLab with its disk, the network and
 * the entropy device, it attaches all three drivers, pings the host, mounts its root from the
 * disk and runs init, printing what it prints on QEMU with the same devices.
 */
class GuestKernelVirtioBootTest {

    private static final long BUDGET = 200_000_000L;

    @TempDir
    Path dir;

    private static Path prebuilt(String name) {
        return Tools.repoRoot().resolve("guest-kernel/prebuilt").resolve(name);
    }

    private String bootOnBootLab(Path pcap) throws Exception {
        VirtioConfig devices = new VirtioConfig(
                List.of(new VirtioConfig.Disk(prebuilt("disk.img"), false, VirtioConfig.defaultSerial(0))),
                new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, pcap), VirtioConfig.Entropy.seeded());
        StringBuilder console = new StringBuilder();
        try (Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "sysinit.sort=merge",
                null, TestElf.read(prebuilt("kernel.elf")), devices))) {
            machine.addConsoleListener((b, ns) -> console.append((char) (b & 0xff)));
            RunResult r = machine.run(BUDGET);
            assertEquals(ExitStatus.POWER_OFF, r.status(), console.toString());

            List<VirtioDeviceState> states = machine.virtio().inspect();
            assertEquals(List.of("virtio-blk@7", "virtio-rng@6", "virtio-net@5"),
                    states.stream().map(s -> s.name() + "@" + s.slot()).toList());
            for (VirtioDeviceState s : states) {
                assertEquals(s.slot() + 1, s.irq());
                assertTrue(s.statusBits().contains("DRIVER_OK"), s.name() + " " + s.statusBits());
                assertEquals(null, s.needsResetReason());
            }
            assertTrue(machine.virtio().eventLog().events().stream()
                    .anyMatch(e -> e.kind() == VirtioEvent.Kind.BUFFER_USED && e.detail().startsWith("IN sector")));
        }
        return console.toString();
    }

    @Test
    void bootsWithDiskNetworkAndEntropy() throws Exception {
        Path pcap = dir.resolve("boot.pcap");
        String console = bootOnBootLab(pcap);
        for (String line : List.of(
                "vtnet0: <vtnet> at virtio_mmio5 mem 0x10006000-0x10006fff irq 6",
                "vtnet0: Ethernet address: 52:54:00:12:34:56",
                "vtrnd0: <vtrnd> at virtio_mmio6 mem 0x10007000-0x10007fff irq 7",
                "vtrnd0: harvested 32 bytes of entropy",
                "vtblk0: <vtblk> at virtio_mmio7 mem 0x10008000-0x10008fff irq 8",
                "vtbd0: 0MB (29 512 byte sectors)",
                "arp: 192.0.2.2 is at 52:55:c0:00:02:02 on vtnet0",
                "ping: 64 bytes from 192.0.2.2: icmp_seq=0 ttl=255",
                "Trying to mount root from ustarfs:vtbd0 []...",
                "init: hello from /sbin/init, pid 1",
                "boot: complete in ")) {
            assertTrue(console.contains(line), "missing '" + line + "' in:\n" + console);
        }
        // ARP request and reply, ICMP echo request and reply: 24-byte header, four records.
        byte[] capture = Files.readAllBytes(pcap);
        assertEquals(24 + 4 * 16 + 60 + 60 + 98 + 98, capture.length);
    }

    /**
     * A snapshot taken while the drivers attach, restored, runs to the same end: the devices'
     * queues, interrupts and pending frames rewind with the machine, and the event log forgets
     * what happened after the snapshot.
     */
    @Test
    void snapshotInTheMiddleOfTheDevicesReplaysTheSameBoot() throws Exception {
        VirtioConfig devices = new VirtioConfig(
                List.of(new VirtioConfig.Disk(prebuilt("disk.img"), false, VirtioConfig.defaultSerial(0))),
                new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, null), VirtioConfig.Entropy.seeded());
        StringBuilder console = new StringBuilder();
        try (Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "", null,
                TestElf.read(prebuilt("kernel.elf")), devices))) {
            machine.addConsoleListener((b, ns) -> console.append((char) (b & 0xff)));
            while (!console.toString().contains("vtnet0: Ethernet address")) {
                assertEquals(ExitStatus.INSTRUCTION_LIMIT, machine.run(1_000).status(), console.toString());
            }
            byte[] snapshot = machine.snapshot();
            int mark = console.length();
            int events = machine.virtio().eventLog().events().size();
            assertEquals(ExitStatus.POWER_OFF, machine.run(BUDGET).status());
            String first = console.substring(mark);

            machine.restore(snapshot);
            assertEquals(events, machine.virtio().eventLog().events().size(), "later events dropped");
            console.setLength(mark);
            assertEquals(ExitStatus.POWER_OFF, machine.run(BUDGET).status());
            assertEquals(first, console.substring(mark));
            assertTrue(first.contains("init: hello from /sbin/init"), first);
        }
    }

    /** The device lines, in order, are QEMU's (timings aside). */
    @Test
    void transcriptMatchesQemu() throws Exception {
        Path qemu = Tools.require("qemu-system-riscv64");
        Path fwJump = Tools.requireFile("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf", "opensbi");
        String onBootLab = bootOnBootLab(null);
        Process p = new ProcessBuilder(qemu.toString(), "-M", "virt", "-m", "128", "-smp", "1", "-nographic",
                "-bios", fwJump.toString(), "-kernel", prebuilt("kernel.elf").toString(),
                "-icount", "shift=0", "-global", "virtio-mmio.force-legacy=false",
                "-drive", "file=" + prebuilt("disk.img") + ",format=raw,if=none,id=hd0,readonly=on",
                "-device", "virtio-blk-device,drive=hd0", "-device", "virtio-rng-device",
                "-netdev", "user,id=n0,net=192.0.2.0/24,host=192.0.2.2,restrict=on",
                "-device", "virtio-net-device,netdev=n0", "-append", "sysinit.sort=merge")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("QEMU did not power off within 120 s");
        }
        String onQemu = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(deviceLines(onQemu), deviceLines(onBootLab));
    }

    /** From the first driver attach to init's greeting, without timings. */
    private static List<String> deviceLines(String console) throws IOException {
        List<String> lines = Arrays.stream(console.replace("\r", "").split("\n")).toList();
        int from = indexOfPrefix(lines, "vtnet0: <vtnet>");
        int to = indexOfPrefix(lines, "init: hello");
        assertTrue(from >= 0 && to > from, console);
        return lines.subList(from, to + 1).stream()
                .map(l -> l.replaceAll("time=[0-9.]+ ms", "time=T ms"))
                .toList();
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
