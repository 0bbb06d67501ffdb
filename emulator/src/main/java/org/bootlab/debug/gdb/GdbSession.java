package org.bootlab.debug.gdb;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.bootlab.cpu.Hart;
import org.bootlab.debug.Debugger;
import org.bootlab.debug.Debugger.StopEvent;
import org.bootlab.debug.RegisterCondition;
import org.bootlab.debug.RunControl;
import org.bootlab.debug.StopReason;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.RunResult;

/**
 * One gdb client, from attach to detach, kill or disconnect (all-stop mode, one thread). A
 * reader thread takes packets off the connection; this session's thread answers them, touching
 * the machine only through the {@link Debugger}: execution commands run asynchronously (their
 * stop comes back as an event, so a Ctrl-C can still get through), everything else is a call on
 * the emulator thread that this thread waits for. Nothing here runs on the emulator thread
 * except those calls and a queue insertion when a command stops, so a slow or stuck client
 * never holds the machine up.
 */
final class GdbSession implements Runnable {

    private static final long CALL_TIMEOUT_SECONDS = 30;
    private static final long PAUSE_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_READ = PacketChannel.MAX_PACKET / 2;
    private static final String THREAD = "thread:1;";
    /**
     * Packets read but not answered yet, at most (gdb waits for each reply, so it never has
     * more than one): beyond it a client flooding a busy session has its packets dropped.
     */
    private static final long MAX_QUEUED_BYTES = 4 << 20;

    /** The server shuts down: tell the client how its last command ended, then go. */
    private record Shutdown() {
    }

    /** An execution command of this session finished (or failed). */
    private record Stopped(CompletableFuture<StopEvent> command, StopEvent event, Throwable error) {
    }

    /** Where a command made of several run-control commands stands (see {@link #stopped}). */
    private enum Phase { NONE, WATCH_BACK, PROBE_BACK, PROBE_FORWARD }

    private final Closeable connection;
    private final PacketChannel channel;
    private final Debugger debugger;
    private final Registers registers;
    private final MonitorCommands monitor;
    private final PrintStream log;
    private final Runnable onKill;
    private final String client;
    private final DebugPoints points = new DebugPoints();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    /** The client closed the connection: nothing more runs than it takes to answer what it sent. */
    private volatile boolean clientGone;
    private final AtomicLong queuedBytes = new AtomicLong();
    private boolean floodNoted;
    private CompletableFuture<StopEvent> outstanding;
    private Phase phase = Phase.NONE;
    /** A forward watchpoint hit being turned into a stop before the access. */
    private StopReason watchHit;
    private String lastStop = "T05" + THREAD;
    private boolean swbreak, hwbreak;
    private boolean ended, killed;

    /**
     * @param in         what the client sends (a socket's, for {@link GdbServer})
     * @param out        where its replies go
     * @param connection closes both: the session ends by closing it, and closing it from
     *                   elsewhere ({@link #disconnect}) ends the session
     * @param client     names the client in the log
     */
    GdbSession(InputStream in, OutputStream out, Closeable connection, String client, Debugger debugger,
               Registers registers, MonitorCommands.Guest guest, PrintStream log, Runnable onKill) {
        this.connection = connection;
        this.channel = new PacketChannel(in, out);
        this.debugger = debugger;
        this.registers = registers;
        this.monitor = new MonitorCommands(this, guest);
        this.log = log;
        this.onKill = onKill;
        this.client = client;
    }

