package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bootlab.machine.TestWires.Clock;
import org.bootlab.machine.TestWires.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClintTest {

    private final Clock clock = new Clock();
    private final Wire msip = new Wire();
    private final Wire mtip = new Wire();
    private int timerChanges;
    private Clint clint;

    @BeforeEach
    void setUp() {
        clint = new Clint(clock, msip, mtip);
        clint.setTimerChangedListener(() -> timerChanges++);
    }

    @Test
    void powerOnHasNoDeadline() {
        assertEquals(-1L, clint.mtimecmp());
        clock.mtime = Long.MAX_VALUE;
        clint.update();
        assertFalse(mtip.level, "all ones is compared unsigned: never");
        assertEquals(0x1_0000, clint.size());
    }

    @Test
    void mtipFollowsMtimeAgainstMtimecmp() {
        clock.mtime = 100;
        clint.write(0x4000, 8, 150);
        assertEquals(1, timerChanges);
        assertEquals(150, clint.mtimecmp());
        assertFalse(mtip.level);
        clock.mtime = 149;
        clint.update();
        assertFalse(mtip.level);
        clock.mtime = 150;
        clint.update();
        assertTrue(mtip.level);
        clint.write(0x4000, 8, 1000);
        assertFalse(mtip.level, "a later deadline clears MTIP at once");
        clint.write(0x4000, 8, 10);
        assertTrue(mtip.level, "a past deadline raises MTIP at once");
        assertEquals(3, timerChanges);
    }

    @Test
    void mtimecmpHalvesAreAccessible() {
        clint.write(0x4000, 4, 0x89ab_cdefL);
        clint.write(0x4004, 4, 0x0123_4567L);
        assertEquals(0x0123_4567_89ab_cdefL, clint.mtimecmp());
        assertEquals(0x89ab_cdefL, clint.read(0x4000, 4));
        assertEquals(0x0123_4567L, clint.read(0x4004, 4));
        assertEquals(0x0123_4567_89ab_cdefL, clint.read(0x4000, 8));
        assertEquals(0x45, clint.read(0x4005, 1));
        assertEquals(2, timerChanges);
    }

    @Test
    void mtimeComesFromTheClockAndIgnoresWrites() {
        clock.mtime = 0x1122_3344_5566_7788L;
        assertEquals(0x1122_3344_5566_7788L, clint.read(0xbff8, 8));
        assertEquals(0x5566_7788L, clint.read(0xbff8, 4));
        assertEquals(0x1122_3344L, clint.read(0xbffc, 4));
        clint.write(0xbff8, 8, 0);
        assertEquals(0x1122_3344_5566_7788L, clint.read(0xbff8, 8));
        assertEquals(0, timerChanges);
    }

    @Test
    void msipIsBitZero() {
        clint.write(0x0, 4, 0xffff_fffeL);
        assertFalse(msip.level);
        clint.write(0x0, 4, 1);
        assertTrue(msip.level);
        assertEquals(1, clint.read(0x0, 4));
        clint.write(0x0, 4, 0);
        assertFalse(msip.level);
        clint.write(0x4, 4, 1);
        assertFalse(msip.level, "there is no hart 1");
        assertEquals(0, clint.read(0x4, 4));
    }

    @Test
    void peekMatchesReadAndOtherOffsetsReadZero() {
        clint.write(0x4000, 8, 77);
        assertEquals(clint.read(0x4000, 8), clint.peek(0x4000, 8));
        assertEquals(0, clint.read(0x8000, 4));
        assertEquals(0, clint.read(0x3ffc, 8), "straddling two registers");
    }

    @Test
    void saveAndRestoreRoundTrip() throws Exception {
        clock.mtime = 500;
        clint.write(0x4000, 8, 400);
        clint.write(0x0, 4, 1);
        byte[] state = TestWires.save(clint);

        Wire msip2 = new Wire();
        Wire mtip2 = new Wire();
        Clint copy = new Clint(new Clock(), msip2, mtip2);
        TestWires.restore(copy, state);
        assertEquals(400, copy.mtimecmp());
        assertTrue(msip2.level);
        assertTrue(mtip2.level, "MTIP restored as saved, whatever the clock says");
    }

    @Test
    void resetClearsTheWires() {
        clint.write(0x0, 4, 1);
        clint.write(0x4000, 8, 0);
        clint.reset();
        assertFalse(msip.level);
        assertFalse(mtip.level);
        assertEquals(-1L, clint.mtimecmp());
    }
}
