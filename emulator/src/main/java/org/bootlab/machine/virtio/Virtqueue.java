package org.bootlab.machine.virtio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A split virtqueue (virtio 1.2 §2.7) as the device sees it: the driver's configuration
 * (size, the three areas) and the device's two indexes, last available consumed and next used.
 * The rings themselves live in guest RAM; this class reads and writes them through
 * {@link GuestMemory}, and treats everything there as untrusted.
 */
public final class Virtqueue {

    public static final int F_NEXT = 1;
    public static final int F_WRITE = 2;
    public static final int F_INDIRECT = 4;
    /** avail.flags: the driver does not want used-buffer notifications (without EVENT_IDX). */
    public static final int AVAIL_F_NO_INTERRUPT = 1;
    /**
     * The most descriptors one chain may hold, indirect table included: QEMU's limit
     * (VIRTQUEUE_MAX_SIZE), so an indirect table cannot make the device walk RAM for long.
     */
    public static final int MAX_CHAIN = 1024;

    private final int index;
    private final String name;
    private final int maxSize;

    private int size;
    private boolean ready;
    private long descAddr;
    private long driverAddr;
    private long deviceAddr;
    private int lastAvail;
    private int usedIdx;
    /** How many used ring entries the device has written since the queue became ready, up to size. */
    private int usedFilled;

    Virtqueue(int index, String name, int maxSize) {
        this.index = index;
        this.name = name;
        this.maxSize = maxSize;
        reset();
    }

