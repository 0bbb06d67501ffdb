package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bootlab.machine.TestWires.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlicTest {

    private static final int M = 0;
    private static final int S = 1;

    private final Wire meip = new Wire();
    private final Wire seip = new Wire();
    private Plic plic;

    @BeforeEach
    void setUp() {
        plic = new Plic(meip, seip);
    }

    private static long priority(int n) {
        return 4L * n;
    }

    private static long enable(int ctx, int word) {
        return 0x2000 + 0x80L * ctx + 4L * word;
    }

    private static long threshold(int ctx) {
        return 0x20_0000 + 0x1000L * ctx;
    }

    private static long claim(int ctx) {
        return threshold(ctx) + 4;
    }

    private long rd(long offset) {
        return plic.read(offset, 4);
    }

    private void wr(long offset, long value) {
        plic.write(offset, 4, value);
    }

    private void enableSource(int ctx, int n) {
        long word = enable(ctx, n / 32);
        wr(word, rd(word) | 1L << (n % 32));
    }

    @Test
    void sourcesAreOneToNinetyFive() {
        assertThrows(IllegalArgumentException.class, () -> plic.source(0));
        assertThrows(IllegalArgumentException.class, () -> plic.source(96));
        plic.source(1);
        plic.source(95);
        assertEquals(0x60_0000, plic.size());
    }

    @Test
    void prioritiesAreWarlZeroToSevenAndSourceZeroIsHardwired() {
        wr(priority(10), 0xffff_ffffL);
        assertEquals(7, rd(priority(10)));
        wr(priority(10), 3);
        assertEquals(3, rd(priority(10)));
        wr(priority(0), 5);
        assertEquals(0, rd(priority(0)));
        wr(priority(95), 9);
        assertEquals(1, rd(priority(95)));
        wr(threshold(S), 0xff);
        assertEquals(7, rd(threshold(S)));
    }

    @Test
    void levelSourceRaisesOnlyTheContextThatEnablesIt() {
        wr(priority(10), 1);
        enableSource(S, 10);
        plic.source(10).set(true);
        assertEquals(1 << 10, rd(0x1000), "pending bit");
        assertTrue(seip.level);
        assertFalse(meip.level);
        assertEquals(10, rd(claim(S)));
        assertFalse(seip.level, "claimed: not pending any more");
        assertEquals(0, rd(0x1000));
    }

    @Test
    void priorityZeroNeverInterrupts() {
        enableSource(M, 5);
        plic.source(5).set(true);
        assertFalse(meip.level);
        assertEquals(0, rd(claim(M)));
        wr(priority(5), 1);
        assertTrue(meip.level, "outputs follow a priority write");
    }

    @Test
    void thresholdMasksPrioritiesAtOrBelowIt() {
        wr(priority(7), 2);
        enableSource(M, 7);
        plic.source(7).set(true);
        assertTrue(meip.level);
        wr(threshold(M), 2);
        assertFalse(meip.level);
        assertEquals(0, rd(claim(M)), "nothing above the threshold to claim");
        wr(threshold(M), 1);
        assertTrue(meip.level);
    }

    @Test
    void claimedLevelSourceRependsOnCompletionWhileStillAsserted() {
        wr(priority(10), 1);
        enableSource(S, 10);
        plic.source(10).set(true);
        assertEquals(10, rd(claim(S)));
        plic.source(10).set(false);
        plic.source(10).set(true);
        assertFalse(seip.level, "a claimed source is not pending again before completion");
        wr(claim(S), 10);
        assertTrue(seip.level, "still asserted: pending again");
        assertEquals(10, rd(claim(S)));
        plic.source(10).set(false);
        wr(claim(S), 10);
        assertFalse(seip.level, "deasserted at completion: nothing pending");
        assertEquals(0, rd(claim(S)));
    }

    @Test
    void deassertingBeforeTheClaimLeavesNothingPending() {
        wr(priority(3), 1);
        enableSource(S, 3);
        plic.source(3).set(true);
        plic.source(3).set(false);
        assertFalse(seip.level);
        assertEquals(0, rd(claim(S)));
    }

    @Test
    void highestPriorityWinsAndTiesGoToTheLowestSource() {
        for (int n : new int[] {4, 9, 40, 70}) {
            enableSource(M, n);
            plic.source(n).set(true);
        }
        wr(priority(4), 2);
        wr(priority(9), 5);
        wr(priority(40), 5);
        wr(priority(70), 6);
        assertEquals(1L << 6, rd(0x1008), "source 70 is bit 6 of pending word 2");
        assertEquals(70, rd(claim(M)));
        assertEquals(9, rd(claim(M)));
        assertEquals(40, rd(claim(M)));
        assertEquals(4, rd(claim(M)));
        assertEquals(0, rd(claim(M)));
        assertFalse(meip.level);
    }

    @Test
    void completionOfASourceTheContextHasNotEnabledIsIgnored() {
        wr(priority(10), 1);
        enableSource(S, 10);
        plic.source(10).set(true);
        assertEquals(10, rd(claim(S)));
        wr(claim(M), 10);
        assertFalse(seip.level, "M context does not enable 10: completion ignored");
        wr(claim(S), 0);
        wr(claim(S), 96);
        wr(claim(S), -1);
        assertFalse(seip.level);
        wr(claim(S), 10);
        assertTrue(seip.level);
    }

    @Test
    void enableBitZeroIsHardwiredAndWordsBeyondTheSourcesReadZero() {
        wr(enable(M, 0), 0xffff_ffffL);
        assertEquals(0xffff_fffeL, rd(enable(M, 0)));
        wr(enable(M, 3), 0xffff_ffffL);
        assertEquals(0, rd(enable(M, 3)));
        assertEquals(0, rd(enable(S, 0)), "contexts are separate");
    }

    @Test
    void eightByteAccessActsAsTwoWords() {
        plic.write(enable(S, 0), 8, 0x0000_0004_0000_0400L);
        assertEquals(0x400, rd(enable(S, 0)));
        assertEquals(4, rd(enable(S, 1)));
        assertEquals(0x0000_0004_0000_0400L, plic.read(enable(S, 0), 8));
    }

    @Test
    void peekNeverClaimsAndNarrowAccessHasNoSideEffects() {
        wr(priority(10), 1);
        enableSource(S, 10);
        plic.source(10).set(true);
        assertEquals(10, plic.peek(claim(S), 4));
        assertEquals(10, plic.read(claim(S), 1), "a byte read does not claim");
        assertEquals(10, plic.peek(claim(S), 4));
        assertTrue(seip.level);
        plic.write(priority(10), 1, 0);
        assertEquals(1, rd(priority(10)), "byte writes are ignored");
        assertEquals(1 << 2, plic.peek(0x1001, 1), "bits 8..15 of the pending word");
    }

    @Test
    void unimplementedOffsetsReadZero() {
        assertEquals(0, rd(0x1_0000));
        assertEquals(0, rd(threshold(2)));
        assertEquals(0, rd(threshold(S) + 8));
        wr(threshold(2), 5);
        wr(0x1000, 0xffff_ffffL);
        assertEquals(0, rd(0x1000), "pending bits are read-only");
    }

    @Test
    void saveAndRestoreRoundTrip() throws Exception {
        wr(priority(10), 3);
        wr(priority(1), 2);
        wr(threshold(S), 1);
        wr(threshold(M), 6);
        enableSource(S, 10);
        enableSource(S, 1);
        enableSource(M, 1);
        plic.source(10).set(true);
        plic.source(1).set(true);
        assertEquals(10, rd(claim(S)));
        byte[] state = TestWires.save(plic);

        Wire m2 = new Wire();
        Wire s2 = new Wire();
        Plic copy = new Plic(m2, s2);
        TestWires.restore(copy, state);
        assertTrue(s2.level, "source 1 still pending for S");
        assertFalse(m2.level, "below the M threshold");
        for (long off : new long[] {priority(1), priority(10), 0x1000, enable(S, 0), enable(M, 0),
                threshold(S), threshold(M), claim(S)}) {
            assertEquals(plic.peek(off, 4), copy.peek(off, 4), "offset " + off);
        }
        assertEquals(1, copy.read(claim(S), 4));
        copy.write(claim(S), 4, 10);
        assertEquals(10, copy.read(claim(S), 4), "the claim of 10 survived the snapshot");
        assertArrayEquals(state, TestWires.save(plic));
    }

    @Test
    void resetDropsEverythingButTheWireLevels() {
        wr(priority(10), 1);
        enableSource(M, 10);
        plic.source(10).set(true);
        assertTrue(meip.level);
        plic.reset();
        assertFalse(meip.level);
        assertEquals(0, rd(priority(10)));
        assertEquals(0, rd(enable(M, 0)));
    }
}
