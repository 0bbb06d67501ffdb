package org.bootlab.machine;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * A virtio-mmio slot with no device behind it, as QEMU presents one: the magic value, version 2,
 * device ID 0 (which tells drivers to skip the slot) and QEMU's vendor ID; every other register
 * reads 0 and ignores writes. virtio-mmio registers are 32 bits wide; like QEMU, any other read
 * width returns 0.
 */
public final class EmptyVirtioSlot implements MmioDevice {

    public static final int MAGIC = 0x7472_6976; // "virt", little-endian
    public static final int VERSION = 2;
    public static final int VENDOR_QEMU = 0x554d_4551; // "QEMU", little-endian

    @Override
    public long size() {
        return MemoryMap.VIRTIO_STRIDE;
    }

    @Override
    public long read(long offset, int width) {
        return peek(offset, width);
    }

    @Override
    public long peek(long offset, int width) {
        if (width != 4) {
            return 0;
        }
        if (offset == 0x000) {
            return MAGIC;
        }
        if (offset == 0x004) {
            return VERSION;
        }
        if (offset == 0x00c) {
            return VENDOR_QEMU;
        }
        return 0; // DeviceID 0 at 0x008 included: no device.
    }

    @Override
    public void write(long offset, int width, long value) {
    }

    @Override
    public void reset() {
    }

    /** The slot has no state. */
    @Override
    public void saveState(DataOutput out) {
    }

    @Override
    public void restoreState(DataInput in) {
    }
}
