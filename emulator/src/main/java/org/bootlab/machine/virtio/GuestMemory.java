package org.bootlab.machine.virtio;

import org.bootlab.machine.Ram;

/**
 * A device's DMA view of guest RAM, by guest physical address, little-endian. Every access is
 * checked first with {@link #contains}: the addresses come from the guest, and one outside RAM
 * must become a device error, never an exception. Reads have no side effects (the inspector
 * uses them); writes go through {@link Ram#write}, which marks the pages dirty for snapshots.
 */
public final class GuestMemory {

    private final Ram ram;
    private final long base;

    public GuestMemory(Ram ram, long base) {
        this.ram = ram;
        this.base = base;
    }

    /** Whether the {@code length} bytes at guest address {@code addr} all lie in RAM. */
    public boolean contains(long addr, long length) {
        if (length < 0 || Long.compareUnsigned(addr, base) < 0) {
            return false;
        }
        long offset = addr - base;
        return Long.compareUnsigned(offset, ram.size()) <= 0 && length <= ram.size() - offset;
    }

    public int u8(long addr) {
        return ram.readByte(addr - base);
    }

    public int u16(long addr) {
        long off = addr - base;
        if ((off & 1) == 0) {
            return (int) ram.read(off, 2);
        }
        return ram.readByte(off) | ram.readByte(off + 1) << 8;
    }

    public long u32(long addr) {
        long off = addr - base;
        if ((off & 3) == 0) {
            return ram.read(off, 4);
        }
        return (u16(addr) & 0xffffL) | (long) u16(addr + 2) << 16;
    }

    public long u64(long addr) {
        long off = addr - base;
        if ((off & 7) == 0) {
            return ram.read(off, 8);
        }
        return u32(addr) | u32(addr + 4) << 32;
    }

    public void put8(long addr, int value) {
        ram.writeByte(addr - base, value);
    }

    public void put16(long addr, int value) {
        long off = addr - base;
        if ((off & 1) == 0) {
            ram.write(off, 2, value);
        } else {
            ram.writeByte(off, value);
            ram.writeByte(off + 1, value >>> 8);
        }
    }

    public void put32(long addr, long value) {
        long off = addr - base;
        if ((off & 3) == 0) {
            ram.write(off, 4, value);
        } else {
            put16(addr, (int) value);
            put16(addr + 2, (int) (value >>> 16));
        }
    }

    public void read(long addr, byte[] dest, int from, int length) {
        ram.copyOut(addr - base, dest, from, length);
    }

    public void write(long addr, byte[] src, int from, int length) {
        ram.load(addr - base, src, from, length);
    }
}
