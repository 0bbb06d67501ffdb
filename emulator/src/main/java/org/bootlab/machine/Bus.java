package org.bootlab.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * The physical address space: DRAM plus memory-mapped devices. The hart reaches DRAM directly
 * (its fast path); everything else comes here. An address no device claims is an access fault,
 * which {@link #read} and {@link #write} report by returning or answering {@code false}.
 */
public final class Bus {

    private record Mapping(long base, long end, MmioDevice device) {
    }

    private final Ram ram;
    private final long ramBase;
    private final List<Mapping> mappings = new ArrayList<>();
    private Mapping[] table = new Mapping[0];

    /** Set by a failed read: the hart turns it into an access fault. */
    private boolean fault;

    public Bus(long ramBase, Ram ram) {
        this.ramBase = ramBase;
        this.ram = ram;
    }

    public Ram ram() {
        return ram;
    }

    public long ramBase() {
        return ramBase;
    }

    public void map(long base, MmioDevice device) {
        mappings.add(new Mapping(base, base + device.size(), device));
        table = mappings.toArray(new Mapping[0]);
    }

    /** The device mapped at {@code pa}, or null. */
    public MmioDevice deviceAt(long pa) {
        Mapping m = find(pa);
        return m == null ? null : m.device;
    }

    public List<MmioDevice> devices() {
        return mappings.stream().map(Mapping::device).toList();
    }

    private Mapping find(long pa) {
        for (Mapping m : table) {
            if (pa >= m.base && pa < m.end) {
                return m;
            }
        }
        return null;
    }

    /** Whether the last {@link #read} hit no device. */
    public boolean faulted() {
        return fault;
    }

    /** A guest read of a device register; sets {@link #faulted()} when nothing is there. */
    public long read(long pa, int width) {
        Mapping m = find(pa);
        if (m == null || pa + width > m.end) {
            fault = true;
            return 0;
        }
        fault = false;
        return m.device.read(pa - m.base, width);
    }

    /** A guest write to a device register; false when nothing is there. */
    public boolean write(long pa, int width, long value) {
        Mapping m = find(pa);
        if (m == null || pa + width > m.end) {
            return false;
        }
        m.device.write(pa - m.base, width, value);
        return true;
    }

    /**
     * Reads physical memory for a debugger: DRAM or a device's side-effect-free peek; returns
     * -1 for an unmapped byte.
     */
    public int peekByte(long pa) {
        long off = pa - ramBase;
        if (off >= 0 && off < ram.size()) {
            return ram.readByte(off);
        }
        Mapping m = find(pa);
        if (m == null) {
            return -1;
        }
        return (int) (m.device.peek(pa - m.base, 1) & 0xff);
    }
}
