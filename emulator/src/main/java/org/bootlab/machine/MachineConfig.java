package org.bootlab.machine;

import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.virtio.VirtioConfig;

/**
 * Everything that determines a machine: the same config gives the same run, byte for byte.
 *
 * @param memMiB   guest DRAM in MiB, 16..4096 (Firecracker's default is 128)
 * @param bootargs the kernel command line, put in /chosen/bootargs
 * @param bios     firmware entered in M-mode at its entry point, or null for direct kernel boot
 * @param kernel   the kernel: entered in S-mode by direct boot, or placed at
 *                 {@link MemoryMap#KERNEL_LOAD} for the firmware to jump to
 * @param virtio   the virtio devices (disks, network, entropy) in the virtio-mmio slots
 */
public record MachineConfig(int memMiB, String bootargs, BootImage bios, BootImage kernel, VirtioConfig virtio) {

    public static final int DEFAULT_MEM_MIB = 128;
    public static final int MIN_MEM_MIB = 16;
    public static final int MAX_MEM_MIB = 4096;

    public MachineConfig {
        if (memMiB < MIN_MEM_MIB || memMiB > MAX_MEM_MIB) {
            throw new IllegalArgumentException("memory size " + memMiB + " MiB is outside "
                    + MIN_MEM_MIB + ".." + MAX_MEM_MIB);
        }
        if (bios == null && kernel == null) {
            throw new IllegalArgumentException("nothing to boot: neither firmware nor kernel given");
        }
        bootargs = bootargs == null ? "" : bootargs;
        virtio = virtio == null ? VirtioConfig.NONE : virtio;
    }

    /** A machine with no virtio devices. */
    public MachineConfig(int memMiB, String bootargs, BootImage bios, BootImage kernel) {
        this(memMiB, bootargs, bios, kernel, VirtioConfig.NONE);
    }

    public long memBytes() {
        return (long) memMiB << 20;
    }

    public boolean directBoot() {
        return bios == null;
    }
}
