package org.bootlab.debug.gdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The remote protocol's encodings: hex numbers and byte strings, little-endian register
 * values, and the binary escapes of {@code X} packets and {@code qXfer} replies. Parsers throw
 * {@link MalformedPacketException} on anything a well-behaved gdb would not send.
 */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** A hex number of 1..16 digits (an address, a length, a register number). */
    static long number(String s) {
        if (s.isEmpty() || s.length() > 16) {
            throw new MalformedPacketException("bad hex number '" + abbreviate(s) + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                throw new MalformedPacketException("bad hex number '" + abbreviate(s) + "'");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** A hex number that must fit an int, for lengths and small counts. */
    static int smallNumber(String s, int max) {
        long v = number(s);
        if (v < 0 || v > max) {
            throw new MalformedPacketException("number 0x" + Long.toHexString(v) + " is out of range");
        }
        return (int) v;
    }

    static byte[] bytes(String s) {
        if ((s.length() & 1) != 0) {
            throw new MalformedPacketException("odd number of hex digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(s.charAt(2 * i)), lo = digit(s.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new MalformedPacketException("bad hex digit");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(DIGITS[(b >> 4) & 15]).append(DIGITS[b & 15]);
        }
        return sb.toString();
    }

    static String decodeText(String hex) {
        return new String(bytes(hex), StandardCharsets.UTF_8);
    }

    /** A register value as the target stores it: {@code size} bytes, little-endian. */
    static void appendLittleEndian(StringBuilder sb, long value, int size) {
        for (int i = 0; i < size; i++) {
            int b = (int) (value >>> (8 * i)) & 0xff;
            sb.append(DIGITS[b >> 4]).append(DIGITS[b & 15]);
        }
    }

    static long littleEndian(String hex) {
        byte[] b = bytes(hex);
        if (b.length == 0 || b.length > 8) {
            throw new MalformedPacketException("a register value of " + b.length + " bytes");
        }
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /** Undoes the binary escapes ('}' then the byte xor 0x20) of an X packet's data. */
    static byte[] unescape(byte[] data, int from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length - from);
        for (int i = from; i < data.length; i++) {
            int b = data[i] & 0xff;
            if (b == '}') {
                if (++i == data.length) {
                    throw new MalformedPacketException("binary data ends in an escape");
                }
                b = (data[i] & 0xff) ^ 0x20;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** Escapes the bytes the framing reserves ('#', '$', '}', and '*' for run lengths). */
    static byte[] escape(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
        for (byte d : data) {
            int b = d & 0xff;
            if (b == '#' || b == '$' || b == '}' || b == '*') {
                out.write('}');
                b ^= 0x20;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
