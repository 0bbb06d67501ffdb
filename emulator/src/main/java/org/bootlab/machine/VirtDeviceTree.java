package org.bootlab.machine;

import java.util.BitSet;

/**
 * The device tree of BootLab's microVM: what QEMU 7.2's {@code -M virt} generates, trimmed to the
 * devices the microVM has (no PCI, flash, fw-cfg, RTC or PMU). It is what OpenSBI's generic
 * platform, U-Boot's qemu-riscv64 boards and Linux read to find the hart, the memory and the
 * devices.
 *
 * <p>Like QEMU, the syscon poweroff and reboot nodes sit at the root and point at the test
 * device through {@code regmap}: the drivers of Linux, OpenSBI and U-Boot find them there,
 * whereas children of {@code test@100000} would only be probed if it were also a simple-mfd.
 */
public final class VirtDeviceTree {

    public static final String MODEL = "bootlab,microvm";
    public static final String ISA = "rv64imafdc_zicntr_zicsr_zifencei";
    public static final String MMU_TYPE = "riscv,sv48";
    public static final String STDOUT_PATH = "/soc/serial@10000000";

    /** The riscv,cpu-intc interrupt numbers, i.e. mip bits. */
    private static final int IRQ_M_SOFT = 3;
    private static final int IRQ_S_EXT = 9;
    private static final int IRQ_M_EXT = 11;
    private static final int IRQ_M_TIMER = 7;

    private VirtDeviceTree() {
    }

    /** The tree with every virtio-mmio slot listed. */
    public static byte[] build(long memBytes, String bootargs) {
        return builder(memBytes).bootargs(bootargs).build();
    }

    public static Builder builder(long memBytes) {
        return new Builder(memBytes);
    }

    /** Options beyond the memory size; every setting has the default QEMU would use. */
    public static final class Builder {
        private final long memBytes;
        private String bootargs = "";
        private final BitSet virtioSlots = new BitSet(MemoryMap.VIRTIO_SLOTS);

        private Builder(long memBytes) {
            if (memBytes <= 0) {
                throw new IllegalArgumentException("memory size " + memBytes + " is not positive");
            }
            this.memBytes = memBytes;
            virtioSlots.set(0, MemoryMap.VIRTIO_SLOTS);
        }

        /**
         * The kernel command line for /chosen/bootargs; null or empty leaves the property out,
         * as QEMU does without -append. It must not contain NUL characters.
         */
        public Builder bootargs(String bootargs) {
            this.bootargs = bootargs == null ? "" : bootargs;
            return this;
        }

        /**
         * Whether slot {@code slot} (0..7) gets a virtio_mmio node. All slots are listed by
         * default, populated or empty, as QEMU does: drivers read each slot's DeviceID and skip
         * the empty ones, so filling a slot needs no change here. Leaving a slot out suits a
         * machine that does not map it at all.
         */
        public Builder virtioSlot(int slot, boolean listed) {
            if (slot < 0 || slot >= MemoryMap.VIRTIO_SLOTS) {
                throw new IllegalArgumentException("virtio slot " + slot + " is outside 0.."
                        + (MemoryMap.VIRTIO_SLOTS - 1));
            }
            virtioSlots.set(slot, listed);
            return this;
        }

