package org.bootlab.cpu;

import java.util.Arrays;

import org.bootlab.machine.Bus;
import org.bootlab.machine.Ram;

/**
 * The hart's view of memory: Sv39/Sv48 translation with a software TLB, then DRAM directly or a
 * device through the {@link Bus}. Faults are raised as the privileged spec prescribes (page
 * faults for translation, access faults for addresses nothing answers), with the virtual
 * address in tval.
 *
 * <p>Two direct-mapped TLBs (load, store) cache translations of DRAM pages that passed the
 * permission check for their kind of access, as offsets into DRAM, so that a hit is one array
 * access away from the data; device pages are never cached and always take the slow path.
 * Instruction fetch needs no TLB: the hart decodes whole blocks once and keeps them while the
 * translation {@link #epoch} stays the same. A TLB key is the virtual page number with the
 * effective privilege in bits 62..63, so a privilege change needs no flush; changing satp, SUM
 * or MXR, or SFENCE.VMA, flushes. PMP is not enforced (the CSRs exist, see {@link Hart}).
 */
final class Mmu {

    static final int FETCH = 0, LOAD = 1, STORE = 2;

    static final int TLB_BITS = 10;
    static final int TLB_MASK = (1 << TLB_BITS) - 1;
    private static final long PPN_MASK = (1L << 44) - 1;

    private static final long PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_A = 64, PTE_D = 128;

    private final Hart hart;
    private final Trap trap;
    private final Bus bus;
    private final Ram ram;
    private final long ramBase;
    private final long ramSize;

    /** Read directly by the hart's step loop, which inlines the TLB-hit paths. */
    final long[] loadTag = new long[1 << TLB_BITS];
    final long[] loadOffset = new long[1 << TLB_BITS];
    final long[] storeTag = new long[1 << TLB_BITS];
    final long[] storeOffset = new long[1 << TLB_BITS];

    /** Privilege for instruction fetch, shifted into key position (the hart's block tags use it). */
    long fetchKey;
    /** Effective privilege for loads and stores (MPRV may substitute MPP), in key position. */
    long dataKey;

    /** Debugger watchpoints, or null: watched pages stay out of the load and store TLBs. */
    private MemoryWatch watch;

    Mmu(Hart hart, Trap trap, Bus bus) {
        this.hart = hart;
        this.trap = trap;
        this.bus = bus;
        this.ram = bus.ram();
        this.ramBase = bus.ramBase();
        this.ramSize = ram.size();
        flush();
    }

    /** Bumped by every flush, so that code the hart decoded under older translations goes stale. */
    int epoch;

    /** Installs (or, with null, removes) a watch; flushes so watched pages leave the TLBs. */
    void setWatch(MemoryWatch watch) {
        this.watch = watch;
        flush();
    }

    private void watched(boolean write, long va, long pa, int width, long value) {
        MemoryWatch w = watch;
        if (w != null && w.watchesPage(va >>> 12, pa >>> 12)) {
            w.onAccess(hart, write, va, pa, width, value);
        }
    }

    void flush() {
        epoch++;
        Arrays.fill(loadTag, -1L);
        Arrays.fill(storeTag, -1L);
    }

    /** Recomputes the effective privileges after a change of mode or of mstatus.MPRV/MPP. */
    void privilegeChanged(int fetchPriv, int dataPriv) {
        fetchKey = (long) fetchPriv << 62;
        dataKey = (long) dataPriv << 62;
    }

    // ---- instruction fetch ----

    /**
     * The instruction at pc: 32 bits, or a compressed one in the low 16 bits with zeros above,
     * for what the hart's block decoder cannot read from one DRAM page.
     */
    int fetch(long pc) {
        long pa = translate(pc, FETCH);
        long off = pa - ramBase;
        if (off >= 0 && off < ramSize && (pc & 0xfff) != 0xffe) {
            int raw = ram.read32Halfaligned(off);
            return (raw & 3) == 3 ? raw : raw & 0xffff;
        }
        int lo = fetchHalf(pc, pa);
        if ((lo & 3) != 3) {
            return lo;
        }
        long pc2 = pc + 2;
        return lo | (fetchHalf(pc2, translate(pc2, FETCH)) << 16);
    }

