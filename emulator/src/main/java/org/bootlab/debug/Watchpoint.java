package org.bootlab.debug;

/**
 * A data watchpoint on {@code length} bytes at {@code start}, in the guest's virtual address
 * space (as the current page tables map it) or in physical memory. The machine stops after the
 * instruction whose load or store touched the range.
 */
public record Watchpoint(int id, Space space, long start, long length, Access access) {

    public enum Space { VIRTUAL, PHYSICAL }

    public enum Access {
        READ, WRITE, ACCESS;

        boolean matches(boolean write) {
            return this == ACCESS || (this == WRITE) == write;
        }
    }

    public Watchpoint {
        if (length <= 0 || start + length < start) {
            throw new IllegalArgumentException(String.format("bad watch range 0x%x + %d", start, length));
        }
    }

    boolean overlaps(long address, int width) {
        return address < start + length && address + width > start;
    }

    boolean coversPage(long page) {
        return (start >>> 12) <= page && page <= ((start + length - 1) >>> 12);
    }
}
