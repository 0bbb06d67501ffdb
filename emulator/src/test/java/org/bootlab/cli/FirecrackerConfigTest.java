package org.bootlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirecrackerConfigTest {

    /** Firecracker's own example, tests/framework/vm_config.json, give or take. */
    private static final String FIRECRACKER_EXAMPLE = """
            {
              "boot-source": {
                "kernel_image_path": "vmlinux.bin",
                "boot_args": "console=ttyS0 reboot=k panic=1 pci=off",
                "initrd_path": null
              },
              "drives": [
                {
                  "drive_id": "rootfs",
                  "path_on_host": "bionic.rootfs.ext4",
                  "is_root_device": true,
                  "partuuid": null,
                  "is_read_only": false,
                  "cache_type": "Unsafe",
                  "io_engine": "Sync",
                  "rate_limiter": null
                }
              ],
              "machine-config": {
                "vcpu_count": 1,
                "mem_size_mib": 256,
                "smt": false,
                "track_dirty_pages": false,
                "huge_pages": "None"
              },
              "cpu-config": null,
              "balloon": null,
              "network-interfaces": [],
              "vsock": null,
              "logger": null,
              "metrics": null,
              "mmds-config": null,
              "entropy": null
            }
            """;

    @TempDir
    Path dir;

    @Test
    void readsFirecrackersExample() throws Exception {
        FirecrackerConfig c = FirecrackerConfig.parse("vm_config.json", FIRECRACKER_EXAMPLE);
        assertEquals(Path.of("vmlinux.bin"), c.kernelImage());
        assertEquals("console=ttyS0 reboot=k panic=1 pci=off", c.bootArgs());
        assertEquals(256, c.memSizeMib());
        assertEquals(List.of(new FirecrackerConfig.Drive("rootfs", Path.of("bionic.rootfs.ext4"), true, false)),
                c.drives());
        assertEquals(List.of(
                "vm_config.json: 'drives[0].cache_type' is not supported; ignoring it",
                "vm_config.json: 'drives[0].io_engine' is not supported; ignoring it"),
                c.notes());
        assertTrue(c.networkInterfaces().isEmpty());
        assertTrue(!c.entropy());
    }

    @Test
    void reportsEveryKeyItDoesNotUse() throws Exception {
        FirecrackerConfig c = FirecrackerConfig.parse("config.json", """
                {"boot-source": {"kernel_image_path": "k.elf", "initrd_path": "initrd.img", "colour": "red"},
                 "machine-config": {"vcpu_count": 1, "smt": true, "frobnicate": 3},
                 "logger": {"log_path": "/tmp/fc.log"},
                 "network-interfaces": [{"iface_id": "eth0", "host_dev_name": "tap0"}],
                 "x": 1}
                """);
        assertEquals(List.of(
                "config.json: 'boot-source.initrd_path' is not supported (no initrd support); ignoring it",
                "config.json: ignoring unknown key 'boot-source.colour'",
                "config.json: 'machine-config.smt' is not supported; ignoring it",
                "config.json: ignoring unknown key 'machine-config.frobnicate'",
                "config.json: 'logger' is not supported (BootLab logs to stderr); ignoring it",
                "config.json: network-interfaces[0]: host device 'tap0' is not used: BootLab's network lives "
                        + "inside the emulator (a host at 192.0.2.2 answers ARP and ping)",
                "config.json: ignoring unknown key 'x'"),
                c.notes());
        assertNull(c.memSizeMib());
        assertNull(c.bootArgs());
        assertTrue(c.drives().isEmpty());
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        InputException e = assertThrows(InputException.class, () -> FirecrackerConfig.parse("config.json",
                "{\n  \"boot-source\": {\n    \"kernel_image_path\": \"k.elf\",\n  }\n}\n"));
        assertTrue(e.getMessage().startsWith("config.json:4:3: malformed JSON: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreErrors() {
        InputException dup = assertThrows(InputException.class, () -> FirecrackerConfig.parse("c.json",
                "{\"machine-config\": {\"mem_size_mib\": 64, \"mem_size_mib\": 128}}"));
        assertTrue(dup.getMessage().startsWith("c.json:1:"), dup.getMessage());
        assertTrue(dup.getMessage().contains("mem_size_mib"), dup.getMessage());

        InputException trailing = assertThrows(InputException.class, () -> FirecrackerConfig.parse("c.json", "{} {}"));
        assertTrue(trailing.getMessage().startsWith("c.json:1:"), trailing.getMessage());
    }

    @Test
    void wrongShapesAreErrorsNamingTheKey() {
        assertError("[1, 2]", "c.json: expected a JSON object at the top, found [1,2]");
        assertError("", "c.json: is empty; expected a JSON object");
        assertError("{\"boot-source\": 3}", "c.json: 'boot-source' must be an object, not 3");
        assertError("{\"machine-config\": {\"mem_size_mib\": \"lots\"}}",
                "c.json: 'machine-config.mem_size_mib' must be an integer, not \"lots\"");
        assertError("{\"machine-config\": {\"mem_size_mib\": 12.5}}",
                "c.json: 'machine-config.mem_size_mib' must be an integer, not 12.5");
        assertError("{\"machine-config\": {\"mem_size_mib\": 8}}",
                "c.json: machine-config.mem_size_mib 8 is outside 16..4096");
        assertError("{\"machine-config\": {\"vcpu_count\": 2}}",
                "c.json: machine-config.vcpu_count is 2, but BootLab's microVM has exactly one hart (use 1)");
        assertError("{\"machine-config\": {\"smt\": \"yes\"}}",
                "c.json: 'machine-config.smt' must be true or false, not \"yes\"");
        assertError("{\"drives\": {}}", "c.json: 'drives' must be an array, not {}");
        assertError("{\"drives\": [{\"drive_id\": \"root\"}]}",
                "c.json: drives[0] needs both 'drive_id' and 'path_on_host'");
        assertError("{\"boot-source\": {\"kernel_image_path\": 5}}",
                "c.json: 'boot-source.kernel_image_path' must be a string, not 5");
    }

    private static void assertError(String json, String message) {
        InputException e = assertThrows(InputException.class, () -> FirecrackerConfig.parse("c.json", json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void fileProblemsNameTheFile() throws Exception {
        Path missing = dir.resolve("missing.json");
        InputException e = assertThrows(InputException.class, () -> FirecrackerConfig.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());

        Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        e = assertThrows(InputException.class, () -> FirecrackerConfig.read(binary));
        assertEquals(binary + ": is not UTF-8 text", e.getMessage());
    }
}
