package org.bootlab.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bootlab.cpu.ControlFlowListener;
import org.bootlab.cpu.Hart;
import org.bootlab.cpu.HartListener;
import org.bootlab.machine.ConsoleListener;
import org.bootlab.machine.Machine;
import org.bootlab.machine.SbiListener;
import org.bootlab.machine.virtio.VirtioEvent;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * Follows a hart's call stack from the jumps it executes and records it into a {@link Track}:
 * frames with virtual time and instruction counts, and instant events for console lines, traps,
 * privilege changes, SBI calls (traps into firmware, or answered by the machine under direct
 * boot), virtio notifications and interrupts, and the guest's TSLOG
 * records. Attached through {@link Hart#addControlFlowListener} and the trap hooks of
 * {@link HartListener} only, so the hart keeps its fast step loop.
 *
 * <p>The RISC-V calling convention decides (unprivileged spec, the return-address stack hints):
 * a JAL or JALR linking ra or t0 is a call; a JALR x0 through ra or t0 is a return, which pops
 * to the frame whose return address it matches, closing any frames a longjmp-like unwind skipped;
 * a jump without link to the start of another function is a tail call, which replaces the top
 * frame. A trap pushes a barrier frame (then the handler's), and the xRET that comes back pops
 * it: returns never match across a barrier, so each trap level has its own stack. An xRET with no
 * trap to come back to (the kernel entering user mode, firmware entering the kernel) pushes an
 * entry barrier for the new privilege level instead.
 *
 * <p>Everything here is driven by the guest: nothing throws, stacks and strings are capped.
 */
public final class CallStackTracker implements ControlFlowListener, HartListener, ConsoleListener, SbiListener {

    /** Deeper calls than this are not recorded (runaway recursion, or code that never returns). */
    static final int MAX_DEPTH = 1 << 14;
    /** Distinct names for addresses without a symbol; beyond it they share one name. */
    static final int MAX_ANONYMOUS_NAMES = 1 << 12;
    private static final int MAX_LINE = 4096;
    private static final byte NONE = 0, TRAP = 1, ENTRY = 2;

    private final Trace trace;
    private final Track track;
    private final FrameList frames;
    private final InstantList instants;
    private final NameTable names;
    private final FunctionIndex functions;
    private final int[] functionName;
    private final Hart hart;

    // The stack: frame index, return address, function index and barrier type per level.
    private int top;
    private int[] stackFrame = new int[64];
    private long[] stackReturn = new long[64];
    private int[] stackFunction = new int[64];
    private byte[] stackBarrier = new byte[64];
    /** For a barrier: the privilege level its xRET returns to (trap) or that it entered (entry). */
    private int[] stackPrivilege = new int[64];

    /**
     * A plain-jump target found to change nothing, the stack unchanged since (-1, odd, for none):
     * a loop's jump in code without symbols comes back there thousands of times per boot.
     */
    private long idleJumpTarget = -1;

    private long lastTime;
    private long lastInsns;
    private long droppedCalls;
    private int anonymousNames;

    private final int miStartup;
    private final int tslogFunction;
    private final Map<String, Integer> sysinitByName = new HashMap<>();
    private final Map<Long, SysinitsOfFunction> sysinitByFunction = new HashMap<>();
    private String pendingSysinit;
    private final GuestStrings guestStrings;
    private final TslogRecorder tslogThreads;

    /**
     * The SYSINITs that run one function: the first, and the first for each udata. A few generic
     * functions run hundreds (one per module or per kernel process), each call finds its own at once.
     */
    private static final class SysinitsOfFunction {
        final int first;
        final LongIntMap byUdata = new LongIntMap();

        SysinitsOfFunction(int first) {
            this.first = first;
        }
    }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    /**
     * Starts tracking {@code machine}'s hart into a new HART track of {@code trace}, with a root
     * frame for the function at the current pc. Call {@link #attach()} to start receiving events.
     */
    public CallStackTracker(Machine machine, Trace trace, SymbolTable symbols) {
        this.trace = trace;
        this.hart = machine.hart();
        this.track = trace.addTrack(Track.Kind.HART, "hart " + hart.hartId(), hart.hartId());
        this.frames = track.frames();
        this.instants = track.instants();
        this.names = trace.names();
        this.functions = new FunctionIndex(symbols);
        this.functionName = new int[functions.size()];
        java.util.Arrays.fill(functionName, -1);
        for (int i = 0; i < functions.size(); i++) {
            trace.symbols().add(functions.symbol(i));
        }
        this.miStartup = functions.byName("mi_startup");
        this.tslogFunction = functions.byName("tslog");
        this.guestStrings = new GuestStrings(hart, machine.bus(), names);
        this.tslogThreads = new TslogRecorder(trace);
        List<SysinitEntry> sysinits = trace.sysinits();
        for (int i = 0; i < sysinits.size(); i++) {
            SysinitEntry e = sysinits.get(i);
            sysinitByName.putIfAbsent(e.name(), i);
            SysinitsOfFunction of = sysinitByFunction.get(e.function());
            if (of == null) {
                of = new SysinitsOfFunction(i);
                sysinitByFunction.put(e.function(), of);
            }
            if (of.byUdata.get(e.udata()) == LongIntMap.MISSING) {
                of.byUdata.put(e.udata(), i);
            }
        }
        lastTime = hart.cycles();
        lastInsns = hart.instructionsRetired();
        long pc = hart.pc();
        int f = functions.containing(pc);
        push(nameOf(f, pc), f, -1, FrameList.NO_SYSINIT, NONE, hart.privilege());
    }

    private final java.util.function.Consumer<VirtioEvent> virtioListener = this::onVirtioEvent;

    /** Attaches to the hart, the console, the machine's own SBI and the virtio devices' events. */
    public void attach(Machine machine) {
        hart.addControlFlowListener(this);
        hart.addListener(this);
        machine.addConsoleListener(this);
        machine.addSbiListener(this);
        machine.virtio().eventLog().addListener(virtioListener);
    }

    /** Detaches from everything {@link #attach} attached to. */
    public void detach(Machine machine) {
        hart.removeControlFlowListener(this);
        hart.removeListener(this);
        machine.removeConsoleListener(this);
        machine.removeSbiListener(this);
        machine.virtio().eventLog().removeListener(virtioListener);
    }

    /** An SBI call the machine answered itself (direct boot): no trap, so no hart listener saw it. */
    @Override
    public void onSbiCall(long extension, long function, long virtualNanos) {
        instants.add(InstantKind.SBI_CALL, now(), lastInsns, names.intern(TrapNames.sbiExtension(extension)),
                InstantList.NO_DETAIL, (extension << 32) | (function & 0xffff_ffffL));
    }

    /** Driver notifications and device interrupts, for the timeline's virtio track. */
    private void onVirtioEvent(VirtioEvent e) {
        InstantKind kind;
        long arg;
        switch (e.kind()) {
            case DRIVER_NOTIFY: kind = InstantKind.VIRTIO_NOTIFY; arg = e.queue(); break;
            case USED_BUFFER_INTERRUPT: kind = InstantKind.VIRTIO_INTERRUPT; arg = 1; break;
            case CONFIG_CHANGE_INTERRUPT: kind = InstantKind.VIRTIO_INTERRUPT; arg = 2; break;
            default: return;
        }
        instants.add(kind, Math.max(now(), e.nanos()), lastInsns, names.intern(e.device()),
                e.detail() == null ? InstantList.NO_DETAIL : names.intern(e.detail()), arg);
    }

    public Track track() {
        return track;
    }

    /** Calls not recorded because the stack was {@link #MAX_DEPTH} deep. */
    public long droppedCalls() {
        return droppedCalls;
    }

    // ------------------------------------------------------------------ time

    /** Virtual time now; never before the last event (some hooks see a count not yet brought up to date). */
    private long now() {
        long t = hart.cycles();
        if (t > lastTime) {
            lastTime = t;
        }
        long i = hart.instructionsRetired();
        if (i > lastInsns) {
            lastInsns = i;
        }
        return lastTime;
    }

    // ------------------------------------------------------------------ jumps

    @Override
    public void onJump(Hart h, long pc, long target, int rd, int rs1) {
        boolean rdLink = rd == 1 || rd == 5;
        boolean rsLink = rs1 == 1 || rs1 == 5;
        if (rdLink) {
            if (rsLink && rs1 != rd) {
                returnTo(target); // a coroutine swap: return, then call
            }
            call(target, h.x(rd));
        } else if (rd == 0 && rsLink) {
            returnTo(target);
        } else {
            jump(target);
        }
    }

    private void call(long target, long returnAddress) {
        int f = functions.containing(target);
        int sysinit = FrameList.NO_SYSINIT;
        if (f >= 0 && functions.start(f) == target) {
            if (f == tslogFunction) {
                recordTslog();
            }
            if (miStartup >= 0 && top > 0 && stackFunction[top - 1] == miStartup) {
                sysinit = sysinitFor(target);
            }
        }
        now();
        push(nameOf(f, target), f, returnAddress, sysinit, NONE, 0);
    }

    private void returnTo(long target) {
        for (int k = top - 1; k >= 0 && stackBarrier[k] == NONE; k--) {
            if (stackReturn[k] == target) {
                now();
                popTo(k);
                return;
            }
        }
        // No frame returns there: a return from a frame whose call was not seen. Leave the stack.
    }

    private void jump(long target) {
        if (target == idleJumpTarget) {
            return;
        }
        if (top == 0) {
            idleJumpTarget = target;
            return;
        }
        int current = stackFunction[top - 1];
        if (current >= 0 && Long.compareUnsigned(target - functions.start(current),
                functions.end(current) - functions.start(current)) < 0) {
            idleJumpTarget = target;
            return; // a jump inside the function: a loop or a switch
        }
        int f = functions.startingAt(target);
        if (f < 0 || f == current || stackBarrier[top - 1] != NONE) {
            idleJumpTarget = target;
            return;
        }
        // A tail call: the new function returns where the current one would have.
        long returnAddress = stackReturn[top - 1];
        now();
        popTo(top - 1);
        push(nameOf(f, target), f, returnAddress, FrameList.NO_SYSINIT, NONE, 0);
    }

    // ------------------------------------------------------------------ traps

    /** Only the trap hooks: the hart keeps its fast loop. */
    @Override
    public boolean observesInstructions() {
        return false;
    }

    @Override
    public void onTrap(Hart h, boolean interrupt, int cause, long tval, long epc, int fromPriv, int toPriv) {
        long t = now();
        String what = TrapNames.describe(interrupt, cause);
        instants.add(interrupt ? InstantKind.INTERRUPT : InstantKind.EXCEPTION, t, lastInsns,
                names.intern(what), InstantList.NO_DETAIL, cause);
        if (!interrupt && cause == TrapNames.ECALL_FROM_S && toPriv == Hart.PRIV_M) {
            long ext = h.x(17);
            long fn = h.x(16);
            instants.add(InstantKind.SBI_CALL, t, lastInsns, names.intern(TrapNames.sbiExtension(ext)),
                    InstantList.NO_DETAIL, (ext << 32) | (fn & 0xffff_ffffL));
        }
        privilegeChange(t, fromPriv, toPriv);
        push(names.intern("[" + what + "]"), -1, -1, FrameList.NO_SYSINIT, TRAP, fromPriv);
        long vector = h.pc();
        int f = functions.containing(vector);
        push(nameOf(f, vector), f, -1, FrameList.NO_SYSINIT, NONE, 0);
    }

    @Override
    public void onTrapReturn(Hart h, int fromPriv, int toPriv, long pc) {
        long t = now();
        instants.add(InstantKind.TRAP_RETURN, t, lastInsns, names.intern(fromPriv == Hart.PRIV_M ? "mret" : "sret"),
                InstantList.NO_DETAIL, fromPriv * 4L + toPriv);
        privilegeChange(t, fromPriv, toPriv);
        int k = top - 1;
        while (k >= 0 && stackBarrier[k] == NONE) {
            k--;
        }
        if (k >= 0 && stackBarrier[k] == TRAP && stackPrivilege[k] == toPriv) {
            popTo(k);
            return;
        }
        push(names.intern("[" + TrapNames.privilege(toPriv) + "-mode]"), -1, -1, FrameList.NO_SYSINIT, ENTRY, toPriv);
        int f = functions.containing(pc);
        push(nameOf(f, pc), f, -1, FrameList.NO_SYSINIT, NONE, 0);
    }

    private void privilegeChange(long t, int from, int to) {
        if (from != to) {
            instants.add(InstantKind.PRIVILEGE, t, lastInsns,
                    names.intern(TrapNames.privilege(from) + "->" + TrapNames.privilege(to)),
                    InstantList.NO_DETAIL, from * 4L + to);
        }
    }

    // ------------------------------------------------------------------ the stack

    private void push(int nameId, int function, long returnAddress, int sysinit, byte barrier, int privilege) {
        idleJumpTarget = -1;
        if (top == MAX_DEPTH) {
            droppedCalls++;
            return;
        }
        if (top == stackFrame.length) {
            int n = top * 2;
            stackFrame = java.util.Arrays.copyOf(stackFrame, n);
            stackReturn = java.util.Arrays.copyOf(stackReturn, n);
            stackFunction = java.util.Arrays.copyOf(stackFunction, n);
            stackBarrier = java.util.Arrays.copyOf(stackBarrier, n);
            stackPrivilege = java.util.Arrays.copyOf(stackPrivilege, n);
        }
        int parent = top == 0 ? -1 : stackFrame[top - 1];
        stackFrame[top] = frames.open(nameId, parent, lastTime, lastInsns, sysinit);
        stackReturn[top] = returnAddress;
        stackFunction[top] = function;
        stackBarrier[top] = barrier;
        stackPrivilege[top] = privilege;
        top++;
    }

    /** Closes the frames at stack levels {@code level} and up. */
    private void popTo(int level) {
        idleJumpTarget = -1;
        while (top > level) {
            top--;
            frames.close(stackFrame[top], lastTime, lastInsns);
        }
    }

    private int nameOf(int function, long address) {
        if (function >= 0) {
            int id = functionName[function];
            if (id < 0) {
                id = names.intern(functions.symbol(function).name());
                functionName[function] = id;
            }
            return id;
        }
        if (anonymousNames >= MAX_ANONYMOUS_NAMES) {
            return names.intern("[unknown]");
        }
        String hex = "0x" + Long.toHexString(address);
        if (names.find(hex) < 0) {
            anonymousNames++;
        }
        return names.intern(hex);
    }

    // ------------------------------------------------------------------ SYSINIT and TSLOG

    /** The SYSINIT that mi_startup is calling at {@code target}, preferring TSLOG's name for it. */
    private int sysinitFor(long target) {
        SysinitsOfFunction candidates = sysinitByFunction.get(target);
        if (candidates == null) {
            return FrameList.NO_SYSINIT;
        }
        String named = pendingSysinit;
        pendingSysinit = null;
        if (named != null) {
            Integer i = sysinitByName.get(named);
            if (i != null && trace.sysinits().get(i).function() == target) {
                return i;
            }
        }
        int i = candidates.byUdata.get(hart.x(10));
        return i != LongIntMap.MISSING ? i : candidates.first;
    }

    /** A call to the kernel's tslog(td, type, f, s): record it as the guest would log it. */
    private void recordTslog() {
        long t = now();
        long td = hart.x(10);
        int type = (int) hart.x(11) & 3;
        long fAddr = hart.x(12);
        int f = fAddr == 0 ? names.intern("(null)") : guestStrings.intern(fAddr);
        long sAddr = hart.x(13);
        int s = sAddr == 0 ? InstantList.NO_DETAIL : guestStrings.intern(sAddr);
        instants.add(InstantKind.tslog(type), t, lastInsns, f, s, td);
        tslogThreads.record(td, t, lastInsns, type, f, s);
        if (type == 0 && "SYSINIT".equals(names.name(f))) {
            pendingSysinit = s == InstantList.NO_DETAIL ? null : names.name(s);
        }
    }

    // ------------------------------------------------------------------ console

    @Override
    public void onByte(int b, long virtualNanos) {
        if (b == '\n') {
            flushLine(virtualNanos);
        } else if (b != '\r' && line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    private void flushLine(long virtualNanos) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        long t = Math.max(virtualNanos, lastTime);
        lastTime = t;
        instants.add(InstantKind.CONSOLE, t, Math.max(lastInsns, hart.instructionsRetired()),
                names.intern(text), InstantList.NO_DETAIL, 0);
        trace.appendConsole(text);
        trace.appendConsole("\n");
    }

    /**
     * Ends the recording at the hart's current time: a partial console line is kept, every open
     * frame closes, and the TSLOG records become per-thread tracks.
     */
    public void finish() {
        long t = now();
        if (line.size() > 0) {
            flushLine(t);
        }
        trace.finish(lastTime, lastInsns);
        tslogThreads.addTracks();
    }
}
