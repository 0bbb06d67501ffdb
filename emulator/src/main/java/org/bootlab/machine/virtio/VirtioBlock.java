package org.bootlab.machine.virtio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * virtio-blk (virtio 1.2 §5.2) backed by a host image file: one request queue; IN, OUT, FLUSH
 * and GET_ID. A read-only disk opens its file read-only, offers VIRTIO_BLK_F_RO and answers
 * writes with VIRTIO_BLK_S_IOERR. A writable disk writes through to the file before it
 * acknowledges a request, forces the file to the storage device on FLUSH, after every write
 * when the driver did not negotiate VIRTIO_BLK_F_FLUSH (it then expects write-through), and on
 * {@link #flush()}, which the machine calls when the guest powers off.
 *
 * <p>Snapshots hold the device's registers and queue indexes only: the host file is outside
 * the machine, and restoring a snapshot does not undo what the guest wrote to it.
 */
public final class VirtioBlock extends VirtioDevice {

    public static final int DEVICE_ID = 2;
    public static final int SECTOR = 512;

    public static final long F_SEG_MAX = 1L << 2;
    public static final long F_RO = 1L << 5;
    public static final long F_BLK_SIZE = 1L << 6;
    public static final long F_FLUSH = 1L << 9;

    public static final int T_IN = 0;
    public static final int T_OUT = 1;
    public static final int T_FLUSH = 4;
    public static final int T_GET_ID = 8;

    public static final int S_OK = 0;
    public static final int S_IOERR = 1;
    public static final int S_UNSUPP = 2;

    /** GET_ID's answer is up to this many bytes, NUL-padded. */
    public static final int ID_BYTES = 20;
    private static final int HEADER = 16;
    private static final int CONFIG_SIZE = 36;
    /** Disk transfers go through a buffer of this size, whatever the request's length. */
    private static final int CHUNK = 64 * 1024;

    private final boolean writable;
    private final byte[] serial;
    private final RandomAccessFile image;
    private final long capacity;
    private final byte[] config = new byte[CONFIG_SIZE];

    /**
     * Opens the image: read-only unless {@code writable}. Its size in whole 512-byte sectors is
     * the capacity; a partial last sector is not visible to the guest.
     *
     * @param serial what GET_ID returns (at most 20 bytes are used)
     */
    public VirtioBlock(Path file, boolean writable, String serial) throws IOException {
        this.writable = writable;
        this.serial = serial.getBytes(StandardCharsets.US_ASCII);
        this.image = new RandomAccessFile(file.toFile(), writable ? "rw" : "r");
        this.capacity = image.length() / SECTOR;
        putLe(config, 0, 8, capacity);
        putLe(config, 12, 4, VirtioMmio.QUEUE_MAX - 2); // seg_max: the chain minus header and status
        putLe(config, 20, 4, SECTOR);
    }

    @Override
    public int deviceId() {
        return DEVICE_ID;
    }

    @Override
    public String name() {
        return "virtio-blk";
    }

    @Override
    long deviceFeatures() {
        return F_SEG_MAX | F_BLK_SIZE | F_FLUSH | (writable ? 0 : F_RO);
    }

    @Override
    String featureName(int bit) {
        return switch (bit) {
            case 1 -> "VIRTIO_BLK_F_SIZE_MAX";
            case 2 -> "VIRTIO_BLK_F_SEG_MAX";
            case 4 -> "VIRTIO_BLK_F_GEOMETRY";
            case 5 -> "VIRTIO_BLK_F_RO";
            case 6 -> "VIRTIO_BLK_F_BLK_SIZE";
            case 9 -> "VIRTIO_BLK_F_FLUSH";
            case 10 -> "VIRTIO_BLK_F_TOPOLOGY";
            case 11 -> "VIRTIO_BLK_F_CONFIG_WCE";
            case 12 -> "VIRTIO_BLK_F_MQ";
            case 13 -> "VIRTIO_BLK_F_DISCARD";
            case 14 -> "VIRTIO_BLK_F_WRITE_ZEROES";
            default -> null;
        };
    }

    @Override
    List<String> queueNames() {
        return List.of("requestq");
    }

    @Override
    byte[] configSpace() {
        return config;
    }

    @Override
    List<VirtioDeviceState.ConfigField> decodeConfig() {
        return List.of(
                field(config, "capacity", 0, 8, capacity + " sectors (" + capacity * SECTOR + " bytes)"),
                field(config, "seg_max", 12, 4, null),
                field(config, "blk_size", 20, 4, null));
    }

    @Override
    void queueNotified(int queue) {
        transport.serve(queue, () -> true, this::execute);
    }

    @Override
    void resetDevice() {
    }

    /** One request: header, data, status byte (§5.2.6). */
    private VirtioMmio.Completion execute(DescriptorChain chain) {
        GuestMemory memory = transport.memory();
        if (!chain.allInRam() || chain.readableLength() < HEADER || chain.writableLength() < 1) {
            return fail(chain, "malformed request: " + describeShape(chain));
        }
        byte[] header = chain.readReadable(memory, HEADER);
        int type = (int) le(header, 0, 4);
        long sector = le(header, 8, 8);
        long readData = chain.readableLength() - HEADER;
        long writeData = chain.writableLength() - 1;
        String what = typeName(type);
        int status;
        long written = 1;
        switch (type) {
            case T_IN -> {
                status = readData != 0 ? S_IOERR : transfer(chain, sector, writeData, false);
                if (status == S_OK) {
                    written += writeData;
                }
                what += " sector " + sector + ", " + writeData + " bytes";
            }
            case T_OUT -> {
                status = writeData != 0 || !writable ? S_IOERR : transfer(chain, sector, readData, true);
                what += " sector " + sector + ", " + readData + " bytes";
            }
            case T_FLUSH -> status = force() ? S_OK : S_IOERR;
            case T_GET_ID -> {
                byte[] id = new byte[(int) Math.min(ID_BYTES, writeData)];
                System.arraycopy(serial, 0, id, 0, Math.min(serial.length, id.length));
                chain.writeWritable(memory, 0, id, 0, id.length);
                written += id.length;
                status = S_OK;
            }
            default -> status = S_UNSUPP;
        }
        chain.writeWritable(memory, chain.writableLength() - 1, new byte[] {(byte) status}, 0, 1);
        return new VirtioMmio.Completion(written, what + ": " + statusName(status));
    }

    /** Answers IOERR if there is a status byte in RAM to put it in, else uses nothing. */
    private VirtioMmio.Completion fail(DescriptorChain chain, String why) {
        List<DescriptorChain.Segment> out = chain.segments().stream().filter(DescriptorChain.Segment::writable).toList();
        DescriptorChain.Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.inRam() && last.length() > 0) {
            transport.memory().put8(last.addr() + last.length() - 1, S_IOERR);
            return new VirtioMmio.Completion(1, why + ": IOERR");
        }
        return new VirtioMmio.Completion(0, why + ": no status byte to answer in");
    }

    private static String describeShape(DescriptorChain chain) {
        return chain.allInRam()
                ? chain.readableLength() + " readable and " + chain.writableLength() + " writable bytes"
                : "a buffer lies outside RAM";
    }

    /** Moves {@code length} bytes between the disk at {@code sector} and the chain's data buffers. */
    private int transfer(DescriptorChain chain, long sector, long length, boolean toDisk) {
        if (length % SECTOR != 0 || sector < 0 || sector > capacity || length / SECTOR > capacity - sector) {
            return S_IOERR;
        }
        GuestMemory memory = transport.memory();
        byte[] buffer = new byte[(int) Math.min(CHUNK, length)];
        try {
            for (long done = 0; done < length; done += buffer.length) {
                int n = (int) Math.min(buffer.length, length - done);
                image.seek(sector * SECTOR + done);
                if (toDisk) {
                    chain.readReadable(memory, HEADER + done, buffer, 0, n);
                    image.write(buffer, 0, n);
                } else {
                    image.readFully(buffer, 0, n);
                    chain.writeWritable(memory, done, buffer, 0, n);
                }
            }
            if (toDisk && !transport.negotiated(F_FLUSH)) {
                image.getChannel().force(false);
            }
            return S_OK;
        } catch (IOException e) {
            return S_IOERR;
        }
    }

    private boolean force() {
        try {
            flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    void flush() throws IOException {
        if (writable) {
            image.getChannel().force(false);
        }
    }

    @Override
    void close() throws IOException {
        flush();
        image.close();
    }

    @Override
    DecodedRequest decode(int queue, DescriptorChain chain, long usedLength) {
        if (chain.readableLength() < HEADER || chain.writableLength() < 1) {
            return null;
        }
        GuestMemory memory = transport.memory();
        byte[] header = chain.readReadable(memory, HEADER);
        int type = (int) le(header, 0, 4);
        long data = type == T_OUT ? chain.readableLength() - HEADER : chain.writableLength() - 1;
        int status = -1;
        if (usedLength >= 1) {
            DescriptorChain.Segment last = null;
            for (DescriptorChain.Segment s : chain.segments()) {
                if (s.writable() && s.length() > 0) {
                    last = s;
                }
            }
            status = last == null ? -1 : memory.u8(last.addr() + last.length() - 1);
        }
        return new DecodedRequest.Block(type, typeName(type), le(header, 8, 8), data, status,
                status < 0 ? "pending" : statusName(status));
    }

    static String typeName(int type) {
        return switch (type) {
            case T_IN -> "IN";
            case T_OUT -> "OUT";
            case T_FLUSH -> "FLUSH";
            case T_GET_ID -> "GET_ID";
            case 10 -> "GET_LIFETIME";
            case 11 -> "DISCARD";
            case 13 -> "WRITE_ZEROES";
            case 14 -> "SECURE_ERASE";
            default -> "type " + type;
        };
    }

    static String statusName(int status) {
        return switch (status) {
            case S_OK -> "OK";
            case S_IOERR -> "IOERR";
            case S_UNSUPP -> "UNSUPP";
            default -> "status " + status;
        };
    }

    private static long le(byte[] b, int offset, int size) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = v << 8 | (b[offset + k] & 0xff);
        }
        return v;
    }

    /** The block device has no state beyond the transport's. */
    @Override
    void saveDeviceState(DataOutput out) {
    }

    @Override
    void restoreDeviceState(DataInput in) {
    }
}
