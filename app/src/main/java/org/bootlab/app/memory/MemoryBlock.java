package org.bootlab.app.memory;

/**
 * A stretch of guest memory as the memory view shows it.
 *
 * @param address where it starts (in {@code space})
 * @param bytes   the bytes, -1 where nothing readable is mapped; a private copy
 * @param error   why the request could not be read ("no symbol 'foo'"), or ""
 */
public record MemoryBlock(long address, AddressSpace space, int[] bytes, String error) {
}