    private int fetchHalf(long va, long pa) {
        long off = pa - ramBase;
        if (off >= 0 && off < ramSize) {
            return (int) ram.read(off, 2);
        }
        throw trap.set(Trap.INSN_ACCESS, va);
    }

    // ---- loads and stores ----

    /** Loads {@code width} bytes (1, 2, 4, 8) zero-extended. Misaligned accesses are allowed, as in QEMU. */
    long load(long va, int width) {
        if ((va & (width - 1)) != 0) {
            return loadMisaligned(va, width);
        }
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        if (loadTag[i] == (vpn | dataKey)) {
            return ram.read(loadOffset[i] | (va & 0xfff), width);
        }
        long pa = translate(va, LOAD);
        long off = pa - ramBase;
        long v = off >= 0 && off < ramSize ? ram.read(off, width) : deviceRead(va, pa, width, Trap.LOAD_ACCESS);
        if (watch != null) {
            watched(false, va, pa, width, v);
        }
        return v;
    }

    void store(long va, int width, long value) {
        if ((va & (width - 1)) != 0) {
            storeMisaligned(va, width, value);
            return;
        }
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        if (storeTag[i] == (vpn | dataKey)) {
            ram.write(storeOffset[i] | (va & 0xfff), width, value);
            return;
        }
        long pa = translate(va, STORE);
        if (watch != null) {
            watched(true, va, pa, width, value);
        }
        long off = pa - ramBase;
        if (off >= 0 && off < ramSize) {
            ram.write(off, width, value);
            return;
        }
        if (!bus.write(pa, width, value)) {
            throw trap.set(Trap.STORE_ACCESS, va);
        }
    }

    long translateStore(long va) {
        long vpn = va >>> 12;
        int i = (int) vpn & TLB_MASK;
        return storeTag[i] == (vpn | dataKey) ? ramBase + (storeOffset[i] | (va & 0xfff)) : translate(va, STORE);
    }

    /** Reads physical memory for an AMO, whose address {@link #translateStore} already checked. */
    long physRead(long va, long pa, int width) {
        long off = pa - ramBase;
        long v = off >= 0 && off < ramSize ? ram.read(off, width) : deviceRead(va, pa, width, Trap.STORE_ACCESS);
        if (watch != null) {
            watched(false, va, pa, width, v);
        }
        return v;
    }

    void physWrite(long va, long pa, int width, long value) {
        if (watch != null) {
            watched(true, va, pa, width, value);
        }
        long off = pa - ramBase;
        if (off >= 0 && off < ramSize) {
            ram.write(off, width, value);
        } else if (!bus.write(pa, width, value)) {
            throw trap.set(Trap.STORE_ACCESS, va);
        }
    }

    private long deviceRead(long va, long pa, int width, int faultCause) {
        long v = bus.read(pa, width);
        if (bus.faulted()) {
            throw trap.set(faultCause, va);
        }
        return v;
    }

    private long loadMisaligned(long va, int width) {
        long v = 0;
        for (int k = 0; k < width; k++) {
            v |= load(va + k, 1) << (8 * k);
        }
        return v;
    }

    /** Translates every byte before writing any, so a fault leaves memory untouched. */
    private void storeMisaligned(long va, int width, long value) {
        long first = translateStore(va);
        long last = translateStore(va + width - 1);
        for (int k = 0; k < width; k++) {
            long pa = ((va + k) & ~0xfffL) == (va & ~0xfffL) ? first + k : last - (width - 1 - k);
            physWrite(va + k, pa, 1, value >>> (8 * k));
        }
    }

    // ---- translation ----

    /** Translates va for an access, checking permissions; fills the TLB; raises page faults. */
    long translate(long va, int access) {
        int priv = access == FETCH ? (int) (fetchKey >>> 62) : (int) (dataKey >>> 62);
        long satp = hart.satp;
        int mode = (int) (satp >>> 60);
        long pageBase;
        if (priv == Hart.PRIV_M || mode == 0) {
            pageBase = va & ~0xfffL;
        } else {
            pageBase = walk(va, access, priv, mode == 8 ? 3 : 4, (satp & PPN_MASK) << 12, false);
        }
        long pageOffset = pageBase - ramBase;
        if (access != FETCH && pageOffset >= 0 && pageOffset < ramSize
                && (watch == null || !watch.watchesPage(va >>> 12, pageBase >>> 12))) {
            long vpn = va >>> 12;
            int i = (int) vpn & TLB_MASK;
            long key = vpn | ((long) priv << 62);
            if (access == LOAD) {
                loadTag[i] = key;
                loadOffset[i] = pageOffset;
            } else {
                storeTag[i] = key;
                storeOffset[i] = pageOffset;
            }
        }
        return pageBase | (va & 0xfff);
    }

