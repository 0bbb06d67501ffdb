package org.bootlab.machine.virtio;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes frames to a classic libpcap file (LINKTYPE_ETHERNET, microsecond timestamps) that
 * tshark and Wireshark open. The timestamps are the machine's virtual time since power-on, so
 * the capture starts at 1970-01-01 and the same run gives the same file. Each record is
 * flushed as it is written: the file is complete even if the emulator is killed.
 */
public final class PcapWriter implements Closeable {

    static final int MAGIC = 0xa1b2_c3d4;
    static final int LINKTYPE_ETHERNET = 1;
    static final int SNAPLEN = 65_535;

    private final Path file;
    private final OutputStream out;

    public PcapWriter(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        byte[] header = new byte[24];
        le32(header, 0, MAGIC);
        le16(header, 4, 2);
        le16(header, 6, 4);
        // thiszone and sigfigs stay 0
        le32(header, 16, SNAPLEN);
        le32(header, 20, LINKTYPE_ETHERNET);
        out.write(header);
        out.flush();
    }

    public Path file() {
        return file;
    }

    /** Appends one frame seen at virtual time {@code nanos}. */
    public void write(long nanos, byte[] frame) throws IOException {
        int captured = Math.min(frame.length, SNAPLEN);
        byte[] record = new byte[16];
        le32(record, 0, (int) (nanos / 1_000_000_000L));
        le32(record, 4, (int) (nanos / 1_000L % 1_000_000L));
        le32(record, 8, captured);
        le32(record, 12, frame.length);
        out.write(record);
        out.write(frame, 0, captured);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void le16(byte[] b, int offset, int v) {
        b[offset] = (byte) v;
        b[offset + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] b, int offset, int v) {
        le16(b, offset, v);
        le16(b, offset + 2, v >>> 16);
    }
}
