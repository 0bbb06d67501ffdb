package org.bootlab.lockstep;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bootlab.cpu.Csr;

/**
 * QEMU's virt machine driven through its gdbstub: started halted ({@code -S}), stepped,
 * continued to breakpoints and read register by register.
 *
 * <p>The CPU is configured as the RV64GC hart BootLab implements: QEMU 7.2's default rv64 also
 * has H, Sstc, Zba/Zbb/Zbc/Zbs, Svinval/Svnapot/Svpbmt and Sscofpmf, which firmware probes and
 * then takes other paths; the ID CSRs are set to BootLab's zeros; and all 29 HPM counters
 * (QEMU's default has 16 and traps on the others, which OpenSBI probes). {@code -icount
 * shift=0,sleep=off} makes QEMU's clock BootLab's (one instruction per virtual nanosecond,
 * mtime = count / 100) and makes WFI skip to the next timer deadline instead of sleeping in
 * real time. Single-stepping runs with {@code qqemu.sstep=1} (SSTEP_ENABLE only): interrupts
 * and timers stay live while stepping, so a stepped run takes the same interrupts as a
 * continued one.
 */
final class QemuGuest implements Closeable {

    static final String CPU = "rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false,"
            + "svinval=false,svnapot=false,svpbmt=false,sscofpmf=false,mvendorid=0,marchid=0,mimpid=0,pmu-num=29";

    /**
     * QEMU's record/replay of one run ({@code -icount rr=...}): recorded while no timer is
     * armed, replayed once one is. A replayed QEMU takes its clock warps and timer events
     * from the log, at the instruction counts where the recording had them, so debugger stops
     * no longer move its clock (docs/lockstep.md, "Timers").
     */
    record Recording(Path file, boolean replay) {
        String icountOption() {
            return "rr=" + (replay ? "replay" : "record") + ",rrfile=" + file;
        }
    }

    private static final int PC = 32;
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    /** Longest wait for one answer; a continue that never reaches its breakpoint ends here. */
    private static final int REPLY_TIMEOUT_MS = 60_000;
    private static final int CONTINUE_TIMEOUT_MS = 10_000;
    /** How long a recording may run on unobserved before it is ended (QEMU runs ~10^8 instructions/s). */
    private static final int RECORDING_RUN_MS = 20_000;

    private final Process process;
    private final GdbClient gdb;
    private final int privRegister;
    private final int firstFpRegister;
    private final int csrBase;
    private boolean exited;
    private String exitReply;