    /**
     * Walks the page table for va. A faulting walk raises the page or access fault, unless it is
     * a debugger's probe ({@code probe}), which returns -1 and, like any probe, changes nothing:
     * only a real access sets the PTE's A and D bits.
     */
    private long walk(long va, int access, int priv, int levels, long table, boolean probe) {
        int vaBits = 12 + 9 * levels;
        long top = va >> (vaBits - 1);
        if (top != 0 && top != -1) {
            return fault(probe, pageFaultCause(access), va);
        }
        long mstatus = hart.mstatus;
        boolean sum = (mstatus & Hart.MSTATUS_SUM) != 0;
        boolean mxr = (mstatus & Hart.MSTATUS_MXR) != 0;
        long a = table;
        for (int level = levels - 1; level >= 0; level--) {
            long pteAddr = a + ((va >>> (12 + 9 * level)) & 511) * 8;
            long off = pteAddr - ramBase;
            if (off < 0 || off >= ramSize) {
                return fault(probe, accessFaultCause(access), va);
            }
            long pte = ram.read(off, 8);
            if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0) || (pte >>> 54) != 0) {
                return fault(probe, pageFaultCause(access), va);
            }
            long ppn = (pte >>> 10) & PPN_MASK;
            if ((pte & (PTE_R | PTE_X)) == 0) {
                a = ppn << 12;
                continue;
            }
            boolean allowed;
            switch (access) {
                case FETCH: allowed = (pte & PTE_X) != 0; break;
                case LOAD: allowed = (pte & PTE_R) != 0 || (mxr && (pte & PTE_X) != 0); break;
                default: allowed = (pte & PTE_W) != 0; break;
            }
            if ((pte & PTE_U) != 0) {
                allowed &= priv == Hart.PRIV_U || (priv == Hart.PRIV_S && sum && access != FETCH);
            } else {
                allowed &= priv != Hart.PRIV_U;
            }
            long superMask = (1L << (9 * level)) - 1;
            if (!allowed || (ppn & superMask) != 0) {
                return fault(probe, pageFaultCause(access), va);
            }
            long updated = pte | PTE_A | (access == STORE ? PTE_D : 0);
            if (updated != pte && !probe) {
                ram.write(off, 8, updated);
            }
            return ((ppn & ~superMask) | ((va >>> 12) & superMask)) << 12;
        }
        return fault(probe, pageFaultCause(access), va);
    }

    private long fault(boolean probe, int cause, long va) {
        if (probe) {
            return -1;
        }
        throw trap.set(cause, va);
    }

    private static int pageFaultCause(int access) {
        return access == FETCH ? Trap.INSN_PAGE_FAULT : access == LOAD ? Trap.LOAD_PAGE_FAULT : Trap.STORE_PAGE_FAULT;
    }

    private static int accessFaultCause(int access) {
        return access == FETCH ? Trap.INSN_ACCESS : access == LOAD ? Trap.LOAD_ACCESS : Trap.STORE_ACCESS;
    }

    /**
     * Translates without side effects (no A/D updates, no TLB fill, no faults) for debugger
     * views: the physical address, or -1 when the access would fault.
     */
    long probe(long va, int access) {
        int priv = access == FETCH ? (int) (fetchKey >>> 62) : (int) (dataKey >>> 62);
        long satp = hart.satp;
        int mode = (int) (satp >>> 60);
        if (priv == Hart.PRIV_M || mode == 0) {
            return va;
        }
        long pageBase = walk(va, access, priv, mode == 8 ? 3 : 4, (satp & PPN_MASK) << 12, true);
        return pageBase < 0 ? -1 : pageBase | (va & 0xfff);
    }
}
