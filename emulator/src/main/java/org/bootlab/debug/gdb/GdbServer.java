package org.bootlab.debug.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bootlab.debug.Debugger;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * A GDB remote-protocol server for a {@link Debugger}'s machine, as QEMU's {@code -s} is for
 * its VM: {@code target remote :PORT} in gdb-multiarch ({@code set architecture riscv:rv64})
 * attaches. One client at a time: a second connection is told that one is attached and closed
 * (it waits up to {@link #HANDOVER_MILLIS} first, so a client can reconnect right after a
 * disconnect). A client that detaches or goes away leaves the machine paused.
 *
 * <p>Supported: qSupported (PacketSize, qXfer:features:read, swbreak, hwbreak, ReverseStep,
 * ReverseContinue, QStartNoAckMode), target.xml (org.gnu.gdb.riscv.cpu, .fpu, .csr, .virtual),
 * g/G, p/P, m/M/X, c/C/s/S, vCont and vCont?, Z0–Z4/z0–z4, ?, Ctrl-C, bs/bc, qRcmd (see
 * {@link MonitorCommands}), D, k/vKill, qAttached, qC, qfThreadInfo/qsThreadInfo, H, T,
 * vMustReplyEmpty. Everything else gets the empty reply.
 */
public final class GdbServer implements AutoCloseable {

    /** How long a new connection waits for the attached client's session to wind up. */
    static final long HANDOVER_MILLIS = 1000;

    private final Debugger debugger;
    private final MonitorCommands.Guest guest;
    private final PrintStream log;
    private final Runnable onKill;
    private final Registers registers;
    private final ServerSocket server;
    private final Thread acceptor;
    private GdbSession active;
    private volatile boolean closed;

    /**
     * Listens on {@code address} (port 0: an ephemeral one, see {@link #port}) and serves
     * clients from a thread of its own.
     *
     * @param symbols  the guest's symbols, for naming where the machine stopped (may be null)
     * @param sysinits its SYSINIT table for the monitor commands (may be empty)
     * @param log      where connections and refusals are noted
     * @param onKill   what gdb's kill does once the client is gone (the CLI ends the VM)
     */
    public GdbServer(Debugger debugger, SymbolTable symbols, List<SysinitEntry> sysinits, InetSocketAddress address,
                     PrintStream log, Runnable onKill) throws IOException {
        this.debugger = debugger;
        this.guest = new MonitorCommands.Guest(symbols, sysinits);
        this.log = log;
        this.onKill = onKill;
        this.registers = probeRegisters(debugger);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 1);
        acceptor = new Thread(this::acceptLoop, "bootlab-gdb-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The registers gdb sees of the debugger's hart: the CSRs it implements among them. */
    static Registers probeRegisters(Debugger debugger) throws IOException {
        try {
            return debugger.call(rc -> new Registers(csr -> rc.machine().hart().peekCsr(csr) != null))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the hart's CSRs");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the hart's CSRs: " + e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!closed) {
                    log.println("bootlab: gdb server: " + e.getMessage());
                }
                return;
            }
            if (!handOver()) {
                refuse(socket);
                continue;
            }
            try {
                GdbSession session = new GdbSession(socket.getInputStream(), socket.getOutputStream(), socket,
                        socket.getRemoteSocketAddress().toString(), debugger, registers, guest, log, onKill);
                synchronized (this) {
                    active = session;
                }
                Thread t = new Thread(() -> {
                    try {
                        session.run();
                    } finally {
                        synchronized (this) {
                            active = null;
                            notifyAll();
                        }
                    }
                }, "bootlab-gdb-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                log.println("bootlab: gdb server: " + e.getMessage());
                closeQuietly(socket);
            }
        }
    }

    /** Waits briefly for the attached client's session to end; whether the slot is free. */
    private synchronized boolean handOver() {
        long deadline = System.currentTimeMillis() + HANDOVER_MILLIS;
        while (active != null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Answers the newcomer's first packet with an error that gdb prints ("Remote failure
     * reply: E.…") and closes, reading what it sent meanwhile so the reply is not lost to a
     * reset.
     */
    private void refuse(Socket socket) {
        log.println("bootlab: gdb server: refused " + socket.getRemoteSocketAddress()
                + ": another gdb client is attached");
        Thread t = new Thread(() -> {
            try (socket) {
                socket.setSoTimeout((int) HANDOVER_MILLIS);
                PacketChannel channel = new PacketChannel(socket.getInputStream(), socket.getOutputStream());
                channel.sendPacket("E.BootLab: another gdb client is attached to this machine; detach it first");
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                byte[] sink = new byte[512];
                while (in.read(sink) >= 0) {
                    // drained until the client closes or the timeout
                }
            } catch (IOException e) {
                // the newcomer is gone either way
            }
        }, "bootlab-gdb-refusal");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Stops listening; a client attached now gets the reply to its last command if that ended,
     * and is disconnected (the machine stays paused); its session is given a moment to wind up
     * before the debugger goes.
     */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        synchronized (this) {
            if (active != null) {
                active.shutdown();
            }
        }
        if (!handOver()) {
            synchronized (this) {
                if (active != null) {
                    active.disconnect();
                }
            }
            handOver();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
