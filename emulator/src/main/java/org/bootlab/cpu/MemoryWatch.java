package org.bootlab.cpu;

/**
 * Watches guest loads and stores, for debugger watchpoints. Pages it claims never enter the
 * MMU's TLBs, so every access to them takes the slow path, where this is asked; the step loop's
 * TLB-hit paths stay untouched and cost nothing while no watch is set.
 */
public interface MemoryWatch {

    /**
     * Whether the virtual page {@code virtualPage} (va >>> 12) mapped to the physical page
     * {@code physicalPage} (pa >>> 12) holds a watched byte.
     */
    boolean watchesPage(long virtualPage, long physicalPage);

    /**
     * A load or store of {@code width} bytes on a watched page: after a load with the value
     * read, before a store with the value about to be written (memory still holds the old one).
     * Runs on the emulator thread in the middle of an instruction: it may ask the hart to stop
     * ({@link Hart#requestExit()}) but must not change guest state.
     */
    void onAccess(Hart hart, boolean write, long va, long pa, int width, long value);
}
