package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtDeviceTreeTest {

    private static final String BOOTARGS = "console=ttyS0 earlycon=sbi";

    private static Fdt tree() throws Fdt.FormatException {
        return Fdt.parse(VirtDeviceTree.build(128L << 20, BOOTARGS));
    }

    @Test
    void rootChosenAndMemory() throws Exception {
        Fdt fdt = tree();
        Fdt.Node root = fdt.root();
        assertEquals(2, root.u32("#address-cells").get());
        assertEquals(2, root.u32("#size-cells").get());
        assertTrue(root.strings("compatible").get().contains("riscv-virtio"));
        assertEquals("bootlab,microvm", root.string("model").get());
        assertEquals(BOOTARGS, fdt.string("/chosen", "bootargs").get());
        assertEquals("/soc/serial@10000000", fdt.string("/chosen", "stdout-path").get());
        Fdt.Node memory = fdt.node("/memory@80000000").get();
        assertEquals("memory", memory.string("device_type").get());
        assertArrayEquals(new int[] {0, 0x8000_0000, 0, 128 << 20}, memory.cells("reg").get());
    }

    @Test
    void memoryAboveFourGibibytesUsesBothSizeCells() throws Exception {
        Fdt fdt = Fdt.parse(VirtDeviceTree.build(4096L << 20, ""));
        assertArrayEquals(new int[] {0, 0x8000_0000, 1, 0},
                fdt.node("/memory").get().cells("reg").get());
        assertFalse(fdt.property("/chosen", "bootargs").isPresent(), "no empty bootargs");
    }

    @Test
    void cpuAndItsInterruptController() throws Exception {
        Fdt fdt = tree();
        assertEquals(10_000_000, fdt.node("/cpus").get().u32("timebase-frequency").get());
        Fdt.Node cpu = fdt.node("/cpus/cpu@0").get();
        assertEquals("cpu", cpu.string("device_type").get());
        assertEquals(0, cpu.u32("reg").get());
        assertEquals("okay", cpu.string("status").get());
        assertEquals("riscv", cpu.string("compatible").get());
        assertEquals("rv64imafdc_zicntr_zicsr_zifencei", cpu.string("riscv,isa").get());
        assertEquals("riscv,sv48", cpu.string("mmu-type").get());
        Fdt.Node intc = fdt.node("/cpus/cpu@0/interrupt-controller").get();
        assertEquals("riscv,cpu-intc", intc.string("compatible").get());
        assertTrue(intc.has("interrupt-controller"));
        assertEquals(1, intc.u32("#interrupt-cells").get());
        assertTrue(intc.u32("phandle").isPresent());
    }

    @Test
    void socDevicesAndTheirInterruptWiring() throws Exception {
        Fdt fdt = tree();
        int intc = fdt.node("/cpus/cpu@0/interrupt-controller").get().u32("phandle").get();
        Fdt.Node soc = fdt.node("/soc").get();
        assertEquals("simple-bus", soc.string("compatible").get());
        assertTrue(soc.has("ranges"));

        Fdt.Node clint = fdt.node("/soc/clint@2000000").get();
        assertEquals(List.of("sifive,clint0", "riscv,clint0"), clint.strings("compatible").get());
        assertArrayEquals(new int[] {0, 0x200_0000, 0, 0x1_0000}, clint.cells("reg").get());
        assertArrayEquals(new int[] {intc, 3, intc, 7}, clint.cells("interrupts-extended").get());

        Fdt.Node plic = fdt.node("/soc/plic@c000000").get();
        assertEquals(List.of("sifive,plic-1.0.0", "riscv,plic0"), plic.strings("compatible").get());
        assertArrayEquals(new int[] {0, 0xc00_0000, 0, 0x60_0000}, plic.cells("reg").get());
        assertArrayEquals(new int[] {intc, 11, intc, 9}, plic.cells("interrupts-extended").get());
        assertEquals(95, plic.u32("riscv,ndev").get());
        assertEquals(1, plic.u32("#interrupt-cells").get());
        assertEquals(0, plic.u32("#address-cells").get());
        assertTrue(plic.has("interrupt-controller"));
        int plicHandle = plic.u32("phandle").get();

        Fdt.Node uart = fdt.node("/soc/serial@10000000").get();
        assertEquals("ns16550a", uart.string("compatible").get());
        assertArrayEquals(new int[] {0, 0x1000_0000, 0, 0x100}, uart.cells("reg").get());
        assertEquals(3_686_400, uart.u32("clock-frequency").get());
        assertEquals(10, uart.u32("interrupts").get());
        assertEquals(plicHandle, uart.u32("interrupt-parent").get());

        for (int slot = 0; slot < 8; slot++) {
            int base = 0x1000_1000 + slot * 0x1000;
            Fdt.Node v = fdt.node("/soc/virtio_mmio@" + Integer.toHexString(base)).get();
            assertEquals("virtio,mmio", v.string("compatible").get());
            assertArrayEquals(new int[] {0, base, 0, 0x1000}, v.cells("reg").get());
            assertEquals(slot + 1, v.u32("interrupts").get());
            assertEquals(plicHandle, v.u32("interrupt-parent").get());
        }
    }

    @Test
    void testDeviceWithPoweroffAndReboot() throws Exception {
        Fdt fdt = tree();
        Fdt.Node test = fdt.node("/soc/test@100000").get();
        assertEquals(List.of("sifive,test1", "sifive,test0", "syscon"),
                test.strings("compatible").get());
        assertArrayEquals(new int[] {0, 0x10_0000, 0, 0x1000}, test.cells("reg").get());
        int handle = test.u32("phandle").get();
        Fdt.Node poweroff = fdt.node("/poweroff").get();
        assertEquals("syscon-poweroff", poweroff.string("compatible").get());
        assertEquals(handle, poweroff.u32("regmap").get());
        assertEquals(0x5555, poweroff.u32("value").get());
        Fdt.Node reboot = fdt.node("/reboot").get();
        assertEquals("syscon-reboot", reboot.string("compatible").get());
        assertEquals(handle, reboot.u32("regmap").get());
        assertEquals(0x7777, reboot.u32("value").get());
    }

    @Test
    void builderCanLeaveVirtioSlotsOut() throws Exception {
        byte[] blob = VirtDeviceTree.builder(64L << 20).virtioSlot(0, false).virtioSlot(7, false)
                .build();
        Fdt fdt = Fdt.parse(blob);
        long slots = fdt.node("/soc").get().children().stream()
                .filter(n -> n.name().startsWith("virtio_mmio@")).count();
        assertEquals(6, slots);
        assertFalse(fdt.node("/soc/virtio_mmio@10001000").isPresent());
        assertThrows(IllegalArgumentException.class,
                () -> VirtDeviceTree.builder(64L << 20).virtioSlot(8, true));
        assertThrows(IllegalArgumentException.class, () -> VirtDeviceTree.builder(0));
    }

    @Test
    void sameInputsSameBytes() {
        assertArrayEquals(VirtDeviceTree.build(128L << 20, BOOTARGS),
                VirtDeviceTree.build(128L << 20, BOOTARGS));
    }

    @Test
    void dtcAcceptsTheBlobWithoutWarnings(@TempDir Path dir) throws Exception {
        Path dtc = Tools.require("dtc");
        Path dtb = dir.resolve("bootlab.dtb");
        Files.write(dtb, VirtDeviceTree.build(128L << 20, BOOTARGS));
        Process p = new ProcessBuilder(dtc.toString(), "-I", "dtb", "-O", "dts", dtb.toString())
                .redirectError(dir.resolve("stderr").toFile()).start();
        String dts = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String stderr = Files.readString(dir.resolve("stderr"));
        assertEquals(0, p.exitValue(), stderr);
        assertEquals("", stderr.trim(), "dtc warnings");
        for (String expected : List.of("model = \"bootlab,microvm\";",
                "bootargs = \"" + BOOTARGS + "\";", "memory@80000000 {", "cpu@0 {",
                "riscv,isa = \"rv64imafdc_zicntr_zicsr_zifencei\";", "clint@2000000 {",
                "plic@c000000 {", "serial@10000000 {", "test@100000 {",
                "virtio_mmio@10008000 {", "poweroff {", "reboot {",
                "timebase-frequency = <0x989680>;")) {
            assertTrue(dts.contains(expected), "dts lacks " + expected + ":\n" + dts);
        }
    }
}
