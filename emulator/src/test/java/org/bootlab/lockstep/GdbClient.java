package org.bootlab.lockstep;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The client end of the GDB remote serial protocol, as much of it as lockstep needs: one packet
 * out, one packet back, with acknowledgements (QEMU 7.2 does not offer no-ack mode). Nagle is
 * off: every exchange is a small request waiting for a small answer, and delayed ACKs would
 * otherwise cost 40 ms each.
 */
final class GdbClient implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    GdbClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = socket.getOutputStream();
    }

    /** Sends a command and returns the answer's payload (for s and c: the stop reply). */
    String exchange(String command) throws IOException {
        send(command);
        return receive();
    }

    void send(String command) throws IOException {
        byte[] body = command.getBytes(StandardCharsets.ISO_8859_1);
        int sum = 0;
        for (byte b : body) {
            sum += b & 0xff;
        }
        byte[] packet = new byte[body.length + 4];
        packet[0] = '$';
        System.arraycopy(body, 0, packet, 1, body.length);
        packet[body.length + 1] = '#';
        packet[body.length + 2] = (byte) Character.forDigit((sum >> 4) & 0xf, 16);
        packet[body.length + 3] = (byte) Character.forDigit(sum & 0xf, 16);
        out.write(packet);
        out.flush();
    }

    /** The next packet's payload, skipping acks; acknowledges it. Null if the stub hung up. */
    String receive() throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                return null;
            }
        } while (c != '$');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                return null;
            }
            if (c == '}') { // escaped byte
                body.write(in.read() ^ 0x20);
            } else {
                body.write(c);
            }
        }
        in.read();
        in.read();
        out.write('+');
        out.flush();
        return body.toString(StandardCharsets.ISO_8859_1);
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Asks a running target to stop (the protocol's out-of-band ^C); it answers with a stop reply. */
    void interrupt() throws IOException {
        out.write(3);
        out.flush();
    }

    /** A 64-bit register value from its target-byte-order (little-endian) hex. */
    static long littleEndian(String hex, int offset) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | Integer.parseInt(hex.substring(offset + 2 * i, offset + 2 * i + 2), 16);
        }
        return v;
    }

    static String littleEndianHex(long v) {
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i < 8; i++) {
            sb.append(String.format("%02x", (v >>> (8 * i)) & 0xff));
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