    /**
     * Starts QEMU halted before its reset ROM and puts the hart where BootLab's starts: the
     * firmware's entry in M-mode with a0 = hartid 0 and a1 = the DTB, which is what QEMU's
     * ROM would do in six instructions. Skipping it keeps both instruction counts equal. The
     * kernel command line is not passed: it is in the device tree, which QEMU then leaves alone.
     */
    QemuGuest(Path qemu, int memMiB, Path bios, Path kernel, Path dtb, Path console,
            long entry, long dtbAddress, Recording recording) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(qemu.toString(), "-M", "virt", "-m", Integer.toString(memMiB),
                "-smp", "1", "-cpu", CPU, "-display", "none", "-monitor", "none",
                "-serial", "file:" + console, "-icount", "shift=0,sleep=off," + recording.icountOption(), "-seed", "1",
                "-dtb", dtb.toString(), "-bios", bios.toString(),
                "-gdb", "tcp:127.0.0.1:" + port, "-S"));
        if (kernel != null) {
            cmd.add("-kernel");
            cmd.add(kernel.toString());
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Socket socket = connect(port);
        socket.setSoTimeout(REPLY_TIMEOUT_MS);
        gdb = new GdbClient(socket);
        gdb.exchange("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+");
        Map<String, Integer> regs = registerNumbers();
        privRegister = regs.get("priv");
        firstFpRegister = regs.get("ft0");
        csrBase = regs.get("sstatus") - Csr.SSTATUS;
        gdb.exchange("?");
        expectOk(gdb.exchange("Qqemu.sstep=1"), "Qqemu.sstep=1");
        writeRegister(PC, entry);
        writeRegister(10, 0);
        writeRegister(11, dtbAddress);
    }

    private Socket connect(int port) throws IOException {
        long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT_MS;
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (ConnectException e) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IOException("QEMU's gdbstub did not open port " + port
                            + (process.isAlive() ? "" : " (QEMU exited with " + process.exitValue() + ")"), e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
    }

    /**
     * Register numbers by name from target.xml and the features it includes: a register
     * without a regnum takes the number after the previous one. Reading target.xml also turns
     * on QEMU's p/P packets, which answer nothing until a client has fetched it.
     */
    private Map<String, Integer> registerNumbers() throws IOException {
        Map<String, Integer> numbers = new HashMap<>();
        String target = readFeature("target.xml");
        Matcher include = Pattern.compile("href=\"([^\"]+)\"").matcher(target);
        Pattern reg = Pattern.compile("<reg\\s[^>]*>");
        Pattern name = Pattern.compile("name=\"([^\"]+)\"");
        Pattern regnum = Pattern.compile("regnum=\"(\\d+)\"");
        int next = 0;
        while (include.find()) {
            Matcher r = reg.matcher(readFeature(include.group(1)));
            while (r.find()) {
                Matcher n = name.matcher(r.group());
                Matcher num = regnum.matcher(r.group());
                int number = num.find() ? Integer.parseInt(num.group(1)) : next;
                if (n.find()) {
                    numbers.put(n.group(1), number);
                }
                next = number + 1;
            }
        }
        for (String needed : List.of("priv", "ft0", "sstatus")) {
            if (!numbers.containsKey(needed)) {
                throw new IOException("QEMU's target description has no register " + needed);
            }
        }
        return numbers;
    }

    private String readFeature(String annex) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            String part = gdb.exchange(String.format("qXfer:features:read:%s:%x,fff", annex, sb.length()));
            if (part == null || part.isEmpty() || (part.charAt(0) != 'm' && part.charAt(0) != 'l')) {
                throw new IOException("cannot read " + annex + " from QEMU's gdbstub: " + part);
            }
            sb.append(part, 1, part.length());
            if (part.charAt(0) == 'l') {
                return sb.toString();
            }
        }
    }

    private static void expectOk(String reply, String what) throws IOException {
        if (!"OK".equals(reply)) {
            throw new IOException(what + ": QEMU answered '" + reply + "'");
        }
    }

    // ------------------------------------------------------------------ registers and memory

    long readRegister(int n) throws IOException {
        String r = gdb.exchange("p" + Integer.toHexString(n));
        if (r == null || r.length() < 16) {
            throw new IOException("reading register " + n + ": QEMU answered '" + r + "'");
        }
        return GdbClient.littleEndian(r, 0);
    }

    void writeRegister(int n, long value) throws IOException {
        expectOk(gdb.exchange("P" + Integer.toHexString(n) + "=" + GdbClient.littleEndianHex(value)),
                "writing register " + n);
    }

    long pc() throws IOException {
        return readRegister(PC);
    }

    long csr(int csr) throws IOException {
        return readRegister(csrRegister(csr));
    }

    /**
     * A CSR for the state comparison, or {@link HartState#UNREADABLE}: QEMU applies some access
     * checks to the debugger too (satp in S-mode with mstatus.TVM set answers an error).
     */
    private long comparableCsr(int csr) throws IOException {
        String r = gdb.exchange("p" + Integer.toHexString(csrRegister(csr)));
        if (r != null && r.startsWith("E")) {
            return HartState.UNREADABLE;
        }
        if (r == null || r.length() < 16) {
            throw new IOException("reading CSR " + Csr.name(csr) + ": QEMU answered '" + r + "'");
        }
        return GdbClient.littleEndian(r, 0);
    }

    /** The gdb register number of the privilege level (org.gnu.gdb.riscv.virtual). */
    int privRegister() {
        return privRegister;
    }

    static int pcRegister() {
        return PC;
    }

    int csrRegister(int csr) {
        return csrBase + csr;
    }

    long f(int i) throws IOException {
        return readRegister(firstFpRegister + i);
    }

    /** pc, privilege and x0..x31; with {@code full} also f0..f31 and the checkpoint CSRs. */
    HartState state(boolean full) throws IOException {
        String g = gdb.exchange("g");
        if (g == null || g.length() < 33 * 16) {
            throw new IOException("reading registers: QEMU answered '" + g + "'");
        }
        long[] x = new long[32];
        for (int i = 1; i < 32; i++) {
            x[i] = GdbClient.littleEndian(g, 16 * i);
        }
        long pc = GdbClient.littleEndian(g, 16 * PC);
        int priv = (int) readRegister(privRegister);
        long[] f = null;
        long[] csrs = null;
        if (full) {
            f = new long[32];
            for (int i = 0; i < 32; i++) {
                f[i] = f(i);
            }
            csrs = new long[HartState.CSRS.length];
            for (int i = 0; i < csrs.length; i++) {
                csrs[i] = comparableCsr(HartState.CSRS[i]);
            }
        }
        return new HartState(pc, priv, x, f, csrs);
    }

    byte[] readMemory(long address, int length) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            int n = Math.min(0x400, length - done);
            String r = gdb.exchange(String.format("m%x,%x", address + done, n));
            if (r == null || r.length() != 2 * n) {
                throw new IOException(String.format("reading memory at %x: QEMU answered '%s'", address + done, r));
            }
            for (int i = 0; i < n; i++) {
                bytes[done + i] = (byte) Integer.parseInt(r.substring(2 * i, 2 * i + 2), 16);
            }
            done += n;
        }
        return bytes;
    }

    // ------------------------------------------------------------------ running

    /** Whether the guest powered off (or QEMU ended): nothing more can be read. */
    boolean exited() {
        return exited;
    }

    String exitReply() {
        return exitReply;
    }

    /** One instruction, or, if an interrupt is taken first, only the trap into its handler. */
    void step() throws IOException {
        gdb.send("s");
        gdb.setTimeout(CONTINUE_TIMEOUT_MS);
        try {
            stopReply(gdb.receive());
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException("QEMU did not finish a single step within " + CONTINUE_TIMEOUT_MS / 1000
                    + " s: its icount clock was probably warped to a far timer deadline by a debugger stop"
                    + " (see docs/lockstep.md)", e);
        } finally {
            gdb.setTimeout(REPLY_TIMEOUT_MS);
        }
    }

    /**
     * Continues until the hart has arrived {@code arrivals} times at {@code pc} (counting
     * arrivals by breakpoint stops and by steps that land there), stepping off the
     * breakpoint's own pc first: QEMU's continue stops at once when it stands on one.
     */
    void reach(long pc, int arrivals) throws IOException {
        insertBreakpoint(pc);
        int got = 0;
        boolean first = true;
        long at = -1;
        while (got < arrivals && !exited) {
            if (first || at == pc) {
                step();
            } else if (!cont()) {
                throw new IOException(String.format("QEMU did not arrive at %x (arrival %d of %d) within %d s of"
                        + " running; it stands at %x", pc, got + 1, arrivals, CONTINUE_TIMEOUT_MS / 1000, pc()));
            }
            first = false;
            if (!exited) {
                at = pc();
                if (at == pc) {
                    got++;
                }
            }
        }
        if (!exited) {
            removeBreakpoint(pc);
        }
    }

    void insertBreakpoint(long pc) throws IOException {
        expectOk(gdb.exchange(String.format("Z0,%x,4", pc)), "setting a breakpoint");
    }

    void removeBreakpoint(long pc) throws IOException {
        expectOk(gdb.exchange(String.format("z0,%x,4", pc)), "removing a breakpoint");
    }

    /**
     * Runs to the next breakpoint; at a breakpoint's own pc it stops at once (step first).
     * A guest that never gets there (it went elsewhere than BootLab) is interrupted after
     * {@link #CONTINUE_TIMEOUT_MS}, which QEMU needs only for billions of instructions; then
     * this returns false.
     */
    boolean cont() throws IOException {
        gdb.send("c");
        gdb.setTimeout(CONTINUE_TIMEOUT_MS);
        String reply;
        boolean stopped = true;
        try {
            reply = gdb.receive();
        } catch (java.net.SocketTimeoutException e) {
            gdb.interrupt();
            stopped = false;
            reply = gdb.receive();
        } finally {
            gdb.setTimeout(REPLY_TIMEOUT_MS);
        }
        stopReply(reply);
        return stopped || exited;
    }

    private void stopReply(String r) throws IOException {
        if (r == null || r.startsWith("W") || r.startsWith("X")) {
            exited = true;
            exitReply = r == null ? "connection closed" : r;
        } else if (!r.startsWith("T") && !r.startsWith("S")) {
            throw new IOException("unexpected stop reply '" + r + "'");
        }
    }

    /**
     * Lets a recording QEMU run on without any more debugger stops (each stop would warp its
     * clock once a timer is armed, and the log would keep the warp) until the guest powers
     * off, or for {@link #RECORDING_RUN_MS}, then ends it; QEMU writes out its log as it quits.
     */
    void finishRecording() throws IOException {
        if (!exited) {
            gdb.send("c");
            gdb.setTimeout(RECORDING_RUN_MS);
            try {
                stopReply(gdb.receive());
            } catch (java.net.SocketTimeoutException e) {
                // still running after the time allowed: the log covers far more than is compared
            }
        }
        close();
    }

    @Override
    public void close() throws IOException {
        try {
            gdb.close();
        } finally {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
