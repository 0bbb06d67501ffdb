package org.bootlab.machine.virtio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bootlab.machine.virtio.TestDriver.Buf;
import org.bootlab.machine.virtio.TestDriver.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.bootlab.machine.virtio.VirtioBlock.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** virtio-blk driven through its request queue, against a disk image in a temporary folder. */
class VirtioBlockTest {

    private static final int SECTORS = 16;
    private static final long HEADER = TestDriver.BUFFERS;
    private static final long DATA = TestDriver.BUFFERS + 0x1000;
    private static final long STATUS = TestDriver.BUFFERS + 0x100;

    @TempDir
    Path dir;

    private VirtioBlock disk;
    private TestDriver d;
    private Queue q;
    private byte[] image;
    private Path file;

    private void open(boolean writable, long features) throws IOException {
        image = new byte[SECTORS * SECTOR + 100]; // a partial last sector is not visible
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (i * 31 + i / SECTOR);
        }
        file = Files.write(dir.resolve("disk.img"), image);
        disk = new VirtioBlock(file, writable, "bootlab-vda");
        d = new TestDriver(disk);
        q = d.start(features, 16, 1)[0];
    }

    @AfterEach
    void close() throws IOException {
        if (disk != null) {
            disk.close();
        }
    }

    private void header(int type, long sector) {
        d.memory.put32(HEADER, type);
        d.memory.put32(HEADER + 4, 0);
        d.write64(HEADER + 8, sector);
        d.memory.put8(STATUS, 0xff);
    }

    private int status() {
        return d.memory.u8(STATUS);
    }

    @Test
    void configurationSpaceAndFeatures() throws Exception {
        open(false, 0);
        assertEquals(SECTORS, d.transport.read(0x100, 4) | d.transport.read(0x104, 4) << 32, "capacity");
        assertEquals(SECTOR, d.transport.read(0x100 + 20, 4), "blk_size");
        assertEquals(VirtioMmio.QUEUE_MAX - 2, d.transport.read(0x100 + 12, 4), "seg_max");
        assertEquals(SECTORS, d.transport.read(0x100, 1), "byte-wide reads work too");
        assertTrue((d.transport.offeredFeatures() & F_RO) != 0, "read-only is offered as VIRTIO_BLK_F_RO");
        VirtioDeviceState s = d.transport.inspect();
        assertEquals("capacity", s.config().get(0).name());
        assertEquals(SECTORS, s.config().get(0).value());
        assertTrue(s.features().stream().anyMatch(f -> f.name().equals("VIRTIO_BLK_F_FLUSH") && f.offered()));
    }

    @Test
    void readsSectorsIntoScatteredBuffers() throws Exception {
        open(false, 0);
        header(T_IN, 3);
        // The header split across two descriptors, the data across three of odd sizes.
        int head = q.send(Buf.out(HEADER, 10), Buf.out(HEADER + 10, 6), Buf.in(DATA, 100), Buf.in(DATA + 0x400, 700),
                Buf.in(DATA + 0x800, 224), Buf.in(STATUS, 1));
        assertArrayEquals(new long[] {head, 1024 + 1}, q.takeUsed());
        assertEquals(S_OK, status());
        byte[] got = new byte[1024];
        System.arraycopy(d.get(DATA, 100), 0, got, 0, 100);
        System.arraycopy(d.get(DATA + 0x400, 700), 0, got, 100, 700);
        System.arraycopy(d.get(DATA + 0x800, 224), 0, got, 800, 224);
        assertArrayEquals(Arrays.copyOfRange(image, 3 * SECTOR, 5 * SECTOR), got);
        assertTrue(d.irq.level);

        VirtioDeviceState.Chain chain = d.transport.inspect().queues().get(0).chains().get(0);
        assertEquals(new DecodedRequest.Block(T_IN, "IN", 3, 1024, S_OK, "OK"), chain.request());
    }

    @Test
    void readsThroughAnIndirectTable() throws Exception {
        open(false, VirtioMmio.F_INDIRECT_DESC);
        header(T_IN, SECTORS - 1);
        long table = TestDriver.BUFFERS + 0x3000;
        long[][] entries = {{HEADER, 16, Virtqueue.F_NEXT}, {DATA, SECTOR, Virtqueue.F_NEXT | Virtqueue.F_WRITE},
            {STATUS, 1, Virtqueue.F_WRITE}};
        for (int i = 0; i < entries.length; i++) {
            d.write64(table + 16L * i, entries[i][0]);
            d.memory.put32(table + 16L * i + 8, entries[i][1]);
            d.memory.put16(table + 16L * i + 12, (int) entries[i][2]);
            d.memory.put16(table + 16L * i + 14, i + 1);
        }
        q.descriptor(0, table, 48, Virtqueue.F_INDIRECT, 0);
        q.offer(0);
        q.notifyDevice();
        assertArrayEquals(new long[] {0, SECTOR + 1}, q.takeUsed());
        assertEquals(S_OK, status());
        assertArrayEquals(Arrays.copyOfRange(image, (SECTORS - 1) * SECTOR, SECTORS * SECTOR), d.get(DATA, SECTOR));
    }

    @Test
    void readOnlyDiskRefusesWritesAndLeavesTheFileAlone() throws Exception {
        open(false, 0);
        header(T_OUT, 0);
        d.put(DATA, new byte[SECTOR]);
        q.send(Buf.out(HEADER, 16), Buf.out(DATA, SECTOR), Buf.in(STATUS, 1));
        assertArrayEquals(new long[] {0, 1}, q.takeUsed());
        assertEquals(S_IOERR, status());
        assertArrayEquals(image, Files.readAllBytes(file));
    }

    @Test
    void writableDiskWritesFlushesAndKeepsTheFile() throws Exception {
        open(true, VirtioMmio.F_VERSION_1 | F_FLUSH);
        byte[] data = new byte[2 * SECTOR];
        Arrays.fill(data, (byte) 0x5a);
        d.put(DATA, data);
        header(T_OUT, 4);
        q.send(Buf.out(HEADER, 16), Buf.out(DATA, 2 * SECTOR), Buf.in(STATUS, 1));
        assertArrayEquals(new long[] {0, 1}, q.takeUsed());
        assertEquals(S_OK, status());
        // Acknowledged means in the file, before any flush.
        byte[] onDisk = Files.readAllBytes(file);
        assertArrayEquals(data, Arrays.copyOfRange(onDisk, 4 * SECTOR, 6 * SECTOR));
        assertArrayEquals(Arrays.copyOfRange(image, 0, 4 * SECTOR), Arrays.copyOfRange(onDisk, 0, 4 * SECTOR));

        header(T_FLUSH, 0);
        q.send(Buf.out(HEADER, 16), Buf.in(STATUS, 1));
        assertArrayEquals(new long[] {3, 1}, q.takeUsed());
        assertEquals(S_OK, status());
    }

    @Test
    void getIdAnswersTheSerial() throws Exception {
        open(false, 0);
        header(T_GET_ID, 0);
        d.put(DATA, new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        q.send(Buf.out(HEADER, 16), Buf.in(DATA, ID_BYTES), Buf.in(STATUS, 1));
        assertArrayEquals(new long[] {0, ID_BYTES + 1}, q.takeUsed());
        assertEquals(S_OK, status());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("bootlab-vda".getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[ID_BYTES - 11]);
        assertArrayEquals(expected.toByteArray(), d.get(DATA, ID_BYTES));
        assertEquals(1, d.memory.u8(DATA + ID_BYTES), "nothing past the buffer");
    }

    @Test
    void badRequestsFailWithTheirStatus() throws Exception {
        open(true, 0);
        header(T_IN, SECTORS - 1);
        q.send(Buf.out(HEADER, 16), Buf.in(DATA, 2 * SECTOR), Buf.in(STATUS, 1));
        assertEquals(S_IOERR, status(), "past the end of the disk");
        header(T_IN, -1);
        q.send(Buf.out(HEADER, 16), Buf.in(DATA, SECTOR), Buf.in(STATUS, 1));
        assertEquals(S_IOERR, status(), "a sector number that overflows");
        header(T_IN, 0);
        q.send(Buf.out(HEADER, 16), Buf.in(DATA, 100), Buf.in(STATUS, 1));
        assertEquals(S_IOERR, status(), "not whole sectors");
        header(11, 0);
        q.send(Buf.out(HEADER, 16), Buf.in(STATUS, 1));
        assertEquals(S_UNSUPP, status(), "DISCARD is not offered");
        header(T_IN, 0);
        q.send(Buf.out(HEADER, 8), Buf.in(STATUS, 1));
        assertEquals(S_IOERR, status(), "a header too short");
        assertFalse(d.needsReset());
        assertArrayEquals(image, Files.readAllBytes(file));
    }

    @Test
    void readIntoDeviceReadableBuffersIsRefused() throws Exception {
        open(false, 0);
        header(T_IN, 0);
        byte[] untouched = new byte[SECTOR];
        Arrays.fill(untouched, (byte) 0x77);
        d.put(DATA, untouched);
        // The data descriptor lacks VIRTQ_DESC_F_WRITE: the device must not write it.
        int head = q.send(Buf.out(HEADER, 16), Buf.out(DATA, SECTOR), Buf.in(STATUS, 1));
        assertArrayEquals(new long[] {head, 1}, q.takeUsed());
        assertEquals(S_IOERR, status());
        assertArrayEquals(untouched, d.get(DATA, SECTOR));
    }

    @Test
    void aRequestWithNoWritableStatusGetsNothingWritten() throws Exception {
        open(false, 0);
        header(T_IN, 0);
        int head = q.send(Buf.out(HEADER, 16), Buf.out(STATUS, 1));
        assertArrayEquals(new long[] {head, 0}, q.takeUsed());
        assertEquals(0xff, status());
        assertFalse(d.needsReset());
    }

    @Test
    void dataOutsideRamFailsTheRequest() throws Exception {
        open(false, 0);
        header(T_IN, 0);
        q.send(Buf.out(HEADER, 16), Buf.in(0x2000_0000L, SECTOR), Buf.in(STATUS, 1));
        assertArrayEquals(new long[] {0, 1}, q.takeUsed());
        assertEquals(S_IOERR, status());
    }

    @Test
    void aHugeLengthDoesNotExhaustTheHost() throws Exception {
        open(false, 0);
        header(T_IN, 0);
        q.send(Buf.out(HEADER, 16), Buf.in(DATA, 0xffff_fe00L), Buf.in(STATUS, 1));
        assertEquals(S_IOERR, status(), "outside RAM and past the disk");
    }
}
