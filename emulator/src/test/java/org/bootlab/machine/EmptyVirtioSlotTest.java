package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EmptyVirtioSlotTest {

    private final EmptyVirtioSlot slot = new EmptyVirtioSlot();

    @Test
    void answersAsAnEmptySlot() {
        assertEquals(0x7472_6976L, slot.read(0x000, 4));
        assertEquals(2, slot.read(0x004, 4));
        assertEquals(0, slot.read(0x008, 4));
        assertEquals(0x554d_4551L, slot.read(0x00c, 4));
        assertEquals(0, slot.read(0x070, 4));
        assertEquals(0, slot.read(0x000, 1), "32-bit registers only");
        slot.write(0x000, 4, 0);
        slot.write(0x070, 4, 0xff);
        assertEquals(0x7472_6976L, slot.peek(0x000, 4));
        assertEquals(0, slot.read(0x070, 4));
        assertEquals(0x1000, slot.size());
    }
}
