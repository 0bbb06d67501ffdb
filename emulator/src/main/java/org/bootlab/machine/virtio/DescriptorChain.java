package org.bootlab.machine.virtio;

import java.util.List;

/**
 * One request as the driver made it available: the chain of buffers starting at descriptor
 * {@code head}, already followed through NEXT links and an indirect table. Device-readable
 * buffers come first, then device-writable ones (the parser rejects any other order), so a
 * device sees two byte streams: what it reads and where it writes.
 *
 * @param head     the head descriptor's index, which goes back in the used ring
 * @param segments the buffers in chain order
 * @param error    why the chain is malformed (a loop, an index out of range...), or null; a
 *                 malformed chain cannot be answered and puts the device in DEVICE_NEEDS_RESET
 */
public record DescriptorChain(int head, List<Segment> segments, String error) {

    /**
     * One buffer.
     *
     * @param index    the descriptor's index in its table
     * @param indirect whether that table is an indirect one
     * @param flags    the descriptor's flags as the driver wrote them
     * @param inRam    whether the whole buffer lies in guest RAM
     */
    public record Segment(int index, boolean indirect, long addr, long length, int flags,
                          boolean writable, boolean inRam) {
    }

    public DescriptorChain {
        segments = List.copyOf(segments);
    }

    static DescriptorChain malformed(int head, List<Segment> segments, String error) {
        return new DescriptorChain(head, segments, error);
    }

    public boolean allInRam() {
        return segments.stream().allMatch(Segment::inRam);
    }

    public long readableLength() {
        return segments.stream().filter(s -> !s.writable()).mapToLong(Segment::length).sum();
    }

    public long writableLength() {
        return segments.stream().filter(Segment::writable).mapToLong(Segment::length).sum();
    }

    /**
     * Copies up to {@code max} bytes from the start of the device-readable stream. Only for a
     * chain whose buffers are all in RAM.
     */
    public byte[] readReadable(GuestMemory memory, int max) {
        byte[] out = new byte[(int) Math.min(max, readableLength())];
        readReadable(memory, 0, out, 0, out.length);
        return out;
    }

    /**
     * Copies {@code length} bytes of the device-readable stream from {@code offset}; returns
     * how many there were. Only for a chain whose buffers are all in RAM.
     */
    public int readReadable(GuestMemory memory, long offset, byte[] dest, int from, int length) {
        return read(memory, false, offset, dest, from, length);
    }

    /** Reads back the device-writable stream (the inspector, after the device wrote it). */
    public int readWritable(GuestMemory memory, long offset, byte[] dest, int from, int length) {
        return read(memory, true, offset, dest, from, length);
    }

    private int read(GuestMemory memory, boolean writableStream, long offset, byte[] dest, int from, int length) {
        long skip = offset;
        int done = 0;
        for (Segment s : segments) {
            if (s.writable() != writableStream || done == length) {
                continue;
            }
            if (skip >= s.length()) {
                skip -= s.length();
                continue;
            }
            int n = (int) Math.min(s.length() - skip, length - done);
            memory.read(s.addr() + skip, dest, from + done, n);
            done += n;
            skip = 0;
        }
        return done;
    }

    /**
     * Writes {@code length} bytes into the device-writable stream at {@code offset}; returns
     * how many fitted. Only for a chain whose buffers are all in RAM.
     */
    public int writeWritable(GuestMemory memory, long offset, byte[] src, int from, int length) {
        long skip = offset;
        int done = 0;
        for (Segment s : segments) {
            if (!s.writable() || done == length) {
                continue;
            }
            if (skip >= s.length()) {
                skip -= s.length();
                continue;
            }
            int n = (int) Math.min(s.length() - skip, length - done);
            memory.write(s.addr() + skip, src, from + done, n);
            done += n;
            skip = 0;
        }
        return done;
    }
}
