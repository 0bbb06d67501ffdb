package org.bootlab.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bootlab.debug.StopReason.Kind;
import org.bootlab.machine.Machine;
import org.junit.jupiter.api.Test;

/** Reverse step, reverse continue and seeking return to exactly the states a forward run passes. */
class ReverseExecutionTest {

    private static void assertSame(MachineState expected, MachineState actual) {
        assertTrue(expected.sameAs(actual), () -> "at position " + expected.position() + " expected pc 0x"
                + Long.toHexString(expected.pc()) + ", got position " + actual.position() + " pc 0x"
                + Long.toHexString(actual.pc()));
    }

    private static RunControl withInterval(Machine m, long interval) {
        return new RunControl(m, new RunControl.Options(interval, 64L << 20));
    }

    @Test
    void reverseStepRetracesEveryInstructionOfAProgram() {
        RunControl rc = withInterval(Programs.machine(Programs.calls()), 7);
        List<MachineState> states = new ArrayList<>();
        states.add(rc.state());
        while (rc.step().kind() == Kind.STEP) {
            states.add(rc.state());
        }
        states.add(rc.state());
        assertTrue(rc.machine().isFinished());
        for (int i = states.size() - 2; i >= 0; i--) {
            StopReason r = rc.reverseStep();
            assertEquals(Kind.STEP, r.kind());
            assertTrue(r.reverse());
            assertSame(states.get(i), rc.state());
        }
        assertEquals(Kind.HISTORY_START, rc.reverseStep().kind());
        assertEquals(Kind.EXITED, rc.resume().kind());
    }

    @Test
    void stepsChunksAndOneRunAgreeAcrossTimerInterrupts() {
        Machine whole = Programs.machine(Programs.timer());
        whole.run(30_000);
        Machine chunked = Programs.machine(Programs.timer());
        Random random = new Random(5);
        while (chunked.hart().steps() < 30_000) {
            chunked.run(Math.min(30_000 - chunked.hart().steps(), 1 + random.nextInt(2000)));
        }
        RunControl stepped = new RunControl(Programs.machine(Programs.timer()));
        for (int i = 0; i < 30_000; i++) {
            stepped.step();
        }
        assertTrue(whole.hart().x(Asm.S3) >= 7, "interrupts were taken");
        assertSame(MachineState.of(whole.hart()), MachineState.of(chunked.hart()));
        assertSame(MachineState.of(whole.hart()), stepped.state());
    }

