package org.bootlab.debug.gdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bootlab.debug.Debugger;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * A gdb client's bytes, recorded or made up, played into a real {@link GdbSession} without a
 * socket, for tests outside this package (the fuzz target): the session reads them to their
 * end, as if the client then went away, and whatever the stub wrote and logged comes back.
 */
public final class ReplayedSession {

    /** What the stub wrote to the client (acknowledgements and packets) and what it logged. */
    public record Transcript(byte[] replies, String log) {
    }

    private ReplayedSession() {
    }

    /**
     * Serves {@code client} to {@code debugger}'s machine on a thread of its own, and waits for
     * the session to end.
     *
     * @throws IllegalStateException when the session is still going after {@code timeoutMillis}
     *                               (it is disconnected then)
     */
    public static Transcript play(Debugger debugger, SymbolTable symbols, List<SysinitEntry> sysinits, byte[] client,
                                  long timeoutMillis) throws IOException, InterruptedException {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        Registers registers = GdbServer.probeRegisters(debugger);
        Connection connection = new Connection(client);
        GdbSession session = new GdbSession(connection.in, connection.out, connection, "replay", debugger, registers,
                new MonitorCommands.Guest(symbols, sysinits), log, () -> { });
        Thread t = new Thread(session, "bootlab-gdb-replay");
        t.setDaemon(true);
        t.start();
        t.join(timeoutMillis);
        if (t.isAlive()) {
            IllegalStateException hang = new IllegalStateException("the session did not end within " + timeoutMillis
                    + " ms; its log:\n" + logBytes.toString(StandardCharsets.UTF_8) + "its thread, where it waits:");
            hang.setStackTrace(t.getStackTrace());
            session.disconnect();
            t.join(timeoutMillis);
            throw hang;
        }
        connection.close(); // the reader thread may still be reading ahead: its acknowledgements are not kept
        return new Transcript(connection.out.written(), logBytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * The client's side: its bytes, then the end of the stream. Closing it (as the session does
     * when it ends) ends the stream at once and drops later writes, as a closed socket would.
     */
    private static final class Connection implements Closeable {

        final ByteArrayInputStream in;
        final Replies out = new Replies();

        Connection(byte[] client) {
            in = new ByteArrayInputStream(client) {
                @Override
                public synchronized int read() {
                    return out.closed ? -1 : super.read();
                }

                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return out.closed ? -1 : super.read(b, off, len);
                }
            };
        }

        @Override
        public void close() {
            out.close();
        }
    }

    private static final class Replies extends ByteArrayOutputStream {

        volatile boolean closed;

        @Override
        public synchronized void write(int b) {
            if (!closed) {
                super.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (!closed) {
                super.write(b, off, len);
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
        }

        synchronized byte[] written() {
            return toByteArray();
        }
    }
}
