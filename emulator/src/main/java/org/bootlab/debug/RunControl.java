package org.bootlab.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bootlab.cpu.ControlFlowListener;
import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Hart;
import org.bootlab.cpu.HartListener;
import org.bootlab.cpu.MemoryWatch;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.RunResult;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * Run control and reverse execution over one {@link Machine}: every command runs the machine
 * until something stops it and says why ({@link StopReason}). Single-threaded: call everything
 * on the thread that owns the machine (the emulator thread; {@link Debugger} provides one),
 * except {@link #requestPause}, {@link #requestBoundary} and {@link #sendInput}, which any thread
 * may call.
 *
 * <p><b>Positions.</b> The machine's position is the hart's step count. Execution stops at
 * positions only; a state "at position p" is the one a run limited to p steps leaves (before the
 * interrupt checks of step p), except that a breakpoint stops after them, as the hart checks
 * breakpoints after taking interrupts. Hence a reverse step to a position where an interrupt
 * was taken lands before it is taken (at the interrupted instruction, not at the handler's
 * entry), and a single step that takes an interrupt also executes the handler's first
 * instruction. A trap break, by contrast, stops at the handler's entry: its listener ends the
 * run as the trap is taken.
 *
 * <p><b>Reverse execution.</b> The machine is deterministic given what comes in from outside,
 * so checkpoints ({@link Checkpoints}) plus an {@link EventLog} of console input and debugger
 * writes are enough: going back to position t restores the last checkpoint at or before t and
 * re-executes to t. Console input therefore goes through {@link #sendInput}, never straight to
 * the machine, and reaches the UART only at pauses between runs, where it is logged.
 */
public final class RunControl {

    /**
     * @param checkpointInterval steps between checkpoints: a reverse step re-executes at most
     *                           this many (more once old checkpoints are thinned)
     * @param checkpointCapBytes memory the checkpoints may hold before old ones are thinned
     */
    public record Options(long checkpointInterval, long checkpointCapBytes) {
        public static final Options DEFAULT = new Options(2_000_000, 256L << 20);
    }

    /** Steps per run while console input waits for the UART to take it. */
    private static final long INPUT_CHUNK = 20_000;

    private final Machine machine;
    private final Hart hart;
    private final Checkpoints checkpoints;
    private final EventLog events = new EventLog();
    private final ConsoleHistory console = new ConsoleHistory();

    private final Map<Integer, Breakpoint> breakpoints = new LinkedHashMap<>();
    private final Map<Integer, Watchpoint> watchpoints = new LinkedHashMap<>();
    private TrapBreaks trapBreaks = TrapBreaks.NONE;
    private int nextId = 1;

    private SymbolTable symbols = SymbolTable.EMPTY;
    private AddressResolver lines;
    private List<SysinitEntry> sysinits = List.of();
    private final Map<Long, List<SysinitEntry>> sysinitsByFunction = new HashMap<>();
    private long sysinitCallerStart, sysinitCallerEnd;

    private final AtomicBoolean pauseRequested = new AtomicBoolean();
    private volatile boolean boundaryRequested;
    private final ConcurrentLinkedQueue<byte[]> pendingInput = new ConcurrentLinkedQueue<>();
    private byte[] inputHead;
    private int inputHeadUsed;
    private Runnable boundaryHook = () -> { };

    /** The goal of the execution under way, and what the hart's hooks found. */
    private Goal goal;
    private StopReason pendingHit;
    private final Set<Long> breakPcs = new HashSet<>();

    public RunControl(Machine machine) {
        this(machine, Options.DEFAULT);
    }

    public RunControl(Machine machine, Options options) {
        this.machine = machine;
        this.hart = machine.hart();
        this.checkpoints = new Checkpoints(machine, options.checkpointInterval(), options.checkpointCapBytes());
        machine.addConsoleListener((b, nanos) -> console.append(b, hart.steps(), nanos));
    }

    // ------------------------------------------------------------------ views

    public Machine machine() {
        return machine;
    }

    public long position() {
        return hart.steps();
    }

    public MachineState state() {
        return MachineState.of(hart);
    }

    public ConsoleHistory console() {
        return console;
    }

    /** The position reverse execution cannot go before. */
    public long historyStart() {
        return checkpoints.first().position;
    }

    public int checkpointCount() {
        return checkpoints.count();
    }

    /** Memory the checkpoints hold, in bytes. */
    public long checkpointBytes() {
        return checkpoints.bytes();
    }

    public List<Long> checkpointPositions() {
        return checkpoints.positions();
    }

    /** Reads guest memory through the current translation (a load's view), without side effects; -1 for unmapped bytes. */
    public int[] readVirtual(long va, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            long pa = hart.translateForDebugger(va + i);
            out[i] = pa == -1 ? -1 : machine.bus().peekByte(pa);
        }
        return out;
    }

    /** Reads physical memory without side effects; -1 for unmapped bytes. */
    public int[] readPhysical(long pa, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = machine.bus().peekByte(pa + i);
        }
        return out;
    }

    // ------------------------------------------------------------------ configuration

    public Breakpoint addBreakpoint(long address) {
        return addBreakpoint(address, null, 0);
    }

    public Breakpoint addBreakpoint(long address, RegisterCondition condition, long ignoreCount) {
        if (ignoreCount < 0) {
            throw new IllegalArgumentException("negative ignore count");
        }
        Breakpoint b = new Breakpoint(nextId++, address & ~1L, condition, ignoreCount, 0, true);
        breakpoints.put(b.id(), b);
        return b;
    }

    public boolean removeBreakpoint(int id) {
        return breakpoints.remove(id) != null;
    }

    public boolean setBreakpointEnabled(int id, boolean enabled) {
        Breakpoint b = breakpoints.get(id);
        if (b == null) {
            return false;
        }
        breakpoints.put(id, b.withEnabled(enabled));
        return true;
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints.values());
    }

    public Watchpoint addWatchpoint(Watchpoint.Space space, long start, long length, Watchpoint.Access access) {
        Watchpoint w = new Watchpoint(nextId++, space, start, length, access);
        watchpoints.put(w.id(), w);
        return w;
    }

    public boolean removeWatchpoint(int id) {
        return watchpoints.remove(id) != null;
    }

    public List<Watchpoint> watchpoints() {
        return List.copyOf(watchpoints.values());
    }

    /**
     * Sets the traps and privilege changes that stop the machine. While any is set, the hart
     * runs with a listener, which (today) costs it its fast path; see the report on hooks.
     */
    public void setTrapBreaks(TrapBreaks breaks) {
        trapBreaks = breaks == null ? TrapBreaks.NONE : breaks;
    }

    public TrapBreaks trapBreaks() {
        return trapBreaks;
    }

    /** Symbols for run-to-symbol, and mi_startup's extent for step SYSINIT. */
    public void setSymbols(SymbolTable symbols) {
        this.symbols = symbols == null ? SymbolTable.EMPTY : symbols;
    }

    public void setLineResolver(AddressResolver resolver) {
        this.lines = resolver;
    }

    /**
     * The kernel's SYSINITs in sorted order, for step SYSINIT and run to subsystem; they count
     * as entered when called from the function {@code mi_startup} of the symbol table.
     */
    public void setSysinits(List<SysinitEntry> entries) {
        Symbol startup = symbols.byName("mi_startup")
                .orElseThrow(() -> new IllegalStateException("no symbol mi_startup: set the symbols first"));
        setSysinits(entries, startup.address(), startup.address() + Math.max(startup.size(), 1));
    }

    /** As {@link #setSysinits(List)}, with the caller's extent [callerStart, callerEnd) given. */
    public void setSysinits(List<SysinitEntry> entries, long callerStart, long callerEnd) {
        sysinits = List.copyOf(entries);
        sysinitsByFunction.clear();
        for (SysinitEntry e : sysinits) {
            sysinitsByFunction.computeIfAbsent(e.function(), f -> new ArrayList<>()).add(e);
        }
        sysinitCallerStart = callerStart;
        sysinitCallerEnd = callerEnd;
    }

    /** Called on the emulator thread at every pause between runs of forward execution. */
    public void setBoundaryHook(Runnable hook) {
        boundaryHook = hook == null ? () -> { } : hook;
    }

    // ------------------------------------------------------------------ from any thread

    /** Makes the command under way stop with {@link StopReason.Kind#PAUSED} soon. */
    public void requestPause() {
        pauseRequested.set(true);
        machine.requestStop();
    }

    /** Makes the command under way reach a pause between runs soon (for the boundary hook). */
    public void requestBoundary() {
        boundaryRequested = true;
        machine.requestStop();
    }

    /**
     * Queues console input. It reaches the UART at the next pause between runs where the
     * receiver is empty, as much as its FIFO holds at a time, and is logged there so that
     * re-execution feeds it in at the same positions.
     */
    public void sendInput(byte[] bytes) {
        if (bytes.length > 0) {
            pendingInput.add(bytes.clone());
            requestBoundary();
        }
    }

    // ------------------------------------------------------------------ edits

    /** Writes x1..x31, or the pc as register {@link RegisterCondition#PC}; logged for re-execution. */
    public void writeRegister(int register, long value) {
        if (register <= 0 || register > RegisterCondition.PC) {
            throw new IllegalArgumentException("cannot write register " + register);
        }
        record(new EventLog.RegisterWrite(register, value));
    }

    /**
     * Writes a CSR the hart implements (as M-mode software would: WARL fields keep their legal
     * values, read-only CSRs ignore it); logged for re-execution.
     */
    public void writeCsr(int csr, long value) {
        if (Csr.name(csr) == null) {
            throw new IllegalArgumentException(String.format("the hart has no CSR 0x%x", csr));
        }
        record(new EventLog.CsrWrite(csr, value));
    }

    /** Writes DRAM at a physical address; logged for re-execution. */
    public void writeMemory(long pa, byte[] bytes) {
        long ramEnd = MemoryMap.DRAM_BASE + machine.ram().size();
        if (pa < MemoryMap.DRAM_BASE || pa + bytes.length > ramEnd || pa + bytes.length < pa) {
            throw new IllegalArgumentException(String.format("0x%x..+%d is not in RAM", pa, bytes.length));
        }
        record(new EventLog.MemoryWrite(pa, bytes.clone()));
    }

    private void record(EventLog.Action action) {
        long pos = hart.steps();
        checkpoints.dropFrom(pos);
        events.record(pos, action, machine);
    }

    // ------------------------------------------------------------------ forward commands

    /** Runs until a breakpoint, watchpoint, trap break, pause, exit or halt. */
    public StopReason resume() {
        return advance(Goal.resume());
    }

    /** Executes one instruction; one that traps stops at its handler. */
    public StopReason step() {
        Goal g = Goal.resume();
        g.limit = hart.steps() + 1;
        return advance(g);
    }

    /** Steps one instruction, or over a call: to its return with the stack unwound as far. */
    public StopReason stepOver() {
        long pc = hart.pc();
        long pa = hart.translateForDebugger(pc);
        int raw = 0;
        for (int i = 3; i >= 0 && pa != -1; i--) {
            int b = machine.bus().peekByte(pa + i);
            raw = (raw << 8) | (b < 0 ? 0 : b);
        }
        int length = pa == -1 ? 0 : CallInstruction.callLength(raw);
        if (length == 0) {
            return step();
        }
        Goal g = Goal.resume();
        g.targets = new long[] {pc + length};
        g.targetMinSp = hart.x(2);
        g.hasMinSp = true;
        return advance(g);
    }

    /** Runs until the current function returns to its caller. */
    public StopReason stepOut() {
        Goal g = Goal.resume();
        g.stepOut = new StepOut(hart.x(2));
        return advance(g);
    }

    /** Runs until the pc reaches {@code address} (not counting where it stands now). */
    public StopReason runTo(long address) {
        return runToAny(new long[] {address});
    }

    public StopReason runToSymbol(String name) {
        Symbol s = symbols.byName(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
        return runTo(s.address());
    }

    public StopReason runToLine(String file, int line) {
        if (lines == null) {
            throw new IllegalStateException("no line table");
        }
        List<Long> addresses = lines.addressesOf(file, line);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no code for " + file + ":" + line);
        }
        return runToAny(addresses.stream().mapToLong(Long::longValue).toArray());
    }

    private StopReason runToAny(long[] addresses) {
        Goal g = Goal.resume();
        g.targets = addresses.clone();
        return advance(g);
    }

    /** Runs until the next SYSINIT function is entered from mi_startup. */
    public StopReason stepSysinit() {
        requireSysinits();
        Goal g = Goal.resume();
        g.sysinit = true;
        return advance(g);
    }

    /** Runs until the first SYSINIT of subsystem {@code name} (e.g. SI_SUB_DRIVERS) is entered. */
    public StopReason runToSubsystem(String name) {
        requireSysinits();
        if (sysinits.stream().noneMatch(e -> e.subsystemName().equals(name))) {
            throw new IllegalArgumentException("no SYSINIT of subsystem " + name);
        }
        Goal g = Goal.resume();
        g.sysinit = true;
        g.subsystem = name;
        return advance(g);
    }

    private void requireSysinits() {
        if (sysinits.isEmpty()) {
            throw new IllegalStateException("no SYSINIT table");
        }
    }

    /**
     * Goes to {@code position} ignoring breakpoints: back by re-execution from a checkpoint, or
     * forward by running (replaying recorded input on the way). Stops early only on a pause, an
     * exit or a halt.
     */
    public StopReason seek(long position) {
        if (position <= hart.steps()) {
            return rewindTo(position);
        }
        Goal g = Goal.resume();
        g.conditions = false;
        g.limit = position;
        return advance(g);
    }

    // ------------------------------------------------------------------ reverse commands

    /** Goes back one instruction (a trap's handler entry goes back to the trapping instruction). */
    public StopReason reverseStep() {
        long p = hart.steps();
        if (p <= historyStart()) {
            return StopReason.of(StopReason.Kind.HISTORY_START).at(p, hart.pc()).reversed();
        }
        return rewindTo(p - 1).reversed();
    }

    /** Goes back to {@code position} (a position between the history's start and now). */
    public StopReason rewindTo(long position) {
        if (position < historyStart() || position > hart.steps()) {
            throw new IllegalArgumentException("position " + position + " is outside the history "
                    + historyStart() + ".." + hart.steps());
        }
        pauseRequested.set(false);
        console.setMuted(true);
        try {
            restore(checkpoints.atOrBefore(position));
            Goal g = Goal.replay();
            g.limit = position;
            StopReason r = advance(g);
            return r.kind() == StopReason.Kind.PAUSED ? r : StopReason.of(StopReason.Kind.STEP).at(r.position(), r.pc());
        } finally {
            console.setMuted(false);
            console.truncateAfter(hart.steps());
        }
    }

    /**
     * Goes back to the latest hit of a breakpoint, watchpoint or trap break before the current
     * position, re-executing each checkpoint interval backwards until one has a hit.
     */
    public StopReason reverseContinue() {
        pauseRequested.set(false);
        long now = hart.steps();
        console.setMuted(true);
        try {
            long end = now;
            for (Checkpoints.Checkpoint k = checkpoints.atOrBefore(now); k != null; k = checkpoints.previous(k)) {
                if (k.position < end || end == now) {
                    restore(k);
                    Goal scan = Goal.replay();
                    scan.conditions = true;
                    scan.limit = end;
                    scan.before = now;
                    StopReason r = advance(scan);
                    if (r.kind() == StopReason.Kind.PAUSED) {
                        return r;
                    }
                    if (scan.hits > 0) {
                        restore(k);
                        Goal hit = Goal.replay();
                        hit.conditions = true;
                        hit.limit = end;
                        hit.before = now;
                        hit.stopAtHit = scan.hits;
                        return advance(hit).reversed();
                    }
                }
                end = k.position;
            }
            restore(checkpoints.first());
            return StopReason.of(StopReason.Kind.HISTORY_START).at(hart.steps(), hart.pc()).reversed();
        } finally {
            console.setMuted(false);
            console.truncateAfter(hart.steps());
        }
    }

    private void restore(Checkpoints.Checkpoint k) {
        checkpoints.restore(k);
        // Input handed to the UART but not yet taken is not machine state; the log has it.
        while (machine.uart().takeHostInput() >= 0) {
            // drained
        }
        events.rewindTo(k.position);
    }

    // ------------------------------------------------------------------ the engine

    /** What the execution under way is for. */
    private static final class Goal {
        /** Stop before executing step {@code limit} (at that position). */
        long limit = Long.MAX_VALUE;
        /** Resuming where the machine stands: its current instruction does not stop it. */
        boolean userResume;
        /** Re-execution for reverse commands: no hit counting, no input, no hook. */
        boolean replay;
        /** User breakpoints, watchpoints and trap breaks apply. */
        boolean conditions;
        /** Temporary breakpoints (run to, step over) and, for step over, the stack condition. */
        long[] targets = {};
        long targetMinSp;
        boolean hasMinSp;
        StepOut stepOut;
        boolean sysinit;
        String subsystem;
        /** Reverse continue: count hits before this position; stop at hit number stopAtHit (from 1). */
        long before = Long.MAX_VALUE;
        int hits;
        int stopAtHit;

        static Goal resume() {
            Goal g = new Goal();
            g.userResume = true;
            g.conditions = true;
            return g;
        }

        static Goal replay() {
            Goal g = new Goal();
            g.replay = true;
            return g;
        }
    }

    /** Step out's call depth, followed through JAL/JALR by the calling convention. */
    private static final class StepOut {
        final long sp;
        int depth;

        StepOut(long sp) {
            this.sp = sp;
        }
    }

    private StopReason advance(Goal g) {
        goal = g;
        pendingHit = null;
        if (!g.replay) {
            pauseRequested.set(false);
        }
        installHooks(g);
        try {
            return loop(g);
        } finally {
            removeHooks();
            goal = null;
        }
    }

    private StopReason loop(Goal g) {
        long resumeFrom = g.userResume ? hart.steps() : -1;
        while (true) {
            long pos = hart.steps();
            checkpoints.atBoundary(pos, !g.replay && !events.appliedAt(pos));
            if (machine.isFinished()) {
                return StopReason.of(StopReason.Kind.EXITED).at(pos, hart.pc());
            }
            if (pos >= g.limit) {
                events.applyDue(pos, machine);
                return StopReason.of(StopReason.Kind.STEP).at(pos, hart.pc());
            }
            if (pos != resumeFrom && !breakPcs.isEmpty() && breakPcs.contains(hart.pc()) && wouldStopHere()) {
                StopReason hit = breakpointHit();
                if (hit != null) {
                    hit = hit.at(pos, hart.pc());
                    if (!countsAsPassed(g, hit)) {
                        return hit;
                    }
                    resumeFrom = pos;
                }
            }
            events.applyDue(pos, machine);
            if (!g.replay) {
                feedInput(pos);
                if (boundaryRequested) {
                    boundaryRequested = false;
                    boundaryHook.run();
                    installHooks(g); // the hook may have changed breakpoints or watchpoints
                }
            }
            if (pauseRequested.getAndSet(false)) {
                return StopReason.of(StopReason.Kind.PAUSED).at(pos, hart.pc());
            }
            long end = Math.min(g.limit, Math.min(events.nextPosition(), checkpoints.nextBoundary(pos)));
            if (inputHead != null || !pendingInput.isEmpty()) {
                end = Math.min(end, pos + INPUT_CHUNK);
            }
            RunResult result = machine.run(end - pos);
            StopReason hit = pendingHit;
            pendingHit = null;
            if (hit == null && hart.stoppedAtBreakpoint()) {
                hit = breakpointHit();
                if (hit == null) {
                    resumeFrom = hart.steps(); // condition false: carry on from here
                }
            }
            if (hit != null) {
                hit = hit.at(hart.steps(), hart.pc());
                if (!countsAsPassed(g, hit)) {
                    return hit;
                }
                resumeFrom = hart.steps();
            } else if (result.status() == ExitStatus.HALTED) {
                return StopReason.of(StopReason.Kind.HALTED).at(hart.steps(), hart.pc());
            }
        }
    }

    /**
     * Reverse continue's scans go past hits: the first pass counts them, the second stops at the
     * last. Returns whether execution carries on past this hit.
     */
    private boolean countsAsPassed(Goal g, StopReason hit) {
        if (!g.replay) {
            return false;
        }
        if (hit.position() < g.before) {
            g.hits++;
            if (g.stopAtHit > 0 && g.hits == g.stopAtHit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the hart, run on from this pause, would stop at a breakpoint at this pc before
     * executing anything: it checks breakpoints after taking interrupts, so not if one is about
     * to be taken (or if it sleeps in WFI). The device updates done here are those the next run
     * does first anyway.
     */
    private boolean wouldStopHere() {
        if (hart.isWaitingForInterrupt()) {
            return false;
        }
        machine.clint().update();
        machine.uart().pollInput();
        long pending = hart.peekCsr(Csr.MIP) & hart.peekCsr(Csr.MIE);
        if (pending == 0) {
            return true;
        }
        long mideleg = hart.peekCsr(Csr.MIDELEG);
        long mstatus = hart.peekCsr(Csr.MSTATUS);
        int priv = hart.privilege();
        boolean machineTaken = (pending & ~mideleg) != 0
                && (priv < Hart.PRIV_M || (mstatus & Hart.MSTATUS_MIE) != 0);
        boolean supervisorTaken = (pending & mideleg) != 0
                && (priv < Hart.PRIV_S || (priv == Hart.PRIV_S && (mstatus & Hart.MSTATUS_SIE) != 0));
        return !machineTaken && !supervisorTaken;
    }

    /** The stop, if any, that the execution breakpoint at the current pc stands for. */
    private StopReason breakpointHit() {
        Goal g = goal;
        long pc = hart.pc();
        if (g.conditions) {
            for (Breakpoint b : breakpoints.values()) {
                if (!b.enabled() || b.address() != pc || (b.condition() != null && !b.condition().holds(hart))) {
                    continue;
                }
                if (!g.replay) {
                    breakpoints.put(b.id(), b.crossed());
                    if (b.ignoreCount() > 0) {
                        continue;
                    }
                }
                return StopReason.breakpoint(b.id());
            }
        }
        for (long t : g.targets) {
            if (t == pc && (!g.hasMinSp || Long.compareUnsigned(hart.x(2), g.targetMinSp) >= 0)) {
                return StopReason.reached(t);
            }
        }
        if (g.sysinit) {
            SysinitEntry e = enteredSysinit(pc);
            if (e != null && (g.subsystem == null || g.subsystem.equals(e.subsystemName()))) {
                return StopReason.sysinit(e);
            }
        }
        return null;
    }

    /** The SYSINIT being entered at pc, if this is a call from mi_startup: matched by function and argument. */
    private SysinitEntry enteredSysinit(long pc) {
        List<SysinitEntry> candidates = sysinitsByFunction.get(pc);
        long ra = hart.x(1);
        if (candidates == null || ra < sysinitCallerStart || ra >= sysinitCallerEnd) {
            return null;
        }
        long a0 = hart.x(10);
        for (SysinitEntry e : candidates) {
            if (e.udata() == a0) {
                return e;
            }
        }
        return null;
    }

    private void hit(StopReason reason) {
        if (pendingHit == null) {
            pendingHit = reason;
            hart.requestExit();
        }
    }

    private void installHooks(Goal g) {
        breakPcs.clear();
        if (g.conditions) {
            for (Breakpoint b : breakpoints.values()) {
                if (b.enabled()) {
                    breakPcs.add(b.address());
                }
            }
        }
        for (long t : g.targets) {
            breakPcs.add(t);
        }
        if (g.sysinit) {
            breakPcs.addAll(sysinitsByFunction.keySet());
        }
        hart.setBreakpoints(breakPcs.stream().mapToLong(Long::longValue).toArray());
        hart.setMemoryWatch(g.conditions && !watchpoints.isEmpty() ? watch : null);
        if (g.conditions && trapBreaks.any()) {
            hart.addListener(trapListener);
        }
        if (g.stepOut != null) {
            hart.addControlFlowListener(stepOutListener);
        }
    }

    private void removeHooks() {
        breakPcs.clear();
        hart.setBreakpoints(new long[0]);
        hart.setMemoryWatch(null);
        hart.removeListener(trapListener);
        hart.removeControlFlowListener(stepOutListener);
    }

    private final MemoryWatch watch = new MemoryWatch() {
        @Override
        public boolean watchesPage(long virtualPage, long physicalPage) {
            for (Watchpoint w : watchpoints.values()) {
                if (w.coversPage(w.space() == Watchpoint.Space.PHYSICAL ? physicalPage : virtualPage)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void onAccess(Hart h, boolean write, long va, long pa, int width, long value) {
            for (Watchpoint w : watchpoints.values()) {
                long address = w.space() == Watchpoint.Space.PHYSICAL ? pa : va;
                if (w.access().matches(write) && w.overlaps(address, width)) {
                    hit(StopReason.watchpoint(w.id(), address, value, width, write));
                    return;
                }
            }
        }
    };

    private final HartListener trapListener = new HartListener() {
        @Override
        public boolean observesInstructions() {
            return false;
        }

        @Override
        public void onTrap(Hart h, boolean interrupt, int cause, long tval, long epc, int fromPriv, int toPriv) {
            if (trapBreaks.matches(interrupt, cause)) {
                hit(StopReason.trap(interrupt, cause, fromPriv, toPriv));
            } else if (trapBreaks.privilegeChange() && fromPriv != toPriv) {
                hit(StopReason.privilegeChange(fromPriv, toPriv));
            }
        }

        @Override
        public void onTrapReturn(Hart h, int fromPriv, int toPriv, long pc) {
            if (trapBreaks.privilegeChange() && fromPriv != toPriv) {
                hit(StopReason.privilegeChange(fromPriv, toPriv));
            }
        }
    };

    private final ControlFlowListener stepOutListener = (h, pc, target, rd, rs1) -> {
        StepOut s = goal.stepOut;
        if (rd == 1 || rd == 5) {
            s.depth++;
        } else if (rd == 0 && (rs1 == 1 || rs1 == 5)) {
            if (s.depth > 0) {
                s.depth--;
            } else if (Long.compareUnsigned(h.x(2), s.sp) >= 0) {
                hit(StopReason.reached(target));
            }
        }
    };

    /**
     * Hands queued console input to the UART when its receiver is empty, no more than the FIFO
     * holds, and logs it here: then the receiver takes all of it at the next run's first event,
     * whatever the run's length, which keeps re-execution exact.
     */
    private void feedInput(long pos) {
        if (inputHead == null) {
            inputHead = pendingInput.poll();
            inputHeadUsed = 0;
        }
        if (inputHead == null || machine.uart().hasPendingInput()) {
            return;
        }
        final int lsr = 5, iir = 2;
        if ((machine.uart().peek(lsr, 1) & 1) != 0) {
            return; // the guest has not read what it got yet
        }
        int room = (machine.uart().peek(iir, 1) & 0xc0) != 0 ? 16 : 1;
        int n = Math.min(room, inputHead.length - inputHeadUsed);
        byte[] chunk = java.util.Arrays.copyOfRange(inputHead, inputHeadUsed, inputHeadUsed + n);
        inputHeadUsed += n;
        if (inputHeadUsed == inputHead.length) {
            inputHead = null;
        }
        checkpoints.dropFrom(pos);
        events.record(pos, new EventLog.Input(chunk), machine);
    }
}
