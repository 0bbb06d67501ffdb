package org.bootlab.machine;

/**
 * A memory-mapped device on the {@link Bus}. Offsets are relative to the device's base address;
 * widths are 1, 2, 4 or 8 bytes. A device answers every access inside its window: registers it
 * does not implement read as zero and ignore writes, as QEMU's devices do, so that only an
 * address outside every window becomes a guest access fault.
 */
public interface MmioDevice extends Snapshottable {

    /** Size of the register window in bytes. */
    long size();

    /** A guest read; may have side effects (popping a FIFO, claiming an interrupt). */
    long read(long offset, int width);

    /** A guest write. */
    void write(long offset, int width, long value);

    /** What {@link #read} would return, with no side effects: for debugger memory views. */
    long peek(long offset, int width);

    /** Back to the state at power-on. */
    void reset();
}
