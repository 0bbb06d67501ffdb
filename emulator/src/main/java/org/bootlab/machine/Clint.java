package org.bootlab.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The core-local interruptor for hart 0, in SiFive's layout: msip at +0x0, mtimecmp at +0x4000,
 * mtime at +0xbff8. Any access that falls inside one register reads or writes those bytes of it
 * (so 32-bit halves of the 64-bit registers work, as RV32 firmware uses them); the rest of the
 * window reads as zero and ignores writes.
 *
 * <p>mtime is read-only here. The machine's clock is derived from the retired-instruction count
 * ({@link TimeSource}), which is what makes runs deterministic; letting the guest move it would
 * detach mtime from the count that the cycle and time CSRs also report. No guest we boot writes
 * it (firmware only reads it), so the write is dropped.
 */
public final class Clint implements MmioDevice {

    static final int MSIP = 0x0;
    static final int MTIMECMP = 0x4000;
    static final int MTIME = 0xbff8;

    private final TimeSource time;
    private final IrqLine msipLine;
    private final IrqLine mtipLine;
    private Runnable timerChangedListener = () -> { };

    private boolean msip;
    private long mtimecmp;
    private boolean mtip;

    public Clint(TimeSource time, IrqLine msip, IrqLine mtip) {
        this.time = time;
        this.msipLine = msip;
        this.mtipLine = mtip;
        reset();
    }

    /** The hart's timer deadline, in mtime ticks (an unsigned value; all ones means never). */
    public long mtimecmp() {
        return mtimecmp;
    }

    /** Whether MSIP is asserted. */
    public boolean msip() {
        return msip;
    }

    /** Whether MTIP is asserted, as last evaluated. */
    public boolean mtip() {
        return mtip;
    }

    /** Re-evaluates MTIP against the current mtime; the machine calls this when time passes. */
    public void update() {
        setMtip(Long.compareUnsigned(time.mtime(), mtimecmp) >= 0);
    }

    /** Called after every guest write to mtimecmp, so the machine can reschedule its timer. */
    public void setTimerChangedListener(Runnable listener) {
        timerChangedListener = listener == null ? () -> { } : listener;
    }

    @Override
    public long size() {
        return MemoryMap.CLINT_SIZE;
    }

    @Override
    public long read(long offset, int width) {
        return peek(offset, width);
    }

    @Override
    public long peek(long offset, int width) {
        if (inside(offset, width, MSIP, 4)) {
            return lane(msip ? 1 : 0, offset - MSIP, width);
        }
        if (inside(offset, width, MTIMECMP, 8)) {
            return lane(mtimecmp, offset - MTIMECMP, width);
        }
        if (inside(offset, width, MTIME, 8)) {
            return lane(time.mtime(), offset - MTIME, width);
        }
        return 0;
    }

    @Override
    public void write(long offset, int width, long value) {
        if (inside(offset, width, MSIP, 4)) {
            // Only bit 0 of the register exists; the other bytes are hard-wired to zero.
            long reg = merge(msip ? 1 : 0, offset - MSIP, width, value);
            setMsip((reg & 1) != 0);
        } else if (inside(offset, width, MTIMECMP, 8)) {
            mtimecmp = merge(mtimecmp, offset - MTIMECMP, width, value);
            update();
            timerChangedListener.run();
        }
    }

    /**
     * Power-on state. mtimecmp starts at all ones, so no timer interrupt is pending before the
     * guest programs a deadline (QEMU likewise raises MTIP only once mtimecmp is written).
     */
    @Override
    public void reset() {
        mtimecmp = -1L;
        msip = false;
        mtip = false;
        msipLine.set(false);
        mtipLine.set(false);
    }

    /**
     * Saves MTIP as last evaluated rather than re-evaluating it on restore, so that restoring
     * does not depend on whether the machine's clock was restored first.
     */
    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeBoolean(msip);
        out.writeLong(mtimecmp);
        out.writeBoolean(mtip);
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        msip = in.readBoolean();
        mtimecmp = in.readLong();
        mtip = in.readBoolean();
        msipLine.set(msip);
        mtipLine.set(mtip);
    }

    private void setMsip(boolean level) {
        if (level != msip) {
            msip = level;
            msipLine.set(level);
        }
    }

    private void setMtip(boolean level) {
        if (level != mtip) {
            mtip = level;
            mtipLine.set(level);
        }
    }

    private static boolean inside(long offset, int width, long base, int size) {
        return offset >= base && offset + width <= base + size;
    }

    private static long lane(long reg, long byteOffset, int width) {
        long shifted = reg >>> (8 * byteOffset);
        return width >= 8 ? shifted : shifted & ((1L << (8 * width)) - 1);
    }

    private static long merge(long reg, long byteOffset, int width, long value) {
        long mask = width >= 8 ? -1L : (1L << (8 * width)) - 1;
        int shift = (int) (8 * byteOffset);
        return (reg & ~(mask << shift)) | ((value & mask) << shift);
    }
}
