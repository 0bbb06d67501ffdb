package org.bootlab.lockstep;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Decoder;
import org.bootlab.cpu.Hart;
import org.bootlab.cpu.HartListener;
import org.bootlab.cpu.MemoryWatch;
import org.bootlab.cpu.Op;
import org.bootlab.cpu.Rvc;
import org.bootlab.machine.Fdt;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.loader.ImageLoader;

/**
 * Runs one guest on BootLab and on QEMU side by side and compares them instruction by
 * instruction, reporting the first divergence.
 *
 * <p>Checkpoints, then bisection. Stepping QEMU through its gdbstub costs three round trips
 * per instruction (about 8,000 instructions a second), so the two machines run ahead in chunks:
 * BootLab runs a chunk counting how often it reaches each pc, then goes on a little until it
 * stands at a pc it reached rarely (a checkpoint); QEMU is sent there with a breakpoint and
 * continues until it has arrived at that pc as often as BootLab did; then pc, privilege,
 * x1..x31, f0..f31 and the {@linkplain HartState#CSRS checkpoint CSRs} (minstret among them,
 * which pins the two to the same instruction count) are compared. When a checkpoint differs,
 * both machines are run again from reset to the last good checkpoint (both are deterministic)
 * and single-stepped from there, comparing pc, privilege and x1..x31 after every instruction,
 * and on each trap its cause, tval and epc; the first difference is reported with the
 * instruction, both register files and the last instructions executed.
 *
 * <p>Interrupts: both machines take interrupts while compared, continued or stepped (QEMU's
 * single-step runs with qqemu.sstep=1, not its default that masks interrupts and timers), so
 * interrupt-driven stretches are compared too, and an interrupt taken at a different
 * instruction is a divergence.
 *
 * <p>Timers: QEMU records its run until the guest first writes mtimecmp and replays the
 * recording from there, so that debugger stops cannot move its clock; a comparison ends where
 * BootLab's mip.MTIP first rises by time passing, which QEMU signals up to 99 instructions late
 * (docs/lockstep.md, "Timers").
 */
final class Lockstep implements Closeable {

    /** A guest as both machines boot it: firmware at DRAM's base, an optional kernel after it. */
    record Guest(String name, int memMiB, String bootargs, Path bios, Path kernel) {
    }

    /** What was compared, and the first divergence (null if none). */
    record Result(long instructions, int checkpoints, long stepped, boolean poweredOff, long replayedFrom,
            long timerInterruptAt, String divergence) {
        String summary() {
            return String.format("%d instructions compared (%d checkpoints, %d single-stepped)%s%s%s", instructions,
                    checkpoints, stepped, poweredOff ? ", both powered off" : "",
                    replayedFrom == -1 ? "" : ", QEMU replaying its recording from instruction " + replayedFrom
                            + " (timer armed)",
                    timerInterruptAt == -1 ? "" : ", up to mip.MTIP rising at instruction " + timerInterruptAt
                            + " (QEMU raises it up to 99 instructions late)");
        }

        /** Whether the comparison ended where BootLab's timer interrupt became pending. */
        boolean endedAtTimerInterrupt() {
            return timerInterruptAt != -1 && divergence == null && instructions == timerInterruptAt;
        }
    }

    /**
     * One move of QEMU along the compared run, kept to bring a restarted QEMU back to the last
     * good checkpoint: continue to the n-th arrival at a pc, single-step, or patch a register
     * (see {@link QemuQuirks}).
     */
    private sealed interface Move permits Reach, Step, Patch {
    }

    private record Reach(long pc, int arrivals) implements Move {
    }

    private record Step() implements Move {
    }

    private record Patch(int register, long value) implements Move {
    }

    /** One instruction of the recent history. */
    private record Executed(long step, long pc, int insn, List<BootLabGuest.TrapRecord> traps) {
    }

    private static final int HISTORY = 20;
    /** LOCKSTEP_VERBOSE=1 in the environment prints every checkpoint as it is reached. */
    private static final boolean VERBOSE = System.getenv("LOCKSTEP_VERBOSE") != null;
    /** The CLINT's mtimecmp registers, one per hart (ACLINT MTIMER layout, as QEMU's virt has it). */
    private static final long MTIMECMP = MemoryMap.CLINT_BASE + 0x4000;
    private static final long MTIMECMP_END = MemoryMap.CLINT_BASE + 0xbff8;

