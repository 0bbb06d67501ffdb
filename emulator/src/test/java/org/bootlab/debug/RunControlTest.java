package org.bootlab.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bootlab.cpu.Hart;
import org.bootlab.debug.StopReason.Kind;
import org.junit.jupiter.api.Test;

/** Each run-control command on hand-assembled programs. */
class RunControlTest {

    private static RunControl calls() {
        return new RunControl(Programs.machine(Programs.calls()));
    }

    @Test
    void stepExecutesOneInstruction() {
        RunControl rc = calls();
        StopReason r = rc.step();
        assertEquals(Kind.STEP, r.kind());
        assertEquals(1, r.position());
        assertEquals(Programs.BASE + 4, r.pc());
        assertEquals(Programs.BASE + 0x10000, rc.state().x(Asm.SP));
    }

    @Test
    void breakpointStopsBeforeTheInstructionEveryTime() {
        RunControl rc = calls();
        Breakpoint b = rc.addBreakpoint(Programs.FUNC_BODY);
        for (int call = 0; call < 5; call++) {
            StopReason r = rc.resume();
            assertEquals(Kind.BREAKPOINT, r.kind());
            assertEquals(b.id(), r.id());
            assertEquals(Programs.FUNC_BODY, r.pc());
            assertEquals(call, rc.state().x(Asm.A0));
        }
        assertEquals(5, rc.breakpoints().get(0).hitCount());
        assertEquals(Kind.EXITED, rc.resume().kind());
    }

    @Test
    void conditionsAndIgnoreCountsFilterHits() {
        RunControl rc = calls();
        rc.addBreakpoint(Programs.FUNC_BODY, new RegisterCondition(Asm.A0, RegisterCondition.Op.EQ, 3), 0);
        assertEquals(3, stopAndRead(rc, Asm.A0));
        assertEquals(Kind.EXITED, rc.resume().kind());

        RunControl rc2 = calls();
        rc2.addBreakpoint(Programs.FUNC_BODY, null, 2);
        assertEquals(2, stopAndRead(rc2, Asm.A0));
        assertEquals(3, stopAndRead(rc2, Asm.A0));
    }

    private static long stopAndRead(RunControl rc, int register) {
        StopReason r = rc.resume();
        assertEquals(Kind.BREAKPOINT, r.kind(), r.describe());
        return rc.state().x(register);
    }

    @Test
    void stepOverRunsTheWholeCall() {
        RunControl rc = calls();
        rc.runTo(Programs.CALL);
        StopReason r = rc.stepOver();
        assertEquals(Kind.REACHED, r.kind());
        assertEquals(Programs.AFTER_CALL, r.pc());
        assertEquals(1, rc.state().x(Asm.A0));
        // Not a call: one instruction.
        assertEquals(Kind.STEP, rc.stepOver().kind());
        assertEquals(Programs.AFTER_CALL + 4, rc.state().pc());
    }

    @Test
    void stepOverStopsAtABreakpointInsideTheCall() {
        RunControl rc = calls();
        rc.runTo(Programs.CALL);
        rc.addBreakpoint(Programs.FUNC_BODY);
        assertEquals(Kind.BREAKPOINT, rc.stepOver().kind());
    }

    @Test
    void stepOutReturnsToTheCaller() {
        RunControl rc = calls();
        rc.runTo(Programs.FUNC_BODY);
        StopReason r = rc.stepOut();
        assertEquals(Kind.REACHED, r.kind());
        assertEquals(Programs.AFTER_CALL, r.pc());
        assertEquals(Programs.BASE + 0x10000, rc.state().x(Asm.SP));
    }

    @Test
    void runToStopsAtTheAddress() {
        RunControl rc = calls();
        StopReason r = rc.runTo(Programs.ECALL_AT);
        assertEquals(Kind.REACHED, r.kind());
        assertEquals(Programs.ECALL_AT, r.pc());
        assertEquals(5, rc.state().x(Asm.A0));
    }

