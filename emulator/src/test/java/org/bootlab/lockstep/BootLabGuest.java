package org.bootlab.lockstep;

import java.util.ArrayList;
import java.util.List;

import org.bootlab.cpu.Hart;
import org.bootlab.cpu.HartListener;
import org.bootlab.cpu.Rvc;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.ImageException;

/**
 * BootLab's side of a lockstep run: a {@link Machine} run in chunks (counting the pcs it
 * reaches, to pick checkpoints QEMU can find cheaply) or one instruction at a time (recording
 * the traps each instruction takes). Re-created from its config to go back: the machine is
 * deterministic, so running it again to a step count reproduces the state exactly.
 */
final class BootLabGuest {

    /** A trap as the hart reported it. */
    record TrapRecord(boolean interrupt, int cause, long tval, long epc, int toPriv, long vector) {
        @Override
        public String toString() {
            return String.format("%s %d, tval %x, epc %x, to priv %d", interrupt ? "interrupt" : "exception",
                    cause, tval, epc, toPriv);
        }
    }

    /** One run(1): the instruction executed (pc, -1 if none) and the traps taken around it. */
    record StepRecord(long step, long pc, List<TrapRecord> traps, boolean interruptFirst) {
    }

    private final MachineConfig config;
    private Machine machine;
    private Hart hart;
    private RunResult last;

    BootLabGuest(MachineConfig config) throws ImageException {
        this.config = config;
        reset();
    }

    void reset() throws ImageException {
        machine = new Machine(config);
        hart = machine.hart();
        last = null;
    }

    Machine machine() {
        return machine;
    }

    Hart hart() {
        return hart;
    }

    long steps() {
        return hart.steps();
    }

    boolean finished() {
        return machine.isFinished();
    }

    RunResult lastResult() {
        return last;
    }

    /** Runs (without observing) until {@code target} steps have been taken, or the guest ends. */
    void advanceTo(long target) {
        runTo(target);
    }

    /**
     * How a counted run ended: the pc of its first instruction (where an interrupt at the start
     * may have sent it), and the hazard instruction it stopped after and its pc, if any (-1 if none).
     */
    record ChunkEnd(long firstPc, int hazard, long hazardPc) {
    }

    /**
     * Runs {@code n} steps, counting in {@code counts} every pc at which an instruction starts,
     * and stops early right after a {@linkplain QemuQuirks#isHazard hazard} instruction.
     * {@code kinds} caches which pcs hold one (1 no, 2 yes) for the caller's chunk.
     */
    ChunkEnd runCounted(long n, PcCounts counts, PcCounts kinds) {
        long[] first = {-1};
        int[] hazard = {-1};
        long[] hazardPc = {-1};
        HartListener counter = new HartListener() {
            @Override
            public void beforeInstruction(Hart h, long pc) {
                if (first[0] == -1) {
                    first[0] = pc;
                }
                counts.increment(pc);
                int kind = kinds.get(pc);
                if (kind == 0) {
                    int raw = instructionAt(pc);
                    kind = raw != -1 && QemuQuirks.isHazard(expand(raw)) ? 2 : 1;
                    kinds.put(pc, kind);
                }
                if (kind == 2) {
                    hazard[0] = expand(instructionAt(pc));
                    hazardPc[0] = pc;
                    h.requestStop(); // takes effect before the next instruction
                }
            }
        };
        hart.addListener(counter);
        long target = hart.steps() + n;
        while (hart.steps() < target && !machine.isFinished() && hazard[0] == -1) {
            long before = hart.steps();
            last = machine.run(target - before);
            if (hart.steps() == before) {
                break; // halted in WFI with nothing to wake it
            }
        }
        hart.removeListener(counter);
        return new ChunkEnd(first[0], hazard[0], hazardPc[0]);
    }

    static int expand(int raw) {
        return (raw & 3) == 3 ? raw : Rvc.expand(raw & 0xffff);
    }

    private void runTo(long target) {
        while (hart.steps() < target && !machine.isFinished()) {
            long before = hart.steps();
            last = machine.run(target - before);
            if (hart.steps() == before) {
                break; // halted in WFI with nothing to wake it
            }
        }
    }

    /** Executes one instruction (after any interrupt the hart takes first). */
    StepRecord step() {
        List<TrapRecord> traps = new ArrayList<>();
        long[] pc = {-1};
        boolean[] interruptFirst = {false};
        long step = hart.steps();
        HartListener recorder = new HartListener() {
            @Override
            public void beforeInstruction(Hart h, long at) {
                pc[0] = at;
            }

            @Override
            public void onTrap(Hart h, boolean interrupt, int cause, long tval, long epc, int fromPriv, int toPriv) {
                if (interrupt && pc[0] == -1) {
                    interruptFirst[0] = true;
                }
                traps.add(new TrapRecord(interrupt, cause, tval, epc, toPriv, h.pc()));
            }
        };
        hart.addListener(recorder);
        last = machine.run(1);
        hart.removeListener(recorder);
        return new StepRecord(step, pc[0], traps, interruptFirst[0]);
    }

    /** pc, privilege and x0..x31; with {@code full} also f0..f31 and the checkpoint CSRs. */
    HartState state(boolean full) {
        long[] x = new long[32];
        for (int i = 1; i < 32; i++) {
            x[i] = hart.x(i);
        }
        long[] f = null;
        long[] csrs = null;
        if (full) {
            f = new long[32];
            for (int i = 0; i < 32; i++) {
                f[i] = hart.f(i);
            }
            csrs = new long[HartState.CSRS.length];
            for (int i = 0; i < csrs.length; i++) {
                Long v = hart.peekCsr(HartState.CSRS[i]);
                csrs[i] = v == null ? 0 : v;
            }
        }
        return new HartState(hart.pc(), hart.privilege(), x, f, csrs);
    }

    /** The instruction word at a virtual pc (16-bit if compressed), or -1 if unreadable. */
    int instructionAt(long pc) {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            long pa = hart.translateForDebugger(pc + i);
            int b = pa == -1 ? -1 : machine.bus().peekByte(pa);
            if (b < 0) {
                return i >= 2 && (word & 3) != 3 ? word : -1;
            }
            word |= b << (8 * i);
            if (i == 1 && (word & 3) != 3) {
                return word;
            }
        }
        return word;
    }
}