    @Override
    public void run() {
        try {
            attach();
            Thread reader = new Thread(this::readLoop, "bootlab-gdb-reader");
            reader.setDaemon(true);
            reader.start();
            serve();
        } catch (IOException | TargetException e) {
            log.println("bootlab: gdb client " + client + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leave();
        }
        if (killed) {
            onKill.run();
        }
    }

    /** gdb expects a stopped target: pause whatever runs, e.g. the boot gdb attaches to. */
    private void attach() {
        boolean wasRunning = pauseUntilIdle();
        if (wasRunning) {
            lastStop = "T02" + THREAD;
        }
        if (call(rc -> rc.machine().isFinished())) {
            lastStop = exitReply();
        }
        log.println("bootlab: gdb client " + client + " attached; the machine is paused");
    }

    /** Pauses the debugger's command under way, if any, and waits for it; whether one ran. */
    private boolean pauseUntilIdle() {
        boolean any = false;
        long deadline = System.currentTimeMillis() + PAUSE_TIMEOUT_MILLIS;
        while (debugger.isRunning() && System.currentTimeMillis() < deadline) {
            any = true;
            debugger.pause();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return any;
    }

    private void readLoop() {
        PacketChannel.Incoming in;
        do {
            try {
                in = channel.read();
            } catch (IOException e) {
                in = new PacketChannel.Closed();
            }
            if (in instanceof PacketChannel.Interrupt) {
                interruptRequested.set(true);
                debugger.pause();
            } else if (in instanceof PacketChannel.Closed) {
                // Stops what runs now and whatever the packets still queued start: a monitor
                // command waits for its stop, not for packets, and the machine is left paused.
                clientGone = true;
                debugger.pause();
            } else if (in instanceof PacketChannel.Packet p && !roomFor(p)) {
                continue; // dropped
            }
            events.add(in);
        } while (!(in instanceof PacketChannel.Closed));
    }

    /** Counts a packet into the queue if it fits there (the reader thread's side). */
    private boolean roomFor(PacketChannel.Packet p) {
        if (queuedBytes.addAndGet(queueCost(p)) <= MAX_QUEUED_BYTES) {
            return true;
        }
        queuedBytes.addAndGet(-queueCost(p));
        if (!floodNoted) {
            floodNoted = true;
            log.println("bootlab: gdb client " + client + " sends packets faster than it reads the replies;"
                    + " dropping what does not fit in " + (MAX_QUEUED_BYTES >> 20) + " MiB");
        }
        return false;
    }

    /** What a queued packet is counted as: its data and about what holding it costs. */
    private static long queueCost(PacketChannel.Packet p) {
        return p.data().length + 64;
    }

    private void serve() throws IOException, InterruptedException {
        while (!ended) {
            Object e = events.poll(50, TimeUnit.MILLISECONDS);
            repauseIfInterrupted(outstanding);
            if (e == null) {
                continue;
            }
            if (e instanceof PacketChannel.Closed) {
                log.println("bootlab: gdb client " + client + " disconnected; the machine stays paused");
                return;
            }
            if (e instanceof Shutdown) {
                replyToLastCommand();
                return;
            }
            if (e instanceof PacketChannel.Interrupt) {
                if (outstanding == null) {
                    interruptRequested.set(false); // nothing to stop
                }
            } else if (e instanceof Stopped s) {
                if (s.command() == outstanding) {
                    outstanding = null;
                    String reply = stopped(s.event(), s.error());
                    if (reply != null) {
                        interruptRequested.set(false);
                        channel.sendPacket(reply);
                    }
                }
            } else if (e instanceof PacketChannel.Packet p) {
                queuedBytes.addAndGet(-queueCost(p));
                answer(p);
            }
        }
    }

    /**
     * A pause reaches the run control only while a command executes; one that came between
     * the command's submission and its start is repeated until the command stops.
     */
    private void repauseIfInterrupted(CompletableFuture<StopEvent> command) {
        if (command != null && !command.isDone() && (interruptRequested.get() || clientGone)) {
            debugger.pause();
        }
    }

    /** Asks the session to end (the server shuts down, e.g. because the guest powered off). */
    void shutdown() {
        events.add(new Shutdown());
    }

    /**
     * The guest powering off ends the command under way and the server at about the same time:
     * gdb still gets its stop reply (W), when the command ends within a moment.
     */
    private void replyToLastCommand() throws IOException {
        if (outstanding == null || phase != Phase.NONE) {
            return;
        }
        try {
            StopEvent event = outstanding.get(1, TimeUnit.SECONDS);
            outstanding = null;
            String reply = stopped(event, null);
            if (reply != null) { // else one more command began: leave() stops it
                channel.sendPacket(reply);
            }
        } catch (ExecutionException | TimeoutException e) {
            // no reply then; leave() pauses the machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the connection from our side; the session then ends. */
    void disconnect() {
        try {
            connection.close();
        } catch (IOException e) {
            // closed anyway
        }
    }

    /** Makes the machine stay paused and forgets this client's breakpoints and watchpoints. */
    private void leave() {
        try {
            if (outstanding != null) {
                interruptRequested.set(true);
                awaitStop(outstanding);
                outstanding = null;
            }
            call(rc -> {
                points.clear(rc);
                return null;
            });
        } catch (TargetException e) {
            log.println("bootlab: gdb client " + client + ": " + e.getMessage());
        }
        try {
            connection.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    // ------------------------------------------------------------------ packets

    private void answer(PacketChannel.Packet p) throws IOException {
        String reply;
        try {
            reply = p.tooLong() ? "E01" : dispatch(p);
        } catch (MalformedPacketException e) {
            reply = "E01";
        } catch (TargetException e) {
            log.println("bootlab: gdb: " + e.getMessage());
            reply = "E02";
        } catch (RuntimeException e) {
            // A packet we did not foresee must not end the session (nor reach the machine).
            log.println("bootlab: gdb: cannot answer '" + Hex.abbreviate(p.text()) + "': " + e);
            reply = "E03";
        }
        if (reply != null) {
            channel.sendPacket(reply);
        }
    }

    /** The reply to a packet; null when there is none yet (execution) or none at all (kill). */
    private String dispatch(PacketChannel.Packet p) throws IOException {
        String t = p.text();
        if (t.isEmpty()) {
            return "";
        }
        char c = t.charAt(0);
        if (outstanding != null && ("cCsSbZzgGpPmMX".indexOf(c) >= 0 || t.startsWith("vCont;")
                || t.startsWith("qRcmd"))) {
            return "E.the target is running; interrupt it first";
        }
        return switch (c) {
            case '?' -> lastStop;
            case 'g' -> call(registers::readG);
            case 'G' -> written(call(rc -> registers.writeG(t.substring(1), rc)));
            case 'p' -> readRegister(t.substring(1));
            case 'P' -> writeRegister(t.substring(1));
            case 'm' -> readMemory(t.substring(1));
            case 'M' -> writeMemoryHex(t.substring(1));
            case 'X' -> writeMemoryBinary(p.data());
            case 'c', 's' -> resumeAt(t.substring(1), c == 's');
            case 'C', 'S' -> resumeAt(afterSignal(t.substring(1)), c == 'S');
            case 'Z', 'z' -> point(t);
            case 'b' -> t.equals("bs") ? execute(debugger.reverseStep())
                    : t.equals("bc") ? reverseContinue() : "";
            case 'H' -> "OK";
            case 'T' -> Hex.number(t.substring(1)) == 1 ? "OK" : "E01";
            case 'D' -> detach();
            case 'k' -> kill();
            case 'v' -> vPacket(t);
            case 'q' -> query(t);
            case 'Q' -> set(t);
            default -> "";
        };
    }

    private static String afterSignal(String args) {
        int semi = args.indexOf(';');
        return semi < 0 ? "" : args.substring(semi + 1);
    }

    private String resumeAt(String address, boolean step) {
        if (!address.isEmpty()) {
            long pc = Hex.number(address);
            call(rc -> {
                rc.writeRegister(RegisterCondition.PC, pc);
                return null;
            });
        }
        return execute(step ? debugger.step() : debugger.resume());
    }

    /** Starts waiting for an execution command's stop; the stop reply comes as an event. */
    private String execute(CompletableFuture<StopEvent> command) {
        outstanding = command;
        command.whenComplete((event, error) -> events.add(new Stopped(command, event, error)));
        return null;
    }

    private String detach() {
        call(rc -> {
            points.clear(rc);
            return null;
        });
        ended = true;
        log.println("bootlab: gdb client " + client + " detached; the machine stays paused");
        return "OK";
    }

    private String kill() {
        ended = true;
        killed = true;
        log.println("bootlab: gdb client " + client + " killed the machine");
        return null;
    }

    private String vPacket(String t) {
        if (t.equals("vCont?")) {
            return "vCont;c;C;s;S";
        }
        if (t.startsWith("vCont;")) {
            return vCont(t.substring(6));
        }
        if (t.startsWith("vKill")) {
            kill();
            return "OK";
        }
        return ""; // vMustReplyEmpty and everything unknown
    }

    /** The first action that applies to our one thread decides (gdb lists specific ones first). */
    private String vCont(String actions) {
        for (String action : actions.split(";")) {
            int colon = action.indexOf(':');
            String thread = colon < 0 ? "" : action.substring(colon + 1);
            if (!thread.isEmpty() && !appliesToUs(thread)) {
                continue;
            }
            String verb = colon < 0 ? action : action.substring(0, colon);
            if (verb.isEmpty()) {
                break;
            }
            switch (verb.charAt(0)) {
                case 'c', 'C' -> {
                    return execute(debugger.resume());
                }
                case 's', 'S' -> {
                    return execute(debugger.step());
                }
                default -> {
                    return "E01";
                }
            }
        }
        throw new MalformedPacketException("vCont without an action for thread 1");
    }

    private static boolean appliesToUs(String thread) {
        String tid = thread.startsWith("p") ? thread.substring(thread.indexOf('.') + 1) : thread;
        return tid.equals("-1") || tid.equals("0") || tid.equals("1") || tid.equals("01");
    }

    private String query(String t) {
        if (t.startsWith("qSupported")) {
            for (String feature : t.substring(Math.min(t.length(), 11)).split(";")) {
                swbreak |= feature.equals("swbreak+");
                hwbreak |= feature.equals("hwbreak+");
            }
            return "PacketSize=" + Integer.toHexString(PacketChannel.MAX_PACKET)
                    + ";qXfer:features:read+;swbreak+;hwbreak+;ReverseStep+;ReverseContinue+;QStartNoAckMode+";
        }
        if (t.startsWith("qXfer:features:read:")) {
            return features(t.substring("qXfer:features:read:".length()));
        }
        if (t.startsWith("qRcmd,")) {
            monitor.run(Hex.decodeText(t.substring(6)));
            return "OK";
        }
        return switch (t) {
            case "qAttached" -> "1";
            case "qC" -> "QC1";
            case "qfThreadInfo" -> "m1";
            case "qsThreadInfo" -> "l";
            default -> ""; // qSymbol, qOffsets, qTStatus, ...: not needed
        };
    }

    private String features(String args) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            throw new MalformedPacketException("qXfer without offset");
        }
        if (!args.substring(0, colon).equals("target.xml")) {
            return "E00";
        }
        String[] range = args.substring(colon + 1).split(",", -1);
        if (range.length != 2) {
            throw new MalformedPacketException("qXfer range");
        }
        byte[] xml = registers.targetXml().getBytes(StandardCharsets.UTF_8);
        long offset = Hex.number(range[0]);
        int length = Math.min(Hex.smallNumber(range[1], Integer.MAX_VALUE), MAX_READ);
        if (Long.compareUnsigned(offset, xml.length) >= 0) { // 2^63 and more are past the end too
            return "l";
        }
        int end = (int) Math.min(xml.length, offset + length);
        byte[] chunk = Arrays.copyOfRange(xml, (int) offset, end);
        return (end == xml.length ? "l" : "m")
                + new String(Hex.escape(chunk), StandardCharsets.ISO_8859_1);
    }

    private String set(String t) {
        if (t.equals("QStartNoAckMode")) {
            try {
                channel.sendPacket("OK");
            } catch (IOException e) {
                return null;
            }
            channel.disableAcks();
            return null;
        }
        return "";
    }

    // ------------------------------------------------------------------ registers and memory

    private String readRegister(String number) {
        Registers.Register r = registers.get(Hex.number(number));
        return r == null ? "E00" : call(rc -> registers.read(r, rc));
    }

    private String writeRegister(String args) {
        int eq = args.indexOf('=');
        if (eq < 0) {
            throw new MalformedPacketException("P without '='");
        }
        Registers.Register r = registers.get(Hex.number(args.substring(0, eq)));
        if (r == null) {
            return "E00";
        }
        String hex = args.substring(eq + 1);
        if (hex.length() != 2 * r.size()) {
            throw new MalformedPacketException("a value of the wrong size for " + r.name());
        }
        long value = Hex.littleEndian(hex);
        return written(call(rc -> registers.write(r, value, rc)));
    }

    private String written(String refusal) {
        if (refusal != null) {
            log.println("bootlab: gdb: " + refusal);
            return "E01";
        }
        return "OK";
    }

    /** Reads as much as is mapped from the start (gdb accepts a short read), or fails. */
    private String readMemory(String args) {
        long[] al = addressAndLength(args);
        int length = (int) Math.min(al[1], MAX_READ);
        int[] bytes = call(rc -> rc.readVirtual(al[0], length));
        StringBuilder sb = new StringBuilder(2 * length);
        for (int b : bytes) {
            if (b < 0) {
                break;
            }
            Hex.appendLittleEndian(sb, b, 1);
        }
        return sb.length() == 0 && length > 0 ? "E14" : sb.toString();
    }

    private String writeMemoryHex(String args) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            throw new MalformedPacketException("M without ':'");
        }
        long[] al = addressAndLength(args.substring(0, colon));
        byte[] data = Hex.bytes(args.substring(colon + 1));
        if (data.length != al[1]) {
            throw new MalformedPacketException("M length and data differ");
        }
        return writeMemory(al[0], data);
    }

    private String writeMemoryBinary(byte[] packet) {
        int colon = 0;
        while (colon < packet.length && packet[colon] != ':') {
            colon++;
        }
        if (colon == packet.length) {
            throw new MalformedPacketException("X without ':'");
        }
        long[] al = addressAndLength(new String(packet, 1, colon - 1, StandardCharsets.ISO_8859_1));
        byte[] data = Hex.unescape(packet, colon + 1);
        if (data.length != al[1]) {
            throw new MalformedPacketException("X length and data differ");
        }
        return writeMemory(al[0], data);
    }

    /** Writes RAM through the current translation; all or nothing. */
    private String writeMemory(long va, byte[] data) {
        return call(rc -> {
            Hart hart = rc.machine().hart();
            long ramEnd = MemoryMap.DRAM_BASE + rc.machine().ram().size();
            long[] pa = new long[data.length];
            for (int i = 0; i < data.length; i++) {
                pa[i] = hart.translateForDebugger(va + i);
                if (pa[i] < MemoryMap.DRAM_BASE || pa[i] >= ramEnd) {
                    return "E14";
                }
            }
            for (int i = 0; i < data.length; ) {
                int j = i + 1;
                while (j < data.length && pa[j] == pa[j - 1] + 1) {
                    j++;
                }
                rc.writeMemory(pa[i], Arrays.copyOfRange(data, i, j));
                i = j;
            }
            return "OK";
        });
    }

    private static long[] addressAndLength(String args) {
        int comma = args.indexOf(',');
        if (comma < 0) {
            throw new MalformedPacketException("no ',' between address and length");
        }
        long length = Hex.number(args.substring(comma + 1));
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new MalformedPacketException("length 0x" + Long.toHexString(length) + " is too long");
        }
        return new long[] {Hex.number(args.substring(0, comma)), length};
    }

    // ------------------------------------------------------------------ breakpoints and watchpoints

    private String point(String t) {
        String[] f = t.substring(1).split(",", -1);
        if (f.length < 3) {
            throw new MalformedPacketException("Z needs type, address and kind");
        }
        int type = Hex.smallNumber(f[0], 0xff);
        long address = Hex.number(f[1]);
        String kind = f[2].contains(";") ? f[2].substring(0, f[2].indexOf(';')) : f[2]; // conditions: ignored
        long length = Hex.number(kind);
        if (type > DebugPoints.ACCESS) {
            return "";
        }
        if (type >= DebugPoints.WRITE && (length <= 0 || length > 0x1000)) {
            return "E01";
        }
        boolean insert = t.charAt(0) == 'Z';
        call(rc -> {
            if (insert) {
                points.insert(type, address, length, rc);
            } else {
                points.remove(type, address, length, rc);
            }
            return null;
        });
        return "OK";
    }

    // ------------------------------------------------------------------ stops

    /**
     * Reverse continue. gdb expects a watchpoint on the instruction just executed to count: it
     * is the first thing going back undoes. The run control's reverse continue looks before the
     * current position only, so with watchpoints set, a reverse step and a step first find out
     * whether that instruction hit one (see {@link #stopped}).
     */
    private String reverseContinue() {
        boolean watching = call(rc -> !rc.watchpoints().isEmpty());
        if (!watching) {
            return execute(debugger.reverseContinue());
        }
        phase = Phase.PROBE_BACK;
        return execute(debugger.reverseStep());
    }

    /**
     * The stop reply for an execution command's end, or null when there is another run-control
     * command to run first.
     *
     * <p>gdb treats RISC-V watchpoints as hardware triggers do, firing before the access
     * (gdbarch "nonsteppable" watchpoints): it steps over the accessing instruction itself,
     * then compares old and new values. The run control stops after the access, so a forward
     * hit is reported one instruction back, by reverse execution. Going backwards, the stop
     * after the access is what gdb expects (it then steps back over it).
     */
    private String stopped(StopEvent event, Throwable error) {
        Phase was = phase;
        phase = Phase.NONE;
        if (error != null) {
            log.println("bootlab: gdb: the command failed: " + error);
            sendConsole("BootLab: the command failed: " + rootMessage(error) + "\n");
            lastStop = "T05" + THREAD;
            return lastStop;
        }
        StopReason r = event.reason();
        boolean completed = r.kind() == StopReason.Kind.STEP; // not paused, exited or at the history's start
        switch (was) {
            case NONE -> {
                if (r.kind() == StopReason.Kind.WATCHPOINT && !r.reverse()) {
                    watchHit = r;
                    phase = Phase.WATCH_BACK;
                    return execute(debugger.reverseStep());
                }
                lastStop = stopReply(r, r.pc());
            }
            case WATCH_BACK -> lastStop = stopReply(completed ? watchHit : r, event.state().pc());
            case PROBE_BACK -> {
                if (!completed) {
                    lastStop = stopReply(r, r.pc());
                } else {
                    phase = Phase.PROBE_FORWARD;
                    return execute(debugger.step());
                }
            }
            case PROBE_FORWARD -> {
                if (r.kind() == StopReason.Kind.WATCHPOINT) {
                    lastStop = stopReply(r, r.pc());
                } else if (completed) {
                    return execute(debugger.reverseContinue());
                } else {
                    lastStop = stopReply(r, r.pc());
                }
            }
        }
        return lastStop;
    }

    private String stopReply(StopReason r, long pc) {
        if (r.kind() == StopReason.Kind.EXITED) {
            return exitReply();
        }
        StringBuilder sb = new StringBuilder(r.kind() == StopReason.Kind.PAUSED ? "T02" : "T05");
        sb.append("20:");
        Hex.appendLittleEndian(sb, pc, 8);
        sb.append(';').append(THREAD);
        switch (r.kind()) {
            case BREAKPOINT -> {
                int type = points.typeOf(r.id());
                if (type == DebugPoints.SOFTWARE && swbreak) {
                    sb.append("swbreak:;");
                } else if (type == DebugPoints.HARDWARE && hwbreak) {
                    sb.append("hwbreak:;");
                }
            }
            case WATCHPOINT -> {
                int type = points.typeOf(r.id());
                String name = type == DebugPoints.READ ? "rwatch" : type == DebugPoints.ACCESS ? "awatch" : "watch";
                // gdb matches the address against its watched range: an access may start below it.
                long address = Math.max(r.address(), points.watchStart(r.id()));
                sb.append(name).append(':').append(Long.toHexString(address)).append(';');
            }
            case HISTORY_START -> sb.append("replaylog:begin;");
            default -> {
            }
        }
        return sb.toString();
    }

    /** W with the guest's exit code: 0 for a power-off or reset, the code of a failure. */
    private String exitReply() {
        RunResult result = call(rc -> rc.machine().run(0));
        int code = result.status() == ExitStatus.FAILED ? result.code() & 0xff : 0;
        return String.format("W%02x", code);
    }

    // ------------------------------------------------------------------ for the monitor

    /** Runs an execution command to its stop, interruptible by Ctrl-C; updates '?'. */
    StopEvent runToStop(CompletableFuture<StopEvent> command) {
        StopEvent event = awaitStop(command);
        lastStop = stopReply(event.reason(), event.reason().pc());
        return event;
    }

    private StopEvent awaitStop(CompletableFuture<StopEvent> command) {
        try {
            while (true) {
                repauseIfInterrupted(command);
                try {
                    return command.get(5, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still running: pause it again if it is to stop (a pause before it began is lost)
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted");
        } catch (ExecutionException e) {
            throw new TargetException(rootMessage(e.getCause()));
        } finally {
            interruptRequested.set(false);
        }
    }

    Debugger debugger() {
        return debugger;
    }

    /** Runs {@code work} on the emulator thread and waits for it. */
    <T> T call(Function<RunControl, T> work) {
        try {
            return debugger.call(work).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            throw new TargetException(e.getMessage()); // the debugger was closed under us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MalformedPacketException m) {
                throw m; // a packet parsed on the emulator thread (G), not the target failing
            }
            throw new TargetException(rootMessage(e.getCause()));
        } catch (TimeoutException e) {
            throw new TargetException("the emulator thread did not answer within " + CALL_TIMEOUT_SECONDS + " s");
        }
    }

    /** Text for gdb's console (O packets, hex-encoded, each within the packet size). */
    void sendConsole(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int chunk = PacketChannel.MAX_PACKET / 2 - 8;
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                channel.sendPacket("O" + Hex.encode(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
            }
        } catch (IOException e) {
            // the client went away; the reader sees it too
        }
    }

    private static String rootMessage(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
