package org.bootlab.machine;

/** Physical addresses of QEMU's riscv {@code virt} machine, which BootLab's microVM follows. */
public final class MemoryMap {

    public static final long TEST_BASE = 0x0010_0000L;
    public static final long TEST_SIZE = 0x1000L;
    public static final long CLINT_BASE = 0x0200_0000L;
    public static final long CLINT_SIZE = 0x1_0000L;
    public static final long PLIC_BASE = 0x0c00_0000L;
    public static final long PLIC_SIZE = 0x60_0000L;
    public static final long UART0_BASE = 0x1000_0000L;
    public static final long UART0_SIZE = 0x100L;
    public static final long VIRTIO_BASE = 0x1000_1000L;
    public static final long VIRTIO_STRIDE = 0x1000L;
    public static final int VIRTIO_SLOTS = 8;
    public static final long DRAM_BASE = 0x8000_0000L;
    /** Where firmware such as OpenSBI fw_jump expects the next stage. */
    public static final long KERNEL_LOAD = 0x8020_0000L;

    public static final int UART0_IRQ = 10;
    /** virtio-mmio slot i raises PLIC source VIRTIO_IRQ_BASE + i. */
    public static final int VIRTIO_IRQ_BASE = 1;
    public static final int PLIC_SOURCES = 96;

    public static final long TIMEBASE_HZ = 10_000_000L;
    public static final long UART_CLOCK_HZ = 3_686_400L;

    private MemoryMap() {
    }
}