    @Test
    void writeWatchpointReportsAddressAndValue() {
        RunControl rc = calls();
        Watchpoint w = rc.addWatchpoint(Watchpoint.Space.PHYSICAL, Programs.DATA, 8, Watchpoint.Access.WRITE);
        StopReason r = rc.resume();
        assertEquals(Kind.WATCHPOINT, r.kind());
        assertEquals(w.id(), r.id());
        assertTrue(r.write());
        assertEquals(Programs.DATA, r.address());
        assertEquals(5, r.value());
        assertEquals(8, r.width());
        assertEquals(Programs.STORE + 4, r.pc(), "stops after the store");
    }

    @Test
    void readWatchpointOnAStackSlotSeesEveryLoad() {
        RunControl rc = calls();
        long slot = Programs.BASE + 0x10000 - 16 + 8; // where func saves ra
        rc.addWatchpoint(Watchpoint.Space.VIRTUAL, slot, 8, Watchpoint.Access.READ);
        StopReason r = rc.resume();
        assertEquals(Kind.WATCHPOINT, r.kind());
        assertEquals(Programs.AFTER_CALL, r.value(), "the saved return address");
        assertEquals(Programs.FUNC + 0x14, r.pc());
        Watchpoint any = rc.addWatchpoint(Watchpoint.Space.VIRTUAL, slot, 8, Watchpoint.Access.ACCESS);
        StopReason next = rc.resume();
        assertEquals(any.id(), next.id(), "the next call's store of ra");
        assertTrue(next.write());
        assertEquals(Programs.FUNC + 8, next.pc());
    }

    @Test
    void trapBreakStopsAtTheHandler() {
        RunControl rc = calls();
        rc.setTrapBreaks(TrapBreaks.NONE.withException(11));
        StopReason r = rc.resume();
        assertEquals(Kind.TRAP, r.kind());
        assertEquals(11, r.cause());
        assertEquals(Programs.HANDLER, r.pc());
        assertEquals(Hart.PRIV_M, r.toPrivilege());
    }

    @Test
    void privilegeChangesStopBothWays() {
        RunControl rc = new RunControl(Programs.machine(Programs.privilege()));
        rc.setTrapBreaks(TrapBreaks.NONE.withPrivilegeChange(true));
        StopReason down = rc.resume();
        assertEquals(Kind.PRIVILEGE_CHANGE, down.kind());
        assertEquals(Hart.PRIV_M, down.fromPrivilege());
        assertEquals(Hart.PRIV_U, down.toPrivilege());
        assertEquals(Programs.USER, down.pc());
        StopReason up = rc.resume();
        assertEquals(Kind.PRIVILEGE_CHANGE, up.kind());
        assertEquals(Hart.PRIV_U, up.fromPrivilege());
        assertEquals(Programs.PRIV_HANDLER, up.pc());
        assertEquals(Kind.EXITED, rc.resume().kind());
    }

    @Test
    void interruptBreakStopsInTheHandler() {
        RunControl rc = new RunControl(Programs.machine(Programs.timer()));
        rc.setTrapBreaks(TrapBreaks.NONE.withInterrupt(Hart.IRQ_MTI));
        StopReason r = rc.resume();
        assertEquals(Kind.TRAP, r.kind());
        assertTrue(r.interrupt());
        assertEquals(Hart.IRQ_MTI, r.cause());
        // The run stops at the vector, before the handler's first instruction.
        assertEquals(Programs.TIMER_HANDLER, r.pc(), r.describe());
    }

    @Test
    void pauseFromAnotherThreadStopsAnEndlessLoop() throws Exception {
        RunControl rc = new RunControl(Programs.machine(Programs.timer()));
        Thread pauser = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            rc.requestPause();
        });
        pauser.start();
        StopReason r = rc.resume();
        pauser.join();
        assertEquals(Kind.PAUSED, r.kind());
        assertTrue(r.position() > 1000);
    }

    @Test
    void breakpointsListAndRemove() {
        RunControl rc = calls();
        Breakpoint b = rc.addBreakpoint(Programs.FUNC_BODY);
        assertEquals(List.of(b), rc.breakpoints());
        assertTrue(rc.setBreakpointEnabled(b.id(), false));
        assertEquals(Kind.EXITED, rc.resume().kind());
        assertTrue(rc.removeBreakpoint(b.id()));
        assertTrue(rc.breakpoints().isEmpty());
    }
}
