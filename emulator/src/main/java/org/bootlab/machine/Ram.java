package org.bootlab.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Guest DRAM, stored as little-endian 64-bit words so that the hart's common aligned accesses
 * are one array access. Offsets are relative to the DRAM base; callers check bounds and
 * alignment (an aligned access never straddles two words).
 */
public final class Ram implements Snapshottable {

    private final long[] words;
    private final long size;
    /** Per 4 KiB page: {@link #DIRTY} and {@link #CODE}. */
    private final byte[] pageFlags;
    /** Per page: bumped by any write to a page marked {@link #CODE}, so decoded code goes stale. */
    private final int[] codeGeneration;

    public static final int PAGE_SIZE = 4096;
    private static final long[] ZERO_WORDS = new long[PAGE_SIZE / 8];
    /** The page was written since {@link #clearDirty()}: what changed since the last snapshot. */
    public static final byte DIRTY = 1;
    /** The hart holds instructions decoded from this page (see {@link #markCode}). */
    public static final byte CODE = 2;

    public Ram(long sizeBytes) {
        if (sizeBytes <= 0 || (sizeBytes & 7) != 0 || (sizeBytes >>> 3) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("unsupported RAM size " + sizeBytes);
        }
        this.size = sizeBytes;
        this.words = new long[(int) (sizeBytes >>> 3)];
        int pages = (int) ((sizeBytes + PAGE_SIZE - 1) / PAGE_SIZE);
        this.pageFlags = new byte[pages];
        this.codeGeneration = new int[pages];
    }

    /**
     * The page flags and code generations, for the hart's inlined store path, which must do
     * exactly what {@link #touch} does.
     */
    public byte[] pageFlags() {
        return pageFlags;
    }

    public int[] codeGenerations() {
        return codeGeneration;
    }

    public int pageCount() {
        return pageFlags.length;
    }

    /** Whether page {@code page} was written since {@link #clearDirty()}. */
    public boolean isDirty(int page) {
        return (pageFlags[page] & DIRTY) != 0;
    }

    /** Marks a page as written (reverse execution re-marks pages it still has to account for). */
    public void markDirty(int page) {
        pageFlags[page] |= DIRTY;
    }

    /** Whether every byte of the page is zero (a page a snapshot need not store). */
    public boolean isZeroPage(int page) {
        int from = page * (PAGE_SIZE / 8);
        // Arrays.mismatch rather than a loop: vectorised, and not instrumented by the fuzzers
        // (each new RunControl scans every page; that loop was most of the gdb fuzz target's time).
        return Arrays.mismatch(words, from, from + PAGE_SIZE / 8, ZERO_WORDS, 0, PAGE_SIZE / 8) < 0;
    }

    public void clearDirty() {
        for (int p = 0; p < pageFlags.length; p++) {
            pageFlags[p] &= ~DIRTY;
        }
    }

    /**
     * Records that the hart decoded instructions from this page; returns the page's code
     * generation, which changes when the page is next written.
     */
    public int markCode(int page) {
        pageFlags[page] |= CODE;
        return codeGeneration[page];
    }

    /** Marks a page written: dirty, and its decoded code (if any) stale. */
    public void touch(int page) {
        byte f = pageFlags[page];
        if ((f & CODE) != 0) {
            codeGeneration[page]++;
            f &= ~CODE;
        }
        pageFlags[page] = (byte) (f | DIRTY);
    }

    private void touchAll() {
        for (int p = 0; p < pageFlags.length; p++) {
            touch(p);
        }
    }

    /**
     * The backing words, for the hart's step loop only: it loads and stores straight from here on
     * a TLB hit, because a call per access costs a measurable share of its speed.
     */
    public long[] words() {
        return words;
    }

    public long size() {
        return size;
    }

    /** Reads an aligned value of {@code width} bytes (1, 2, 4, 8), zero-extended. */
    public long read(long offset, int width) {
        long w = words[(int) (offset >>> 3)];
        int shift = ((int) offset & 7) << 3;
        switch (width) {
            case 1: return (w >>> shift) & 0xffL;
            case 2: return (w >>> shift) & 0xffffL;
            case 4: return (w >>> shift) & 0xffff_ffffL;
            default: return w;
        }
    }

    /** Writes the low {@code width} bytes of {@code value} at an aligned offset. */
    public void write(long offset, int width, long value) {
        touch((int) (offset >>> 12));
        int i = (int) (offset >>> 3);
        if (width == 8) {
            words[i] = value;
            return;
        }
        int shift = ((int) offset & 7) << 3;
        long mask = ((1L << (width << 3)) - 1) << shift;
        words[i] = (words[i] & ~mask) | ((value << shift) & mask);
    }

    /** Reads 32 bits at a 2-byte aligned offset (an instruction fetch), possibly across words. */
    public int read32Halfaligned(long offset) {
        int i = (int) (offset >>> 3);
        int shift = ((int) offset & 7) << 3;
        long w = words[i] >>> shift;
        if (shift > 32) {
            w |= words[i + 1] << (64 - shift);
        }
        return (int) w;
    }

    public int readByte(long offset) {
        return (int) read(offset, 1);
    }

    public void writeByte(long offset, int value) {
        write(offset, 1, value);
    }

    /** Copies bytes into RAM (loading images). */
    public void load(long offset, byte[] data, int from, int length) {
        for (int k = 0; k < length; k++) {
            writeByte(offset + k, data[from + k]);
        }
    }

    /** Copies bytes out of RAM (debugger views, device DMA). */
    public void copyOut(long offset, byte[] dest, int from, int length) {
        for (int k = 0; k < length; k++) {
            dest[from + k] = (byte) readByte(offset + k);
        }
    }

    public void clear() {
        Arrays.fill(words, 0);
        touchAll();
    }

    /** Copies one page out (snapshots). */
    public void readPage(int page, long[] dest) {
        System.arraycopy(words, page * (PAGE_SIZE / 8), dest, 0, PAGE_SIZE / 8);
    }

    /** Overwrites one page (restoring a snapshot); marks it dirty. */
    public void writePage(int page, long[] src) {
        System.arraycopy(src, 0, words, page * (PAGE_SIZE / 8), PAGE_SIZE / 8);
        touch(page);
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        for (long w : words) {
            out.writeLong(w);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        for (int i = 0; i < words.length; i++) {
            words[i] = in.readLong();
        }
        touchAll();
    }
}
