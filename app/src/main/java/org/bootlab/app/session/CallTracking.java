package org.bootlab.app.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bootlab.cpu.Hart;
import org.bootlab.cpu.HartListener;
import org.bootlab.machine.Machine;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.trace.CallStackTracker;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.Trace;

/**
 * The call stack and the SYSINITs' times, from a {@link CallStackTracker} that records the run
 * into a {@link Trace}. Emulator thread only.
 *
 * <p>The tracker follows execution at the <em>frontier</em>, the furthest point the machine has
 * reached. Reverse execution re-runs stretches of the past from checkpoints, which the tracker
 * must not see, so it is detached first; while the machine is behind the frontier the views read
 * the recorded frames at the machine's virtual time (the machine is deterministic, so the record
 * is its past). Running forward again from behind, a per-instruction listener re-attaches the
 * tracker at the exact step where it left off.
 */
public final class CallTracking {

    /** One frame of the stack, outermost first. */
    public record Frame(String function, long startNanos, int sysinit) {
    }

    /** A SYSINIT's state at the machine's current time, and the virtual time it has taken so far. */
    public enum SysinitState { PENDING, RUNNING, DONE }

    private final Machine machine;
    private final Trace trace = new Trace();
    private final CallStackTracker tracker;
    private final FrameList frames;
    private boolean attached;
    /** The step count the tracker has seen up to, while detached. */
    private long frontier;
    /** Per SYSINIT index, the first frame that ran it, or -1; filled from {@link #scanned} on. */
    private final int[] sysinitFrame;
    private int scanned;

    private final HartListener catchUp = new HartListener() {
        @Override
        public void beforeInstruction(Hart hart, long pc) {
            if (hart.steps() >= frontier) {
                hart.removeListener(this);
                attachTracker();
            }
        }
    };

    public CallTracking(Machine machine, SymbolTable symbols, List<SysinitEntry> sysinits) {
        this.machine = machine;
        trace.sysinits().addAll(sysinits);
        tracker = new CallStackTracker(machine, trace, symbols);
        frames = tracker.track().frames();
        sysinitFrame = new int[sysinits.size()];
        Arrays.fill(sysinitFrame, -1);
        attachTracker();
    }

    /** Before a command: reverse ones run with the tracker off; forward ones with it on, or catching up. */
    public void beforeCommand(boolean reverse) {
        Hart hart = machine.hart();
        if (reverse) {
            if (attached) {
                tracker.detach(machine);
                attached = false;
                frontier = hart.steps();
            }
            hart.removeListener(catchUp);
        } else if (!attached) {
            if (hart.steps() >= frontier) {
                attachTracker();
            } else {
                hart.addListener(catchUp);
            }
        }
    }

    private void attachTracker() {
        tracker.attach(machine);
        attached = true;
    }

    /** The recording, for a timeline. */
    public Trace trace() {
        return trace;
    }

    /** The frames open at virtual time {@code now}, outermost first. */
    public List<Frame> stack(long now) {
        int last = frames.firstStartingAtOrAfter(now + 1) - 1;
        List<Frame> out = new ArrayList<>();
        for (int f = last; f >= 0; f = frames.parent(f)) {
            if (frames.end(f) > now) {
                out.add(new Frame(trace.name(frames.name(f)), frames.start(f), frames.sysinit(f)));
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** Each SYSINIT's state at virtual time {@code now}. */
    public SysinitState[] sysinitStates(long now) {
        scan();
        SysinitState[] states = new SysinitState[sysinitFrame.length];
        for (int i = 0; i < states.length; i++) {
            int f = sysinitFrame[i];
            states[i] = f < 0 || frames.start(f) > now ? SysinitState.PENDING
                    : frames.end(f) <= now ? SysinitState.DONE : SysinitState.RUNNING;
        }
        return states;
    }

    /** Virtual time each SYSINIT took (so far, for a running one) at {@code now}; 0 when pending. */
    public long[] sysinitNanos(long now) {
        scan();
        long[] nanos = new long[sysinitFrame.length];
        for (int i = 0; i < nanos.length; i++) {
            int f = sysinitFrame[i];
            if (f >= 0 && frames.start(f) <= now) {
                nanos[i] = Math.min(frames.end(f), now) - frames.start(f);
            }
        }
        return nanos;
    }

    /** The innermost SYSINIT running at {@code now}, or -1. */
    public int currentSysinit(long now) {
        List<Frame> stack = stack(now);
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (stack.get(i).sysinit() >= 0) {
                return stack.get(i).sysinit();
            }
        }
        return -1;
    }

    /** Indexes the SYSINIT frames recorded since the last scan. */
    private void scan() {
        int n = frames.size();
        for (; scanned < n; scanned++) {
            int s = frames.sysinit(scanned);
            if (s >= 0 && s < sysinitFrame.length && sysinitFrame[s] < 0) {
                sysinitFrame[s] = scanned;
            }
        }
    }
}