    @Test
    void reverseStepAcrossInterruptsMatchesAForwardRun() {
        RunControl rc = withInterval(Programs.machine(Programs.timer()), 1000);
        List<MachineState> states = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            states.add(rc.state());
            rc.step();
        }
        for (int i = states.size() - 1; i >= 0; i -= 1) {
            rc.reverseStep();
            assertSame(states.get(i), rc.state());
        }
        rc.seek(8_000);
        assertSame(states.get(8_000), rc.state());
        rc.seek(3_333);
        assertSame(states.get(3_333), rc.state());
    }

    @Test
    void reverseContinueReturnsToEachEarlierHit() {
        RunControl rc = withInterval(Programs.machine(Programs.calls()), 5);
        rc.addBreakpoint(Programs.FUNC_BODY);
        List<MachineState> hits = new ArrayList<>();
        MachineState start = rc.state();
        for (int i = 0; i < 5; i++) {
            assertEquals(Kind.BREAKPOINT, rc.resume().kind());
            hits.add(rc.state());
        }
        for (int i = 3; i >= 0; i--) {
            StopReason r = rc.reverseContinue();
            assertEquals(Kind.BREAKPOINT, r.kind());
            assertTrue(r.reverse());
            assertSame(hits.get(i), rc.state());
        }
        assertEquals(Kind.HISTORY_START, rc.reverseContinue().kind());
        assertSame(start, rc.state());
        // Forward again from the start: the same hits.
        assertEquals(Kind.BREAKPOINT, rc.resume().kind());
        assertSame(hits.get(0), rc.state());
        assertEquals(5, rc.breakpoints().get(0).hitCount() - 1, "reverse execution does not count hits");
    }

    @Test
    void reverseContinueFindsThePreviousWatchpointHit() {
        RunControl rc = withInterval(Programs.machine(Programs.calls()), 4);
        long slot = Programs.BASE + 0x10000 - 16; // where func stores a0
        rc.addWatchpoint(Watchpoint.Space.VIRTUAL, slot, 8, Watchpoint.Access.WRITE);
        List<StopReason> hits = new ArrayList<>();
        List<MachineState> states = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            hits.add(rc.resume());
            states.add(rc.state());
        }
        StopReason back = rc.reverseContinue();
        assertEquals(Kind.WATCHPOINT, back.kind());
        assertEquals(hits.get(3).value(), back.value());
        assertEquals(4, back.value());
        assertEquals(slot, back.address());
        assertSame(states.get(3), rc.state());
    }

    /** Echoes UART input back: a guest whose run depends on when input arrives. */
    private static org.bootlab.machine.loader.BootImage echo() {
        return new Asm(0x40)
                .at(0x00, Asm.lui(Asm.T5, 0x10000))
                .at(0x04, Asm.i(0x03, 4, Asm.T0, Asm.T5, 5))      // lbu t0, LSR
                .at(0x08, Asm.i(0x13, 7, Asm.T0, Asm.T0, 1))      // andi t0, t0, 1
                .at(0x0c, Asm.b(0, Asm.T0, Asm.ZERO, -8))         // beq t0, zero, 0x04
                .at(0x10, Asm.i(0x03, 4, Asm.T1, Asm.T5, 0))      // lbu t1, RBR
                .at(0x14, Asm.s(0, Asm.T1, Asm.T5, 0))            // sb t1, THR
                .at(0x18, Asm.addi(Asm.S2, Asm.S2, 1))
                .at(0x1c, Asm.jal(Asm.ZERO, -0x18))
                .image();
    }

    @Test
    void consoleInputIsReplayedAtTheSamePositions() throws Exception {
        RunControl rc = withInterval(Programs.machine(echo()), 10_000);
        rc.sendInput("hello".getBytes());
        rc.seek(300_000);
        assertEquals("hello", rc.console().text());
        MachineState end = rc.state();
        long third = rc.console().positionOf(2);
        rc.seek(third);
        assertEquals("hel", rc.console().text());
        rc.seek(300_000);
        assertEquals("hello", rc.console().text());
        assertSame(end, rc.state());
        // New input after going back replaces the recorded future.
        rc.seek(third);
        rc.sendInput("P".getBytes());
        rc.seek(300_000);
        assertEquals("helP", rc.console().text().substring(0, 4));
    }

    @Test
    void debuggerWritesAreReplayed() {
        RunControl rc = withInterval(Programs.machine(Programs.calls()), 3);
        rc.runTo(Programs.FUNC_BODY);
        rc.writeRegister(Asm.A0, 100);
        rc.writeMemory(Programs.DATA + 8, new byte[] {42});
        assertEquals(Kind.WATCHPOINT, watchAndResume(rc).kind());
        MachineState atStore = rc.state();
        rc.seek(2);
        rc.seek(atStore.position());
        assertSame(atStore, rc.state());
        assertEquals(105, rc.state().x(Asm.A0));
        assertEquals(42, rc.readPhysical(Programs.DATA + 8, 1)[0]);
    }

    private static StopReason watchAndResume(RunControl rc) {
        rc.addWatchpoint(Watchpoint.Space.PHYSICAL, Programs.DATA, 8, Watchpoint.Access.WRITE);
        return rc.resume();
    }

    @Test
    void restoringPutsEveryRamPageBack() {
        Machine m = Programs.machine(Programs.timer());
        RunControl rc = withInterval(m, 2_000);
        rc.seek(5_000);
        byte[] before = m.snapshot();
        m.ram().write(0x5000, 8, 0x1234); // behind the debugger's back: undone by restoring
        rc.seek(9_000);
        rc.seek(5_000);
        assertEquals(java.util.Arrays.hashCode(before), java.util.Arrays.hashCode(m.snapshot()));
    }

    /** Rewrites 1 MiB (256 pages) with a new counter value every ~770 steps, endlessly. */
    private static org.bootlab.machine.loader.BootImage pageWriter() {
        return new Asm(0x40)
                .at(0x00, Asm.auipc(Asm.T5, 0x100))
                .at(0x04, Asm.lui(Asm.T2, 1))
                .at(0x08, Asm.lui(Asm.T1, 0x100))
                .at(0x0c, Asm.add(Asm.T1, Asm.T1, Asm.T5))
                .at(0x10, Asm.addi(Asm.S2, Asm.S2, 1))
                .at(0x14, Asm.addi(Asm.T0, Asm.T5, 0))
                .at(0x18, Asm.sd(Asm.S2, Asm.T0, 0))
                .at(0x1c, Asm.add(Asm.T0, Asm.T0, Asm.T2))
                .at(0x20, Asm.bne(Asm.T0, Asm.T1, -8))
                .at(0x24, Asm.jal(Asm.ZERO, -0x14))
                .image();
    }

    @Test
    void checkpointMemoryStaysUnderTheCapAndOldHistoryStillReplays() {
        long cap = 8L << 20;
        RunControl rc = new RunControl(Programs.machine(pageWriter()), new RunControl.Options(1_000, cap));
        rc.seek(400_000);
        // Unthinned, 400 checkpoints of 256 pages each would hold 400 MiB.
        assertTrue(rc.checkpointBytes() <= cap, "checkpoints hold " + rc.checkpointBytes());
        assertTrue(rc.checkpointCount() >= 4);
        for (long target : new long[] {399_999, 250_000, 3_210, 1}) {
            rc.seek(target);
            Machine fresh = Programs.machine(pageWriter());
            fresh.run(target);
            assertSame(MachineState.of(fresh.hart()), rc.state());
            assertEquals(java.util.Arrays.hashCode(fresh.snapshot()), java.util.Arrays.hashCode(rc.machine().snapshot()));
        }
    }
}
