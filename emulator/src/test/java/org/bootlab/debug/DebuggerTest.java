package org.bootlab.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bootlab.debug.StopReason.Kind;
import org.junit.jupiter.api.Test;

/** The threaded front: commands from a "GUI" thread, execution on the emulator thread. */
class DebuggerTest {

    @Test
    void commandsFromAnotherThreadWhileTheMachineRuns() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Debugger d = new Debugger(new RunControl(Programs.machine(Programs.timer())))) {
            d.addListener(new Debugger.Listener() {
                @Override
                public void onResumed(String command) {
                    seen.add("resumed " + command);
                }

                @Override
                public void onStopped(Debugger.StopEvent event) {
                    seen.add("stopped " + event.reason().kind());
                }
            });
            var running = d.resume();
            Thread.sleep(100);
            assertTrue(d.status().running());
            // A breakpoint set while it runs takes effect without stopping it first. (Inside the
            // handler, not at its entry: a reverse step to a handler's entry lands before the
            // interrupt is taken; see RunControl.)
            Breakpoint b = d.call(rc -> rc.addBreakpoint(Programs.TIMER_HANDLER + 4)).get(5, TimeUnit.SECONDS);
            Debugger.StopEvent hit = running.get(5, TimeUnit.SECONDS);
            assertEquals(Kind.BREAKPOINT, hit.reason().kind());
            assertEquals(b.id(), hit.reason().id());
            assertEquals(Programs.TIMER_HANDLER + 4, hit.state().pc());
            assertTrue(!d.status().running());

            Debugger.StopEvent stepped = d.step().get(5, TimeUnit.SECONDS);
            assertEquals(hit.state().position() + 1, stepped.state().position());
            Debugger.StopEvent back = d.reverseStep().get(5, TimeUnit.SECONDS);
            assertTrue(hit.state().sameAs(back.state()));

            d.call(rc -> rc.removeBreakpoint(b.id())).get(5, TimeUnit.SECONDS);
            var again = d.resume();
            Thread.sleep(50);
            d.pause();
            assertEquals(Kind.PAUSED, again.get(5, TimeUnit.SECONDS).reason().kind());
        }
        assertEquals(List.of("resumed resume", "stopped BREAKPOINT", "resumed step", "stopped STEP",
                "resumed reverse step", "stopped STEP", "resumed resume", "stopped PAUSED"), seen);
    }

    /** Found by the gdb fuzz target: a detach right after a continue waited for the continue to end. */
    @Test
    void aCallMadeWhileACommandWaitsToStartDoesNotWaitForItsEnd() throws Exception {
        try (Debugger d = new Debugger(new RunControl(Programs.machine(Programs.timer())))) {
            CountDownLatch queued = new CountDownLatch(1);
            d.addListener(new Debugger.Listener() {
                @Override
                public void onStopped(Debugger.StopEvent event) {
                    try { // holds the emulator thread between the step and the resume queued behind it
                        queued.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            var step = d.step();
            Thread.sleep(50);
            var endless = d.resume();
            var call = d.call(RunControl::position);
            queued.countDown();
            assertEquals(Kind.STEP, step.get(5, TimeUnit.SECONDS).reason().kind());
            assertEquals(1, call.get(5, TimeUnit.SECONDS));
            while (!endless.isDone()) { // a pause before the resume's run begins is not kept
                d.pause();
                Thread.sleep(10);
            }
            assertEquals(Kind.PAUSED, endless.get().reason().kind());
        }
    }

    @Test
    void aFailingCommandCompletesExceptionally() throws Exception {
        try (Debugger d = new Debugger(new RunControl(Programs.machine(Programs.calls())))) {
            var f = d.runToSymbol("nowhere");
            assertTrue(f.handle((ok, e) -> e instanceof IllegalArgumentException).get(5, TimeUnit.SECONDS));
            assertEquals(Kind.EXITED, d.resume().get(5, TimeUnit.SECONDS).reason().kind());
        }
    }
}
