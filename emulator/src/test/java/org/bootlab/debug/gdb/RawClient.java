package org.bootlab.debug.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare remote-protocol client for tests: raw bytes out, packets in (acks skipped). */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The acknowledgement characters seen since the last call to {@link #acks}. */
    private final StringBuilder acks = new StringBuilder();
    boolean ackMode = true;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(20_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void raw(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static String frame(String data) {
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        return "$" + data + "#" + String.format("%02x", sum & 0xff);
    }

    void send(String data) throws IOException {
        raw(frame(data));
    }

    /** Sends a packet and returns the reply. */
    String ask(String data) throws IOException {
        send(data);
        return read();
    }

    /** The next packet's data (checksum verified); null at end of stream. */
    String read() throws IOException {
        int c;
        while ((c = in.read()) != '$') {
            if (c < 0) {
                return null;
            }
            acks.append((char) c);
        }
        StringBuilder data = new StringBuilder();
        int sum = 0;
        while ((c = in.read()) != '#') {
            if (c < 0) {
                return null;
            }
            data.append((char) c);
            sum += c;
        }
        String cs = "" + (char) in.read() + (char) in.read();
        if (Integer.parseInt(cs, 16) != (sum & 0xff)) {
            throw new IOException("bad checksum from the stub: " + data);
        }
        if (ackMode) {
            raw("+");
        }
        return data.toString();
    }

    /** Reads until a packet that is not console output (O...), returning that one. */
    String readSkippingOutput() throws IOException {
        String p;
        do {
            p = read();
        } while (p != null && p.startsWith("O") && !p.equals("OK"));
        return p;
    }

    /** Reads one acknowledgement character, skipping nothing else. */
    int readAck() throws IOException {
        return in.read();
    }

    String acks() {
        String a = acks.toString();
        acks.setLength(0);
        return a;
    }

    /** Whether the stub closed the connection (reads to its end). */
    boolean closedByPeer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
