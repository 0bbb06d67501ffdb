package org.bootlab.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The platform-level interrupt controller in QEMU virt's layout, with two contexts: 0 is hart 0
 * in M-mode, 1 is hart 0 in S-mode. Sources 1..{@value #MAX_SOURCE} are level-triggered wires
 * ({@link #source}); source 0 does not exist.
 *
 * <p>The gateway follows QEMU: while a source is not claimed its pending bit follows its wire,
 * so a device that drops its request before the claim leaves nothing behind; a claimed source
 * does not become pending again until the claim is completed, and then becomes pending at once
 * if its wire is still asserted.
 *
 * <p>Registers are 32 bits wide. An aligned 8-byte access acts as two 4-byte accesses, low word
 * first; a narrower read returns part of the register without side effects (it never claims),
 * and a narrower write is ignored.
 */
public final class Plic implements MmioDevice {

    public static final int MAX_SOURCE = MemoryMap.PLIC_SOURCES - 1;
    public static final int MAX_PRIORITY = 7;
    public static final int CONTEXTS = 2;
    public static final int MACHINE_CONTEXT = 0;
    public static final int SUPERVISOR_CONTEXT = 1;

    static final int PENDING_BASE = 0x1000;
    static final int ENABLE_BASE = 0x2000;
    static final int ENABLE_STRIDE = 0x80;
    static final int CONTEXT_BASE = 0x20_0000;
    static final int CONTEXT_STRIDE = 0x1000;

    private static final int WORDS = (MemoryMap.PLIC_SOURCES + 31) / 32;

    private final IrqLine[] outputs;
    private final IrqLine[] sources = new IrqLine[MemoryMap.PLIC_SOURCES];

    private final int[] priority = new int[MemoryMap.PLIC_SOURCES];
    private final int[] level = new int[WORDS];
    private final int[] pending = new int[WORDS];
    private final int[] claimed = new int[WORDS];
    private final int[][] enable = new int[CONTEXTS][WORDS];
    private final int[] threshold = new int[CONTEXTS];
    private final boolean[] outputLevel = new boolean[CONTEXTS];

    public Plic(IrqLine machineExternal, IrqLine supervisorExternal) {
        outputs = new IrqLine[] {machineExternal, supervisorExternal};
        for (int n = 1; n <= MAX_SOURCE; n++) {
            int source = n;
            sources[n] = asserted -> setLevel(source, asserted);
        }
        reset();
    }

    /** The input wire of source {@code n}, 1..{@value #MAX_SOURCE}. */
    public IrqLine source(int n) {
        if (n < 1 || n > MAX_SOURCE) {
            throw new IllegalArgumentException("PLIC source " + n + " is outside 1.." + MAX_SOURCE);
        }
        return sources[n];
    }

    /** Whether the context's interrupt output (MEIP for 0, SEIP for 1) is asserted. */
    public boolean outputAsserted(int context) {
        return outputLevel[context];
    }

    @Override
    public long size() {
        return MemoryMap.PLIC_SIZE;
    }

    @Override
    public long read(long offset, int width) {
        if (width == 8 && (offset & 7) == 0) {
            long low = read32(offset, true) & 0xffff_ffffL;
            return low | (read32(offset + 4, true) & 0xffff_ffffL) << 32;
        }
        if (width == 4 && (offset & 3) == 0) {
            return read32(offset, true) & 0xffff_ffffL;
        }
        return peek(offset, width);
    }

    @Override
    public long peek(long offset, int width) {
        if (width == 8 && (offset & 7) == 0) {
            long low = read32(offset, false) & 0xffff_ffffL;
            return low | (read32(offset + 4, false) & 0xffff_ffffL) << 32;
        }
        long word = read32(offset & ~3L, false) & 0xffff_ffffL;
        int shift = (int) (offset & 3) * 8;
        long mask = width >= 4 ? 0xffff_ffffL : (1L << (8 * width)) - 1;
        return (word >>> shift) & mask;
    }

    @Override
    public void write(long offset, int width, long value) {
        if (width == 8 && (offset & 7) == 0) {
            write32(offset, (int) value);
            write32(offset + 4, (int) (value >>> 32));
        } else if (width == 4 && (offset & 3) == 0) {
            write32(offset, (int) value);
        }
    }

    @Override
    public void reset() {
        Arrays.fill(priority, 0);
        Arrays.fill(level, 0);
        Arrays.fill(pending, 0);
        Arrays.fill(claimed, 0);
        for (int[] e : enable) {
            Arrays.fill(e, 0);
        }
        Arrays.fill(threshold, 0);
        forceOutputs();
    }

    @Override
    public void saveState(DataOutput out) throws IOException {
        for (int p : priority) {
            out.writeByte(p);
        }
        for (int w = 0; w < WORDS; w++) {
            out.writeInt(level[w]);
            out.writeInt(pending[w]);
            out.writeInt(claimed[w]);
            for (int c = 0; c < CONTEXTS; c++) {
                out.writeInt(enable[c][w]);
            }
        }
        for (int c = 0; c < CONTEXTS; c++) {
            out.writeByte(threshold[c]);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        for (int n = 0; n < priority.length; n++) {
            priority[n] = in.readUnsignedByte() & MAX_PRIORITY;
        }
        for (int w = 0; w < WORDS; w++) {
            level[w] = in.readInt();
            pending[w] = in.readInt();
            claimed[w] = in.readInt();
            for (int c = 0; c < CONTEXTS; c++) {
                enable[c][w] = in.readInt();
            }
        }
        for (int c = 0; c < CONTEXTS; c++) {
            threshold[c] = in.readUnsignedByte() & MAX_PRIORITY;
        }
        // Source 0 does not exist; keep a corrupt snapshot from inventing it.
        level[0] &= ~1;
        pending[0] &= ~1;
        claimed[0] &= ~1;
        for (int c = 0; c < CONTEXTS; c++) {
            enable[c][0] &= ~1;
        }
        forceOutputs();
    }

    private void setLevel(int n, boolean asserted) {
        int w = n >>> 5;
        int bit = 1 << (n & 31);
        if (asserted) {
            level[w] |= bit;
        } else {
            level[w] &= ~bit;
        }
        if ((claimed[w] & bit) == 0) {
            pending[w] = asserted ? pending[w] | bit : pending[w] & ~bit;
        }
        updateOutputs();
    }

    private int read32(long offset, boolean sideEffects) {
        if (offset < 0) {
            return 0;
        }
        if (offset < PENDING_BASE) {
            int n = (int) (offset >>> 2);
            return n < priority.length ? priority[n] : 0;
        }
        if (offset < ENABLE_BASE) {
            int w = (int) ((offset - PENDING_BASE) >>> 2);
            return w < WORDS ? pending[w] : 0;
        }
        if (offset < ENABLE_BASE + (long) CONTEXTS * ENABLE_STRIDE) {
            int c = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int w = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2);
            return w < WORDS ? enable[c][w] : 0;
        }
        if (offset >= CONTEXT_BASE && offset < CONTEXT_BASE + (long) CONTEXTS * CONTEXT_STRIDE) {
            int c = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            long reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
            if (reg == 0) {
                return threshold[c];
            }
            if (reg == 4) {
                return sideEffects ? claim(c) : bestCandidate(c);
            }
        }
        return 0;
    }

    private void write32(long offset, int value) {
        if (offset < 0) {
            return;
        }
        if (offset < PENDING_BASE) {
            int n = (int) (offset >>> 2);
            if (n >= 1 && n <= MAX_SOURCE) {
                priority[n] = value & MAX_PRIORITY;
                updateOutputs();
            }
        } else if (offset < ENABLE_BASE) {
            // Pending bits are read-only: only the gateways set them.
            return;
        } else if (offset < ENABLE_BASE + (long) CONTEXTS * ENABLE_STRIDE) {
            int c = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int w = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) >>> 2);
            if (w < WORDS) {
                enable[c][w] = w == 0 ? value & ~1 : value;
                updateOutputs();
            }
        } else if (offset >= CONTEXT_BASE
                && offset < CONTEXT_BASE + (long) CONTEXTS * CONTEXT_STRIDE) {
            int c = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            long reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
            if (reg == 0) {
                threshold[c] = value & MAX_PRIORITY;
                updateOutputs();
            } else if (reg == 4) {
                complete(c, value);
            }
        }
    }

    /** The pending, enabled source with the highest priority above the threshold; 0 if none. */
    private int bestCandidate(int context) {
        int best = 0;
        int bestPriority = threshold[context];
        for (int w = 0; w < WORDS; w++) {
            int candidates = pending[w] & enable[context][w];
            while (candidates != 0) {
                int n = (w << 5) + Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                // Strictly greater: on equal priority the lowest source number wins.
                if (priority[n] > bestPriority) {
                    best = n;
                    bestPriority = priority[n];
                }
            }
        }
        return best;
    }

    private int claim(int context) {
        int n = bestCandidate(context);
        if (n != 0) {
            int bit = 1 << (n & 31);
            pending[n >>> 5] &= ~bit;
            claimed[n >>> 5] |= bit;
            updateOutputs();
        }
        return n;
    }

    /** Completion of a source the context has not enabled is ignored, as the spec says. */
    private void complete(int context, int n) {
        if (n < 1 || n > MAX_SOURCE) {
            return;
        }
        int w = n >>> 5;
        int bit = 1 << (n & 31);
        if ((enable[context][w] & bit) == 0 || (claimed[w] & bit) == 0) {
            return;
        }
        claimed[w] &= ~bit;
        if ((level[w] & bit) != 0) {
            pending[w] |= bit;
        }
        updateOutputs();
    }

    private void updateOutputs() {
        for (int c = 0; c < CONTEXTS; c++) {
            boolean asserted = bestCandidate(c) != 0;
            if (asserted != outputLevel[c]) {
                outputLevel[c] = asserted;
                outputs[c].set(asserted);
            }
        }
    }

    private void forceOutputs() {
        for (int c = 0; c < CONTEXTS; c++) {
            outputLevel[c] = bestCandidate(c) != 0;
            outputs[c].set(outputLevel[c]);
        }
    }
}
