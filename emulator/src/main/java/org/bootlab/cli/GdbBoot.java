package org.bootlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;

import org.bootlab.debug.Debugger;
import org.bootlab.debug.RunControl;
import org.bootlab.debug.StopReason;
import org.bootlab.debug.gdb.GdbServer;
import org.bootlab.machine.Machine;

/**
 * {@code boot --gdb PORT}: the machine runs under the debugger with a GDB server, its console
 * still on this terminal (output as the console history records it, so that reverse execution
 * does not print anything twice; input through the run control, so that it replays). Ends when
 * the guest powers off or gdb kills the machine.
 */
final class GdbBoot {

    private final int port;
    private final String address;
    private final boolean hold;

    GdbBoot(int port, String address, boolean hold) throws InputException {
        if (port < 0 || port > 65535) {
            throw new InputException("--gdb " + port + " is not a TCP port 0..65535");
        }
        this.port = port;
        this.address = address;
        this.hold = hold;
    }

    /** 127.0.0.1 unless another address was asked for. */
    private InetAddress bindAddress() throws InputException {
        if (address == null) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new InputException("--gdb-address " + address + ": no such address");
        }
    }

    /** Serves gdb until the guest ends or gdb kills it; returns the exit status. */
    int run(Machine machine, GuestSymbols guest, InputStream in, PrintStream out, PrintStream err)
            throws InputException {
        RunControl rc = new RunControl(machine);
        rc.setSymbols(guest.symbols());
        if (!guest.sysinits().isEmpty() && guest.symbols().byName("mi_startup").isPresent()) {
            rc.setSysinits(guest.sysinits());
        }
        CompletableFuture<Integer> end = new CompletableFuture<>();
        ConsoleOutput console = new ConsoleOutput(out);
        rc.console().addListener(new org.bootlab.debug.ConsoleHistory.Listener() {
            @Override
            public void onAppend(int index, int b, long position, long virtualNanos) {
                console.onByte(b, virtualNanos);
            }

            @Override
            public void onTruncate(int newLength) {
                // what reverse execution took back was printed; the terminal keeps it
            }
        });
        Debugger debugger = new Debugger(rc);
        debugger.addListener(new Debugger.Listener() {
            @Override
            public void onStopped(Debugger.StopEvent event) {
                StopReason.Kind kind = event.reason().kind();
                if (kind == StopReason.Kind.EXITED) {
                    end.complete(BootCommand.exitStatus(machine.run(0), err)); // finished: returns at once
                } else if (kind == StopReason.Kind.HALTED) {
                    err.println("bootlab: the guest halted: it waits for an interrupt that nothing can raise;"
                            + " the machine waits for gdb");
                }
            }
        });
        InetSocketAddress at = new InetSocketAddress(bindAddress(), port);
        try (GdbServer server = new GdbServer(debugger, guest.symbols(), guest.sysinits(), at, err, () -> {
            err.println("bootlab: gdb killed the machine");
            end.complete(0);
        })) {
            String host = server.address().getAddress().getHostAddress();
            err.println("bootlab: gdb server on " + host + ":" + server.port() + ": gdb-multiarch -ex 'set architecture"
                    + " riscv:rv64' -ex 'target remote " + host + ":" + server.port() + "'"
                    + (hold ? "; the machine waits for gdb before its first instruction" : ""));
            ConsoleInput.start(in, debugger::sendInput);
            if (!hold) {
                debugger.resume();
            }
            return end.join();
        } catch (IOException e) {
            throw new InputException("--gdb " + port + ": cannot listen on " + at + ": " + e.getMessage());
        } finally {
            try {
                debugger.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            console.close();
        }
    }
}