    private final Guest guest;
    private final Path qemuExe;
    private final Path work;
    private final MachineConfig config;
    private final BootLabGuest bootlab;
    private final Path dtb;
    private final long entry;
    private byte[] qemuDeviceTree;
    private QemuGuest qemu;
    /** QEMU records its run until BootLab's guest first writes a timer compare register, then replays. */
    private QemuGuest.Recording recording;
    /** QEMU's moves from reset to the last good checkpoint, and from there on (not yet verified). */
    private final List<Move> path = new ArrayList<>();
    private final List<Move> pending = new ArrayList<>();
    private final Deque<Executed> history = new ArrayDeque<>();
    private int checkpoints;
    /** The instruction from which QEMU replays its recording, or -1 if it recorded throughout. */
    private long replayedFrom = -1;
    /** Where mip.MTIP first rose on BootLab, ending the comparison (see {@link QemuQuirks}), or -1. */
    private long timerInterruptAt = -1;
    private long stepped;

    Lockstep(Guest guest, Path qemuExe, Path work) throws IOException, ImageException {
        this.guest = guest;
        this.qemuExe = qemuExe;
        this.work = work;
        this.config = new MachineConfig(guest.memMiB(), guest.bootargs(),
                ImageLoader.load(guest.bios(), MemoryMap.DRAM_BASE),
                guest.kernel() == null ? null : ImageLoader.load(guest.kernel(), MemoryMap.KERNEL_LOAD));
        this.bootlab = new BootLabGuest(config);
        this.entry = bootlab.hart().pc();
        this.dtb = work.resolve("bootlab.dtb");
        Files.write(dtb, bootlab.machine().deviceTree());
        this.recording = new QemuGuest.Recording(work.resolve("qemu.rr"), false);
        this.qemu = startQemu();
    }

    private QemuGuest startQemu() throws IOException {
        return new QemuGuest(qemuExe, guest.memMiB(), guest.bios(), guest.kernel(), dtb,
                work.resolve("qemu-console.txt"), entry, bootlab.machine().deviceTreeAddress(), recording);
    }

    /** A fresh QEMU brought along the moves of the compared run to its last good checkpoint. */
    private void restartQemuAlongPath() throws IOException {
        qemu.close();
        qemu = startQemu();
        for (Move m : path) {
            if (m instanceof Reach r) {
                qemu.reach(r.pc(), r.arrivals());
            } else if (m instanceof Patch p) {
                qemu.writeRegister(p.register(), p.value());
            } else {
                qemu.step();
            }
        }
        pending.clear();
    }

    /** BootLab from reset, with QEMU's copy of the device tree (see {@link #checkDeviceTree}). */
    private void resetBootLab() throws ImageException {
        bootlab.reset();
        bootlab.machine().bus().ram().load(bootlab.machine().deviceTreeAddress() - MemoryMap.DRAM_BASE,
                qemuDeviceTree, 0, qemuDeviceTree.length);
    }

    /**
     * Compares up to {@code maxInstructions} instructions (or to the guest's power-off) in
     * chunks of about {@code chunk}: with QEMU recording up to the first write to a timer
     * compare register, then with QEMU replaying that recording (see {@link QemuGuest.Recording}).
     */
    Result run(long maxInstructions, long chunk) throws IOException, ImageException {
        String dtbProblem = checkDeviceTree();
        if (dtbProblem != null) {
            return result(dtbProblem);
        }
        List<String> initial = bootlab.state(true).differences(qemu.state(true));
        if (!initial.isEmpty()) {
            return result(report("before the first instruction", null, initial));
        }
        TimerEvents timer = timerEvents(maxInstructions);
        resetBootLab();
        long limit = Math.min(maxInstructions, timer.fires());
        if (timer.fires() < maxInstructions) {
            timerInterruptAt = timer.fires();
        }
        String divergence = compare(Math.min(limit, timer.armed()), chunk);
        if (divergence != null || bootlab.finished() || bootlab.steps() >= limit) {
            return result(divergence);
        }
        if (VERBOSE) {
            System.out.printf("lockstep %s: a timer is armed at instruction %d: QEMU replays its recording from here%n",
                    guest.name(), bootlab.steps());
        }
        qemu.finishRecording();
        recording = new QemuGuest.Recording(recording.file(), true);
        restartQemuAlongPath();
        List<String> d = bootlab.state(true).differences(qemu.state(true));
        if (!d.isEmpty()) {
            return result(report("at instruction " + bootlab.steps() + " in QEMU's replay of its recording", null, d));
        }
        replayedFrom = bootlab.steps();
        return result(compare(limit, chunk));
    }

