package org.bootlab.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the native format's encodings: LEB128 varints, zigzag, strings. */
final class ChunkBuffer {

    private byte[] bytes = new byte[1 << 12];
    private int size;

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void reset() {
        size = 0;
    }

    void u8(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, size * 2);
        }
        bytes[size++] = (byte) b;
    }

    /** An unsigned LEB128 varint of all 64 bits. */
    void varint(long v) {
        while ((v & ~0x7fL) != 0) {
            u8((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        u8((int) v);
    }

    /** A signed value as a zigzag varint: small magnitudes take few bytes. */
    void zigzag(long v) {
        varint((v << 1) ^ (v >> 63));
    }

    void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        for (byte x : b) {
            u8(x);
        }
    }
}