        public byte[] build() {
            FdtBuilder fdt = new FdtBuilder();
            int intc = fdt.allocatePhandle();
            int plic = fdt.allocatePhandle();
            int test = fdt.allocatePhandle();

            fdt.beginNode("")
                    .propertyU32("#address-cells", 2)
                    .propertyU32("#size-cells", 2)
                    .propertyString("compatible", "riscv-virtio")
                    .propertyString("model", MODEL);

            fdt.beginNode("chosen");
            if (!bootargs.isEmpty()) {
                fdt.propertyString("bootargs", bootargs);
            }
            fdt.propertyString("stdout-path", STDOUT_PATH)
                    .endNode();

            fdt.beginNode(unit("memory", MemoryMap.DRAM_BASE))
                    .propertyString("device_type", "memory")
                    .propertyCells("reg", reg(MemoryMap.DRAM_BASE, memBytes))
                    .endNode();

            cpus(fdt, intc);

            fdt.beginNode("soc")
                    .propertyU32("#address-cells", 2)
                    .propertyU32("#size-cells", 2)
                    .propertyString("compatible", "simple-bus")
                    .property("ranges");
            fdt.beginNode(unit("test", MemoryMap.TEST_BASE))
                    .phandle(test)
                    .propertyStrings("compatible", "sifive,test1", "sifive,test0", "syscon")
                    .propertyCells("reg", reg(MemoryMap.TEST_BASE, MemoryMap.TEST_SIZE))
                    .endNode();
            fdt.beginNode(unit("clint", MemoryMap.CLINT_BASE))
                    .propertyStrings("compatible", "sifive,clint0", "riscv,clint0")
                    .propertyCells("reg", reg(MemoryMap.CLINT_BASE, MemoryMap.CLINT_SIZE))
                    .propertyCells("interrupts-extended", intc, IRQ_M_SOFT, intc, IRQ_M_TIMER)
                    .endNode();
            fdt.beginNode(unit("plic", MemoryMap.PLIC_BASE))
                    .phandle(plic)
                    .propertyU32("#interrupt-cells", 1)
                    .propertyU32("#address-cells", 0)
                    .propertyStrings("compatible", "sifive,plic-1.0.0", "riscv,plic0")
                    .property("interrupt-controller")
                    .propertyCells("reg", reg(MemoryMap.PLIC_BASE, MemoryMap.PLIC_SIZE))
                    // Context 0 is M-mode (external interrupt 11), context 1 S-mode (9).
                    .propertyCells("interrupts-extended", intc, IRQ_M_EXT, intc, IRQ_S_EXT)
                    .propertyU32("riscv,ndev", Plic.MAX_SOURCE)
                    .endNode();
            fdt.beginNode(unit("serial", MemoryMap.UART0_BASE))
                    .propertyString("compatible", "ns16550a")
                    .propertyCells("reg", reg(MemoryMap.UART0_BASE, MemoryMap.UART0_SIZE))
                    .propertyU32("clock-frequency", (int) MemoryMap.UART_CLOCK_HZ)
                    .propertyU32("interrupts", MemoryMap.UART0_IRQ)
                    .propertyU32("interrupt-parent", plic)
                    .endNode();
            for (int slot = virtioSlots.nextSetBit(0); slot >= 0;
                    slot = virtioSlots.nextSetBit(slot + 1)) {
                long base = MemoryMap.VIRTIO_BASE + slot * MemoryMap.VIRTIO_STRIDE;
                fdt.beginNode(unit("virtio_mmio", base))
                        .propertyString("compatible", "virtio,mmio")
                        .propertyCells("reg", reg(base, MemoryMap.VIRTIO_STRIDE))
                        .propertyU32("interrupts", MemoryMap.VIRTIO_IRQ_BASE + slot)
                        .propertyU32("interrupt-parent", plic)
                        .endNode();
            }
            fdt.endNode(); // soc

            fdt.beginNode("poweroff")
                    .propertyString("compatible", "syscon-poweroff")
                    .propertyU32("regmap", test)
                    .propertyU32("offset", 0)
                    .propertyU32("value", TestDevice.PASS)
                    .endNode();
            fdt.beginNode("reboot")
                    .propertyString("compatible", "syscon-reboot")
                    .propertyU32("regmap", test)
                    .propertyU32("offset", 0)
                    .propertyU32("value", TestDevice.RESET)
                    .endNode();

            fdt.endNode(); // root
            return fdt.build();
        }

        private static void cpus(FdtBuilder fdt, int intc) {
            fdt.beginNode("cpus")
                    .propertyU32("#address-cells", 1)
                    .propertyU32("#size-cells", 0)
                    .propertyU32("timebase-frequency", (int) MemoryMap.TIMEBASE_HZ);
            fdt.beginNode("cpu@0")
                    .propertyString("device_type", "cpu")
                    .propertyU32("reg", 0)
                    .propertyString("status", "okay")
                    .propertyString("compatible", "riscv")
                    .propertyString("riscv,isa", ISA)
                    .propertyString("mmu-type", MMU_TYPE);
            fdt.beginNode("interrupt-controller")
                    .phandle(intc)
                    .propertyU32("#interrupt-cells", 1)
                    // Zero address cells, as an interrupt provider should declare (dtc checks).
                    .propertyU32("#address-cells", 0)
                    .property("interrupt-controller")
                    .propertyString("compatible", "riscv,cpu-intc")
                    .endNode();
            fdt.endNode(); // cpu@0
            fdt.endNode(); // cpus
        }
    }

    private static String unit(String name, long address) {
        return name + "@" + Long.toHexString(address);
    }

    /** A reg entry with two address cells and two size cells. */
    private static int[] reg(long address, long size) {
        return new int[] {(int) (address >>> 32), (int) address, (int) (size >>> 32), (int) size};
    }
}
