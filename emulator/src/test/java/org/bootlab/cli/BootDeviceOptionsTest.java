package org.bootlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bootlab.machine.virtio.VirtioConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.bootlab.cli.BootLabCliTest.assertBadInput;
import static org.bootlab.cli.BootLabCliTest.bootlab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code boot}'s virtio options and the Firecracker config's devices. */
class BootDeviceOptionsTest {

    @TempDir
    Path dir;

    private static DeviceOptions options(String... args) {
        DeviceOptions o = new DeviceOptions();
        new picocli.CommandLine(new Object() {
            @picocli.CommandLine.Mixin
            DeviceOptions devices = o;
        }).parseArgs(args);
        return o;
    }

    @Test
    void commandLineDevices() throws Exception {
        Path a = Files.write(dir.resolve("a.img"), new byte[1024]);
        Path b = Files.write(dir.resolve("b,c.img"), new byte[1024]);
        VirtioConfig c = options("--disk", a + ",rw", "--disk", b.toString(), "--mac", "02:00:00:00:00:01",
                "--pcap", dir.resolve("x.pcap").toString(), "--entropy", "host").resolve(null, false);
        assertEquals(List.of(new VirtioConfig.Disk(a, true, "bootlab-vda"), new VirtioConfig.Disk(b, false, "bootlab-vdb")),
                c.disks());
        assertEquals(new VirtioConfig.Net("02:00:00:00:00:01", dir.resolve("x.pcap")), c.net());
        assertTrue(c.entropy().host());
    }

    @Test
    void defaultsWithAndWithoutTheEmbeddedKernel() throws Exception {
        VirtioConfig plain = options().resolve(null, false);
        assertTrue(plain.disks().isEmpty());
        assertNull(plain.net());
        assertFalse(plain.entropy().host(), "seeded entropy by default");
        assertNull(options("--entropy", "none").resolve(null, false).entropy());

        if (DeviceOptions.class.getResource(DeviceOptions.EMBEDDED_DISK) != null) {
            VirtioConfig embedded = options().resolve(null, true);
            assertEquals(1, embedded.disks().size());
            assertFalse(embedded.disks().get(0).writable());
            assertNotNull(embedded.net());
        }
    }

    @Test
    void firecrackerDevices() throws Exception {
        Path root = Files.write(dir.resolve("root.img"), new byte[1024]);
        Path data = Files.write(dir.resolve("data.img"), new byte[1024]);
        FirecrackerConfig fc = FirecrackerConfig.parse("vm.json", """
                {"drives": [{"drive_id": "data", "path_on_host": "%s", "is_root_device": false, "is_read_only": true},
                            {"drive_id": "rootfs", "path_on_host": "%s", "is_root_device": true, "is_read_only": false}],
                 "network-interfaces": [{"iface_id": "eth0", "guest_mac": "06:00:ac:10:00:02", "host_dev_name": "tap0"}],
                 "entropy": {"rate_limiter": null}}
                """.formatted(data, root));
        assertEquals(List.of(new FirecrackerConfig.NetworkInterface("eth0", "tap0", "06:00:ac:10:00:02")),
                fc.networkInterfaces());
        assertTrue(fc.entropy());
        VirtioConfig c = options().resolve(fc, false);
        assertEquals(List.of(new VirtioConfig.Disk(root, true, "rootfs"), new VirtioConfig.Disk(data, false, "data")),
                c.disks(), "the root device first; writable unless is_read_only");
        assertEquals("06:00:ac:10:00:02", c.net().mac());
        assertEquals("02:00:00:00:00:09", options("--mac", "02:00:00:00:00:09").resolve(fc, false).net().mac());
    }

    @Test
    void badDeviceOptions() throws Exception {
        Path missing = dir.resolve("missing.img");
        assertBadInput(bootlab("boot", "--disk", missing.toString(), "--max-instructions", "0"),
                "--disk " + missing + ": no such file");
        assertBadInput(bootlab("boot", "--mac", "01:00:5e:00:00:01", "--max-instructions", "0"), "multicast");
        assertBadInput(bootlab("boot", "--mac", "nonsense", "--max-instructions", "0"), "not a MAC address");
        assertBadInput(bootlab("boot", "--entropy", "dice", "--max-instructions", "0"), "--entropy must be");
        Path fc = Files.writeString(dir.resolve("fc.json"),
                "{\"network-interfaces\": [{\"iface_id\": \"eth0\", \"guest_mac\": \"zz\"}]}");
        assertBadInput(bootlab("boot", "--config", fc.toString(), "--max-instructions", "0"),
                "'network-interfaces[0].guest_mac'");
    }

    @Test
    void theDefaultBootShowsTheWholeBoot() {
        if (DeviceOptions.class.getResource(DeviceOptions.EMBEDDED_DISK) == null) {
            return; // a build without the guest kernel module
        }
        BootLabCliTest.Run run = bootlab("boot");
        assertEquals(0, run.status(), run.err());
        for (String line : List.of("vtnet0: Ethernet address", "vtrnd0: harvested", "vtbd0: 0MB",
                "ping: 64 bytes from 192.0.2.2", "init: hello from /sbin/init", "boot: complete")) {
            assertTrue(run.out().contains(line), "missing '" + line + "' in:\n" + run.out());
        }
    }
}