    /**
     * Where, within {@code max} instructions, BootLab's guest first writes a timer compare
     * register ({@code armed}: the step count before that store) and where mip.MTIP first
     * rises because mtime reached mtimecmp ({@code fires}: the step count before the first
     * instruction that sees it; a write of a deadline already past raises it at once on both
     * machines and does not count). Each is {@code max} if it does not happen. Found by
     * running BootLab alone, which is then left wherever the search ended.
     */
    private record TimerEvents(long armed, long fires) {
    }

    private TimerEvents timerEvents(long max) {
        long[] armed = {max};
        long[] fires = {max};
        long[] lastWrite = {-1}; // the step count just after the latest store to mtimecmp
        boolean[] pending = {false};
        Hart hart = bootlab.hart();
        hart.setMemoryWatch(new MemoryWatch() {
            @Override
            public boolean watchesPage(long virtualPage, long physicalPage) {
                return physicalPage >= MTIMECMP >>> 12 && physicalPage <= (MTIMECMP_END - 1) >>> 12;
            }

            @Override
            public void onAccess(Hart h, boolean write, long va, long pa, int width, long value) {
                if (write && pa >= MTIMECMP && pa < MTIMECMP_END) {
                    lastWrite[0] = h.steps(); // the store is being counted
                    armed[0] = Math.min(armed[0], lastWrite[0] - 1);
                }
            }
        });
        HartListener mtip = new HartListener() {
            @Override
            public void beforeInstruction(Hart h, long pc) {
                boolean now = (h.peekCsr(Csr.MIP) & (1L << Hart.IRQ_MTI)) != 0;
                if (now && !pending[0] && h.steps() != lastWrite[0] && fires[0] == max) {
                    fires[0] = h.steps();
                    h.requestStop();
                }
                pending[0] = now;
            }
        };
        hart.addListener(mtip);
        while (fires[0] == max && bootlab.steps() < max && !bootlab.finished()) {
            long before = bootlab.steps();
            bootlab.machine().run(max - before);
            if (bootlab.steps() == before) {
                break;
            }
        }
        hart.removeListener(mtip);
        hart.setMemoryWatch(null);
        return new TimerEvents(armed[0], fires[0]);
    }