    void reset() {
        size = maxSize;
        ready = false;
        descAddr = 0;
        driverAddr = 0;
        deviceAddr = 0;
        lastAvail = 0;
        usedIdx = 0;
        usedFilled = 0;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public int maxSize() {
        return maxSize;
    }

    public int size() {
        return size;
    }

    public boolean ready() {
        return ready;
    }

    void setSize(int size) {
        this.size = size;
    }

    void setDescLow(long v) {
        descAddr = low(descAddr, v);
    }

    void setDescHigh(long v) {
        descAddr = high(descAddr, v);
    }

    void setDriverLow(long v) {
        driverAddr = low(driverAddr, v);
    }

    void setDriverHigh(long v) {
        driverAddr = high(driverAddr, v);
    }

    void setDeviceLow(long v) {
        deviceAddr = low(deviceAddr, v);
    }

    void setDeviceHigh(long v) {
        deviceAddr = high(deviceAddr, v);
    }

    long descAddr() {
        return descAddr;
    }

    long driverAddr() {
        return driverAddr;
    }

    long deviceAddr() {
        return deviceAddr;
    }

    private static long low(long old, long v) {
        return (old & 0xffff_ffff_0000_0000L) | (v & 0xffff_ffffL);
    }

    private static long high(long old, long v) {
        return (old & 0xffff_ffffL) | (v << 32);
    }

    /**
     * Makes the queue ready if its configuration is usable: a power-of-two size up to the
     * maximum, and the three areas aligned (16, 2, 4) and inside RAM. Returns why not, or null.
     */
    String enable(GuestMemory memory) {
        String why = problem(memory);
        if (why == null) {
            ready = true;
            // The driver starts both rings at index 0 (§2.7.6); so does the device.
            lastAvail = 0;
            usedIdx = 0;
            usedFilled = 0;
        }
        return why;
    }

    void disable() {
        ready = false;
    }

    private String problem(GuestMemory memory) {
        if (size == 0 || size > maxSize || (size & (size - 1)) != 0) {
            return "queue " + index + " size " + size + " is not a power of two in 1.." + maxSize;
        }
        if ((descAddr & 15) != 0 || (driverAddr & 1) != 0 || (deviceAddr & 3) != 0) {
            return "queue " + index + " areas are misaligned";
        }
        if (!memory.contains(descAddr, 16L * size) || !memory.contains(driverAddr, 6 + 2L * size)
                || !memory.contains(deviceAddr, 6 + 8L * size)) {
            return "queue " + index + " areas lie outside RAM";
        }
        return null;
    }

    // ------------------------------------------------------------------ the device's side

    /**
     * How many chains the driver has made available and the device not consumed yet, or -1 if
     * avail.idx ran more than a queue's worth ahead (a driver bug the device cannot follow).
     */
    int pending(GuestMemory memory) {
        int n = (memory.u16(driverAddr + 2) - lastAvail) & 0xffff;
        return n > size ? -1 : n;
    }

    /** Takes the next available chain; call only when {@link #pending} is positive. */
    DescriptorChain pop(GuestMemory memory, boolean indirectAllowed) {
        int head = memory.u16(driverAddr + 4 + 2L * (lastAvail % size));
        lastAvail = (lastAvail + 1) & 0xffff;
        return parse(memory, head, indirectAllowed);
    }

    /** Puts a finished chain in the used ring. */
    void push(GuestMemory memory, int head, long written) {
        long elem = deviceAddr + 4 + 8L * (usedIdx % size);
        memory.put32(elem, head);
        memory.put32(elem + 4, written);
        usedIdx = (usedIdx + 1) & 0xffff;
        usedFilled = Math.min(usedFilled + 1, size);
        memory.put16(deviceAddr + 2, usedIdx);
    }

    /** With VIRTIO_F_EVENT_IDX: tells the driver to notify once it goes past what was consumed. */
    void publishAvailEvent(GuestMemory memory) {
        memory.put16(deviceAddr + 4 + 8L * size, lastAvail);
    }

    int usedIdx() {
        return usedIdx;
    }

    int lastAvail() {
        return lastAvail;
    }

    /**
     * Whether the driver wants a used-buffer notification now that used.idx moved from
     * {@code oldUsed}: with EVENT_IDX, when used_event lies in the entries just added (§2.7.10);
     * without, unless avail.flags asks for none.
     */
    boolean wantsInterrupt(GuestMemory memory, int oldUsed, boolean eventIdx) {
        if (eventIdx) {
            int event = memory.u16(driverAddr + 4 + 2L * size);
            return ((usedIdx - event - 1) & 0xffff) < ((usedIdx - oldUsed) & 0xffff);
        }
        return (memory.u16(driverAddr) & AVAIL_F_NO_INTERRUPT) == 0;
    }

    /**
     * Follows the chain from {@code head} without side effects. Loops, out-of-range indexes,
     * over-long chains, a misused indirect descriptor, a table outside RAM or a device-readable
     * buffer after a device-writable one make it malformed; a buffer outside RAM does not (the
     * device fails that request), it is only marked.
     */
    static DescriptorChain parse(GuestMemory memory, long descAddr, int size, int head, boolean indirectAllowed) {
        List<DescriptorChain.Segment> segments = new ArrayList<>();
        if (head >= size) {
            return DescriptorChain.malformed(head, segments, "head index " + head + " is outside the table of " + size);
        }
        long table = descAddr;
        int tableSize = size;
        boolean inIndirect = false;
        boolean seenWritable = false;
        int i = head;
        int inTable = 0;
        int total = 0;
        while (true) {
            if (++inTable > tableSize) {
                return DescriptorChain.malformed(head, segments, (inIndirect ? "indirect table" : "chain")
                        + " loops or is longer than its " + tableSize + " descriptors");
            }
            if (++total > MAX_CHAIN) {
                return DescriptorChain.malformed(head, segments, "chain is longer than " + MAX_CHAIN + " descriptors");
            }
            long d = table + 16L * i;
            long addr = memory.u64(d);
            long len = memory.u32(d + 8);
            int flags = memory.u16(d + 12);
            int next = memory.u16(d + 14);
            if ((flags & F_INDIRECT) != 0) {
                String why = inIndirect ? "an indirect table holds an indirect descriptor"
                        : !indirectAllowed ? "indirect descriptor without VIRTIO_F_INDIRECT_DESC"
                        : (flags & F_NEXT) != 0 ? "indirect descriptor with NEXT set"
                        : len == 0 || (len & 15) != 0 ? "indirect table length " + len + " is not a multiple of 16"
                        : !memory.contains(addr, len) ? String.format("indirect table at 0x%x lies outside RAM", addr)
                        : null;
                if (why != null) {
                    return DescriptorChain.malformed(head, segments, why);
                }
                table = addr;
                tableSize = (int) Math.min(len / 16, MAX_CHAIN + 1);
                inIndirect = true;
                inTable = 0;
                i = 0;
                continue;
            }
            boolean writable = (flags & F_WRITE) != 0;
            if (writable) {
                seenWritable = true;
            } else if (seenWritable) {
                return DescriptorChain.malformed(head, segments, "device-readable descriptor " + i
                        + " follows a device-writable one");
            }
            segments.add(new DescriptorChain.Segment(i, inIndirect, addr, len, flags, writable,
                    memory.contains(addr, len)));
            if ((flags & F_NEXT) == 0) {
                return new DescriptorChain(head, segments, null);
            }
            if (next >= tableSize) {
                return DescriptorChain.malformed(head, segments, "next index " + next + " is outside the table of "
                        + tableSize);
            }
            i = next;
        }
    }

    private DescriptorChain parse(GuestMemory memory, int head, boolean indirectAllowed) {
        return parse(memory, descAddr, size, head, indirectAllowed);
    }

    // ------------------------------------------------------------------ inspector

    VirtioDeviceState.Queue inspect(GuestMemory memory, boolean indirectAllowed, ChainDecoder decoder) {
        boolean inRam = ready || problem(memory) == null;
        if (!inRam) {
            return new VirtioDeviceState.Queue(index, name, maxSize, size, ready, descAddr, driverAddr, deviceAddr,
                    false, List.of(), 0, 0, List.of(), 0, 0, 0, List.of(), 0, lastAvail, usedIdx, List.of());
        }
        List<VirtioDeviceState.Descriptor> descriptors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long d = descAddr + 16L * i;
            descriptors.add(new VirtioDeviceState.Descriptor(i, memory.u64(d), memory.u32(d + 8),
                    memory.u16(d + 12), memory.u16(d + 14)));
        }
        int availIdx = memory.u16(driverAddr + 2);
        List<Integer> availRing = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            availRing.add(memory.u16(driverAddr + 4 + 2L * i));
        }
        int driverUsedIdx = memory.u16(deviceAddr + 2);
        List<VirtioDeviceState.UsedElement> usedRing = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long e = deviceAddr + 4 + 8L * i;
            usedRing.add(new VirtioDeviceState.UsedElement(memory.u32(e), memory.u32(e + 4)));
        }
        List<VirtioDeviceState.Chain> chains = new ArrayList<>();
        int pending = Math.min((availIdx - lastAvail) & 0xffff, size);
        for (int k = 0; k < pending; k++) {
            int head = availRing.get((lastAvail + k) % size);
            chains.add(chain(memory, head, false, -1, indirectAllowed, decoder));
        }
        for (int k = usedFilled; k > 0; k--) {
            VirtioDeviceState.UsedElement e = usedRing.get((usedIdx - k) & (size - 1));
            int head = (int) Math.min(e.id(), Integer.MAX_VALUE);
            chains.add(chain(memory, head, true, e.length(), indirectAllowed, decoder));
        }
        return new VirtioDeviceState.Queue(index, name, maxSize, size, ready, descAddr, driverAddr, deviceAddr,
                true, descriptors, memory.u16(driverAddr), availIdx, availRing,
                memory.u16(driverAddr + 4 + 2L * size), memory.u16(deviceAddr), driverUsedIdx, usedRing,
                memory.u16(deviceAddr + 4 + 8L * size), lastAvail, usedIdx, chains);
    }

    private VirtioDeviceState.Chain chain(GuestMemory memory, int head, boolean completed, long usedLength,
                                          boolean indirectAllowed, ChainDecoder decoder) {
        DescriptorChain c = parse(memory, head, indirectAllowed);
        DecodedRequest request = c.error() == null && c.allInRam()
                ? decoder.decode(index, c, completed ? usedLength : -1) : null;
        return new VirtioDeviceState.Chain(head, completed, usedLength, c.segments(), c.error(), request);
    }

    /** How a device reads its own requests, for the inspector; must have no side effects. */
    @FunctionalInterface
    interface ChainDecoder {
        /** @param usedLength the used length of a completed chain, or -1 if still available */
        DecodedRequest decode(int queue, DescriptorChain chain, long usedLength);
    }

    // ------------------------------------------------------------------ snapshots

    void saveState(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeBoolean(ready);
        out.writeLong(descAddr);
        out.writeLong(driverAddr);
        out.writeLong(deviceAddr);
        out.writeShort(lastAvail);
        out.writeShort(usedIdx);
        out.writeInt(usedFilled);
    }

    void restoreState(DataInput in) throws IOException {
        size = in.readInt();
        ready = in.readBoolean();
        descAddr = in.readLong();
        driverAddr = in.readLong();
        deviceAddr = in.readLong();
        lastAvail = in.readUnsignedShort();
        usedIdx = in.readUnsignedShort();
        usedFilled = Math.max(0, Math.min(in.readInt(), size));
    }
}
