package org.bootlab.machine.loader;

import java.util.List;

/**
 * A program ready to be placed in guest memory: what an ELF file or a raw binary becomes once
 * read and checked. {@code origin} names where it came from, for messages.
 */
public record BootImage(String origin, long entry, List<Segment> segments) {

    /** Bytes to copy to physical address {@code paddr}, followed by zeros up to {@code memSize}. */
    public record Segment(long paddr, byte[] data, long memSize) {
        public long end() {
            return paddr + memSize;
        }
    }

    public BootImage {
        segments = List.copyOf(segments);
    }

    /** Lowest physical address any segment occupies. */
    public long lowest() {
        return segments.stream().mapToLong(Segment::paddr).min().orElse(entry);
    }

    /** One past the highest physical address any segment occupies. */
    public long highest() {
        return segments.stream().mapToLong(Segment::end).max().orElse(entry);
    }
}