    /** Compares from where both machines stand up to {@code limit} instructions; returns a divergence or null. */
    private String compare(long limit, long chunk) throws IOException, ImageException {
        PcCounts counts = new PcCounts();
        PcCounts kinds = new PcCounts();
        while (bootlab.steps() < limit && !bootlab.finished()) {
            long start = bootlab.steps();
            long startPc = bootlab.hart().pc();
            counts.clear();
            kinds.clear();
            BootLabGuest.ChunkEnd end = bootlab.runCounted(Math.min(chunk, limit - start), counts, kinds);
            boolean last = bootlab.finished();
            if (last) {
                // Stop short of the instruction that powers off: QEMU ends the moment it runs it.
                long off = bootlab.steps();
                resetBootLab();
                bootlab.advanceTo(start);
                counts.clear();
                end = off - 1 > start ? bootlab.runCounted(off - 1 - start, counts, kinds) : null;
                if (end != null && end.hazard() != -1 && bootlab.steps() < off - 1) {
                    last = false; // a hazard before the end: a checkpoint there first
                }
            } else if (end.hazard() == -1) {
                moveToRarePc(counts, kinds, chunk, limit);
            }
            if (bootlab.steps() > start) {
                reachCheckpoint(end, startPc, counts);
                checkpoints++;
                List<String> d = checkpointDifferences(end.hazard());
                if (!d.isEmpty()) {
                    String divergence = bisect(start, bootlab.steps());
                    if (divergence != null) {
                        return divergence;
                    }
                }
                path.addAll(pending);
                pending.clear();
            }
            if (last) {
                String problem = finalInstruction();
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /**
     * Brings QEMU to BootLab's checkpoint: to the same arrival at the same pc, or, after a
     * hazard, to the hazard instruction and one step over it. A hazard may trap on QEMU (the
     * PMP CSRs it lacks), and continuing from there would run QEMU's trap handler, where
     * BootLab took no trap; stepping stops at the handler's entry, where the patch applies.
     */
    private void reachCheckpoint(BootLabGuest.ChunkEnd end, long startPc, PcCounts counts) throws IOException {
        boolean afterHazard = end.hazard() != -1 && bootlab.hart().pc() != end.hazardPc();
        long pc = afterHazard ? end.hazardPc() : bootlab.hart().pc();
        // QEMU stands at the chunk's start pc; that is no arrival there.
        int arrivals = counts.get(pc) - (end.firstPc() == startPc && pc == startPc ? 1 : 0) + (afterHazard ? 0 : 1);
        if (VERBOSE) {
            System.out.printf("lockstep %s: checkpoint %d at instruction %d, pc %x (arrival %d)%s%n", guest.name(),
                    checkpoints + 1, bootlab.steps(), pc, arrivals, afterHazard ? " and a step" : "");
        }
        if (arrivals > 0) {
            qemu.reach(pc, arrivals);
            pending.add(new Reach(pc, arrivals));
        }
        if (afterHazard) {
            qemuStep();
        }
    }

    /** The full comparison at a checkpoint, after patching QEMU for a hazard instruction just run. */
    private List<String> checkpointDifferences(int hazard) throws IOException {
        if (qemu.exited()) {
            return List.of("QEMU ended (" + qemu.exitReply() + ") before BootLab's checkpoint");
        }
        List<String> d = bootlab.state(true).differences(qemu.state(true));
        if (!d.isEmpty() && hazard != -1) {
            patch(hazard);
            d = bootlab.state(true).differences(qemu.state(true));
        }
        return d;
    }

    private void patch(int hazard) throws IOException {
        for (long[] w : QemuQuirks.reconcile(hazard, bootlab, qemu, bootlab.state(false), qemu.state(false),
                trapsTakenBack())) {
            pending.add(new Patch((int) w[0], w[1]));
        }
    }

    /** How many QEMU traps the patches along QEMU's path took back: each wrote pc. */
    private long trapsTakenBack() {
        return Stream.concat(path.stream(), pending.stream())
                .filter(m -> m instanceof Patch p && p.register() == QemuGuest.pcRegister()).count();
    }

    private Result result(String divergence) {
        return new Result(bootlab.steps(), checkpoints, stepped, bootlab.finished() && qemu.exited(), replayedFrom,
                timerInterruptAt, divergence);
    }

    /**
     * QEMU must have placed BootLab's device tree at BootLab's address. QEMU 7.2 adds one
     * property to a -dtb it is given, /chosen/rng-seed (32 bytes from its guest RNG, fixed by
     * -seed): the tree must be BootLab's apart from that, and then BootLab's RAM gets QEMU's
     * blob, so that both guests parse the same bytes.
     */
    private String checkDeviceTree() throws IOException, ImageException {
        long address = bootlab.machine().deviceTreeAddress();
        byte[] mine = bootlab.machine().deviceTree();
        byte[] header = qemu.readMemory(address, 8);
        int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        if (size < 40 || size > mine.length + 4096) {
            return String.format("QEMU has no device tree of plausible size at 0x%x (header %s)", address, hex(header, 0));
        }
        byte[] theirs = qemu.readMemory(address, size);
        try {
            Fdt.Node qemuRoot = Fdt.parse(theirs).root();
            String problem = sameTree(Fdt.parse(mine).root(), qemuRoot);
            if (problem != null) {
                return String.format("QEMU's device tree at 0x%x is not BootLab's: %s", address, problem);
            }
        } catch (Fdt.FormatException e) {
            return "QEMU's device tree does not parse: " + e.getMessage();
        }
        qemuDeviceTree = theirs;
        resetBootLab();
        return null;
    }

    private static String sameTree(Fdt.Node mine, Fdt.Node theirs) {
        Map<String, byte[]> a = mine.properties();
        Map<String, byte[]> b = new TreeMap<>(theirs.properties());
        if (mine.path().equals("/chosen")) {
            b.remove("rng-seed");
        }
        if (!a.keySet().equals(b.keySet())) {
            return mine.path() + " has properties " + a.keySet() + " on BootLab, " + b.keySet() + " on QEMU";
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return mine.path() + " " + e.getKey() + " differs";
            }
        }
        List<Fdt.Node> ca = mine.children();
        List<Fdt.Node> cb = theirs.children();
        if (ca.size() != cb.size()) {
            return mine.path() + " has " + ca.size() + " children on BootLab, " + cb.size() + " on QEMU";
        }
        for (int i = 0; i < ca.size(); i++) {
            if (!ca.get(i).name().equals(cb.get(i).name())) {
                return mine.path() + " child " + i + " is " + ca.get(i).name() + " on BootLab, " + cb.get(i).name() + " on QEMU";
            }
            String d = sameTree(ca.get(i), cb.get(i));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String hex(byte[] bytes, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(bytes.length, from + 16); i++) {
            sb.append(String.format("%02x", bytes[i]));
        }
        return sb.toString();
    }

    /**
     * Goes on from the chunk's end until BootLab stands at a pc it reached only a few times in
     * this chunk, so that QEMU stops at few breakpoints to get there. Inside a long loop no pc
     * is rare, so the bar rises the longer it looks.
     */
    private void moveToRarePc(PcCounts counts, PcCounts kinds, long chunk, long limit) {
        long extra = 0;
        while (!bootlab.finished() && bootlab.steps() < limit) {
            int bar = 1 << Math.min(20, (int) (extra * 16 / chunk));
            if (counts.get(bootlab.hart().pc()) < bar) {
                return;
            }
            if (bootlab.runCounted(1, counts, kinds).hazard() != -1) {
                return; // the checkpoint must follow the hazard at once
            }
            extra++;
        }
    }

    /**
     * Runs both machines again from reset to the checkpoint at {@code from} and single-steps
     * them to {@code to}; returns the report of the first divergence, or null if there was
     * none after all (then both stand at {@code to} again, in step).
     */
    private String bisect(long from, long to) throws IOException, ImageException {
        resetBootLab();
        restartQemuAlongPath();
        bootlab.advanceTo(from);
        history.clear();
        while (bootlab.steps() < to) {
            String d = stepBoth();
            if (d != null) {
                return d;
            }
            if (bootlab.finished()) {
                break;
            }
        }
        List<String> still = bootlab.state(true).differences(qemu.state(true));
        if (still.isEmpty()) {
            return null;
        }
        return report("at checkpoint " + to + " (no instruction between it and the last good checkpoint "
                + "showed a difference in pc, privilege, x registers, trap, CSR or f register written)",
                null, still);
    }

    /** The instruction that powers off: both must end on it. */
    private String finalInstruction() throws IOException, ImageException {
        if (!bootlab.finished()) {
            history.clear();
            String d = stepBoth();
            if (d != null) {
                return d;
            }
        }
        if (!qemu.exited()) {
            qemu.cont(); // QEMU may finish the block the power-off store is in before it stops
        }
        if (!qemu.exited()) {
            return report("at BootLab's power-off", null, List.of("BootLab powered off, QEMU went on to "
                    + String.format("%016x", qemu.pc())));
        }
        return null;
    }

    /** One instruction on both; returns a divergence report or null. */
    private String stepBoth() throws IOException {
        BootLabGuest.StepRecord rec = bootlab.step();
        stepped++;
        int insn = rec.pc() == -1 ? -1 : bootlab.instructionAt(rec.pc());
        history.addLast(new Executed(rec.step(), rec.pc(), insn, rec.traps()));
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        qemuStep();
        if (rec.interruptFirst() && !qemu.exited() && qemu.pc() == rec.traps().get(0).vector()) {
            qemuStep(); // QEMU's step stopped after taking the interrupt; BootLab also ran the handler's first instruction
        }
        if (qemu.exited()) {
            return bootlab.finished() ? null
                    : report("at instruction " + rec.step(), rec, List.of("QEMU ended (" + qemu.exitReply() + ")"));
        }
        if (bootlab.finished()) {
            return null; // QEMU finishes on its next continue; checked by the caller
        }
        if (bootlab.hart().isWaitingForInterrupt()) {
            // QEMU's step over WFI also waits and takes the interrupt that wakes it; BootLab
            // does that in its next step, where the two are compared again.
            return null;
        }
        if (insn != -1 && QemuQuirks.isHazard(BootLabGuest.expand(insn))) {
            patch(BootLabGuest.expand(insn));
        }
        HartState b = bootlab.state(false);
        HartState q = qemu.state(false);
        List<String> d = new ArrayList<>(b.differences(q));
        for (BootLabGuest.TrapRecord t : rec.traps()) {
            d.addAll(trapDifferences(t));
        }
        d.addAll(writtenDifferences(insn));
        return d.isEmpty() ? null : report("at instruction " + rec.step(), rec, d);
    }

    private void qemuStep() throws IOException {
        qemu.step();
        pending.add(new Step());
    }

    /** A trap's cause, tval and epc in QEMU's CSRs of the mode it went to. */
    private List<String> trapDifferences(BootLabGuest.TrapRecord t) throws IOException {
        boolean m = t.toPriv() == Hart.PRIV_M;
        long cause = qemu.csr(m ? Csr.MCAUSE : Csr.SCAUSE);
        long tval = qemu.csr(m ? Csr.MTVAL : Csr.STVAL);
        long epc = qemu.csr(m ? Csr.MEPC : Csr.SEPC);
        long myCause = (t.interrupt() ? 1L << 63 : 0) | t.cause();
        List<String> d = new ArrayList<>();
        String mode = m ? "m" : "s";
        if (cause != myCause) {
            d.add(String.format("%scause: BootLab %x, QEMU %x", mode, myCause, cause));
        }
        if (tval != t.tval()) {
            d.add(String.format("%stval: BootLab %x, QEMU %x", mode, t.tval(), tval));
        }
        if (epc != t.epc()) {
            d.add(String.format("%sepc: BootLab %x, QEMU %x", mode, t.epc(), epc));
        }
        return d;
    }

    /** After an FP instruction its f destination and fcsr; after a CSR instruction that CSR, if compared. */
    private List<String> writtenDifferences(int raw) throws IOException {
        if (raw == -1) {
            return List.of();
        }
        int insn = (raw & 3) == 3 ? raw : Rvc.expand(raw);
        Op op = Decoder.decode(insn);
        List<String> d = new ArrayList<>();
        if (op.mnemonic.startsWith("f") && !op.mnemonic.startsWith("fence")) {
            if (op.operands.startsWith("D")) {
                int rd = (insn >>> 7) & 31;
                long mine = bootlab.hart().f(rd);
                long theirs = qemu.f(rd);
                if (mine != theirs) {
                    d.add(String.format("f%d: BootLab %016x, QEMU %016x", rd, mine, theirs));
                }
            }
            compareCsr(Csr.FCSR, d);
        } else if (op.mnemonic.startsWith("csr")) {
            int csr = insn >>> 20;
            for (int c : HartState.CSRS) {
                if (c == csr) {
                    compareCsr(csr, d);
                }
            }
        }
        return d;
    }

    private void compareCsr(int csr, List<String> d) throws IOException {
        Long mine = bootlab.hart().peekCsr(csr);
        long theirs = qemu.csr(csr);
        if (mine == null || !HartState.sameCsr(csr, mine, theirs)) {
            d.add(String.format("%s: BootLab %s, QEMU %016x", Csr.name(csr),
                    mine == null ? "(none)" : String.format("%016x", mine), theirs));
        }
    }

    private String report(String where, BootLabGuest.StepRecord rec, List<String> differences) throws IOException {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append("Lockstep divergence in ").append(guest.name()).append(' ').append(where).append(nl);
        if (rec != null && rec.pc() != -1) {
            sb.append("  instruction: ").append(disassemble(rec.pc(), bootlab.instructionAt(rec.pc()))).append(nl);
        }
        if (rec != null) {
            for (BootLabGuest.TrapRecord t : rec.traps()) {
                sb.append("  BootLab took ").append(t).append(nl);
            }
        }
        sb.append("  differences:").append(nl);
        for (String d : differences) {
            sb.append("    ").append(d).append(nl);
        }
        sb.append("  BootLab:").append(nl).append(bootlab.state(false).registerFile());
        if (!qemu.exited()) {
            sb.append("  QEMU:").append(nl).append(qemu.state(false).registerFile());
        }
        sb.append("  last ").append(history.size()).append(" instructions (BootLab step, pc, word, op):").append(nl);
        for (Executed e : history) {
            sb.append(String.format("    %10d  %s", e.step(), e.pc() == -1 ? "(trap only)" : disassemble(e.pc(), e.insn())));
            for (BootLabGuest.TrapRecord t : e.traps()) {
                sb.append("  -> ").append(t);
            }
            sb.append(nl);
        }
        return sb.toString();
    }

    static String disassemble(long pc, int raw) {
        if (raw == -1) {
            return String.format("%016x: (unreadable)", pc);
        }
        boolean compressed = (raw & 3) != 3;
        int insn = compressed ? Rvc.expand(raw & 0xffff) : raw;
        Op op = Decoder.decode(insn);
        return String.format(compressed ? "%016x: %04x      %s%s" : "%016x: %08x  %s%s", pc,
                compressed ? raw & 0xffff : raw, compressed ? "c:" : "", op.mnemonic);
    }

    /** What QEMU printed on its console. */
    String qemuConsole() throws IOException {
        Path p = work.resolve("qemu-console.txt");
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    @Override
    public void close() throws IOException {
        qemu.close();
    }
}
