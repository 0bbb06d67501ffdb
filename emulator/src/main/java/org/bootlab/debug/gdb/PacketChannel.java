package org.bootlab.debug.gdb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The remote serial protocol's framing over one connection: {@code $data#cs} packets with
 * {@code +}/{@code -} acknowledgements (until no-ack mode), and the bare 0x03 byte that
 * interrupts. {@link #read} is for one reader thread; the send methods may be called from any
 * thread.
 *
 * <p>Nothing a client sends can make this throw or buffer without bound: a bad checksum is
 * NAKed ('-', the client resends), a packet longer than {@link #MAX_PACKET} is read to its end
 * and handed on marked too long, and stray bytes between packets are skipped.
 */
final class PacketChannel {

    /** The longest packet data accepted, as qSupported's PacketSize tells gdb. */
    static final int MAX_PACKET = 0x4000;

    /** What the client sent. */
    sealed interface Incoming permits Packet, Interrupt, Closed {
    }

    /** A packet with a valid checksum; {@code tooLong} when its data was cut at MAX_PACKET. */
    record Packet(byte[] data, boolean tooLong) implements Incoming {
        String text() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }
    }

    /** The 0x03 byte: stop the target. */
    record Interrupt() implements Incoming {
    }

    /** End of stream. */
    record Closed() implements Incoming {
    }

    private final InputStream in;
    private final OutputStream out;
    private volatile boolean noAck;
    private byte[] lastSent;

    PacketChannel(InputStream in, OutputStream out) {
        this.in = new BufferedInputStream(in);
        this.out = out;
    }

    /** Stops acknowledging packets (QStartNoAckMode, after its reply). */
    void disableAcks() {
        noAck = true;
    }

    /** The next packet or interrupt; acknowledges (or NAKs) packets as it reads them. */
    Incoming read() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return new Closed();
            }
            if (c == 0x03) {
                return new Interrupt();
            }
            if (c == '-' && !noAck) {
                resendLast();
            } else if (c == '$') {
                Packet p = readPacketBody();
                if (p != null) {
                    return p;
                }
            }
            // '+', and bytes outside any packet, need nothing.
        }
    }

    /** The rest of a packet after '$'; null when it was NAKed or the stream ended. */
    private Packet readPacketBody() throws IOException {
        while (true) {
            byte[] data = new byte[256];
            int length = 0;
            boolean tooLong = false;
            int sum = 0;
            int c;
            boolean restarted = false;
            while ((c = in.read()) != '#') {
                if (c < 0) {
                    return null;
                }
                if (c == '$') { // a new packet began: the old one was garbage
                    restarted = true;
                    break;
                }
                sum += c;
                if (length == MAX_PACKET) {
                    tooLong = true;
                    continue;
                }
                if (length == data.length) {
                    data = java.util.Arrays.copyOf(data, Math.min(MAX_PACKET, data.length * 2));
                }
                data[length++] = (byte) c;
            }
            if (restarted) {
                continue;
            }
            int hi = Hex.digit((char) in.read()), lo = Hex.digit((char) in.read());
            if (hi < 0 || lo < 0 || ((hi << 4) | lo) != (sum & 0xff)) {
                if (!noAck) {
                    send(new byte[] {'-'});
                }
                return null;
            }
            if (!noAck) {
                send(new byte[] {'+'});
            }
            return new Packet(java.util.Arrays.copyOf(data, length), tooLong);
        }
    }

    void sendPacket(String data) throws IOException {
        sendPacket(data.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends a packet; {@code data} must already be escaped where the packet is binary. */
    void sendPacket(byte[] data) throws IOException {
        byte[] frame = new byte[data.length + 4];
        frame[0] = '$';
        int sum = 0;
        for (int i = 0; i < data.length; i++) {
            frame[i + 1] = data[i];
            sum += data[i] & 0xff;
        }
        frame[data.length + 1] = '#';
        String cs = String.format("%02x", sum & 0xff);
        frame[data.length + 2] = (byte) cs.charAt(0);
        frame[data.length + 3] = (byte) cs.charAt(1);
        synchronized (this) {
            lastSent = frame;
        }
        send(frame);
    }

    private void resendLast() throws IOException {
        byte[] frame;
        synchronized (this) {
            frame = lastSent;
        }
        if (frame != null) {
            send(frame);
        }
    }

    private synchronized void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
