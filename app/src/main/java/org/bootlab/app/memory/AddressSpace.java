package org.bootlab.app.memory;

/** How the memory view reads an address: through the current page table, or as is. */
public enum AddressSpace { VIRTUAL, PHYSICAL }
