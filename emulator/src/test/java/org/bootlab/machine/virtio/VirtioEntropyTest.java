package org.bootlab.machine.virtio;

import org.bootlab.machine.virtio.TestDriver.Buf;
import org.bootlab.machine.virtio.TestDriver.Queue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** virtio-rng: reproducible bytes by default, the host's on request, never into readable buffers. */
class VirtioEntropyTest {

    private static byte[] draw(VirtioEntropy device, int length) {
        TestDriver d = new TestDriver(device);
        Queue q = d.start(0, 8, 1)[0];
        q.send(Buf.in(TestDriver.BUFFERS, length));
        assertArrayEquals(new long[] {0, length}, q.takeUsed());
        return d.get(TestDriver.BUFFERS, length);
    }

    @Test
    void theSameSeedGivesTheSameBytes() {
        assertArrayEquals(draw(VirtioEntropy.seeded(VirtioEntropy.DEFAULT_SEED), 37),
                draw(VirtioEntropy.seeded(VirtioEntropy.DEFAULT_SEED), 37));
        assertFalse(java.util.Arrays.equals(draw(VirtioEntropy.seeded(1), 32), draw(VirtioEntropy.seeded(2), 32)));
    }

    @Test
    void hostBytesAreNotTheSeededOnes() {
        assertFalse(java.util.Arrays.equals(draw(VirtioEntropy.host(), 32), draw(VirtioEntropy.host(), 32)));
    }

    @Test
    void readableBuffersAreNeverWritten() {
        TestDriver d = new TestDriver(VirtioEntropy.seeded(3));
        Queue q = d.start(0, 8, 1)[0];
        d.put(TestDriver.BUFFERS, new byte[] {9, 9, 9, 9});
        q.send(Buf.out(TestDriver.BUFFERS, 4));
        assertArrayEquals(new long[] {0, 0}, q.takeUsed());
        assertArrayEquals(new byte[] {9, 9, 9, 9}, d.get(TestDriver.BUFFERS, 4));
        q.send(Buf.out(TestDriver.BUFFERS, 4), Buf.in(TestDriver.BUFFERS + 16, 8));
        assertArrayEquals(new long[] {1, 8}, q.takeUsed(), "only the writable part is filled");
        assertArrayEquals(new byte[] {9, 9, 9, 9}, d.get(TestDriver.BUFFERS, 4));
        assertEquals(0, d.transport.inspect().config().size());
    }
}
