package org.bootlab.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.bootlab.debug.StopReason.Kind;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.testing.TestElf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Run control and reverse execution on the guest kernel's boot (direct boot). */
class GuestKernelDebugTest {

    private static KernelImage kernel;

    @BeforeAll
    static void readKernel() throws IOException {
        kernel = new KernelImage();
    }

    private static Machine boot(String bootargs) {
        try {
            return new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, bootargs, null,
                    TestElf.read(KernelImage.elf())));
        } catch (IOException | ImageException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunControl debugger(RunControl.Options options) {
        RunControl rc = new RunControl(boot(""), options);
        rc.setSymbols(kernel.symbols);
        rc.setSysinits(kernel.sysinits);
        return rc;
    }

    private static long address(String symbol) {
        return kernel.symbols.byName(symbol).orElseThrow().address();
    }

    @Test
    void breakpointAtMiStartup() {
        RunControl rc = debugger(RunControl.Options.DEFAULT);
        rc.addBreakpoint(address("mi_startup"));
        StopReason r = rc.resume();
        assertEquals(Kind.BREAKPOINT, r.kind());
        assertEquals(address("mi_startup"), r.pc());
        assertTrue(!rc.console().text().contains("Copyright"), "a SYSINIT prints it");
        rc.runToSubsystem("SI_SUB_COPYRIGHT");
        rc.stepOut();
        assertTrue(rc.console().text().contains("Copyright"));
    }

    @Test
    void runToSymbolThenStepSysinitVisitsTheSortedTable() {
        RunControl rc = debugger(RunControl.Options.DEFAULT);
        assertEquals(Kind.REACHED, rc.runToSymbol("mi_startup").kind());
        List<SysinitEntry> table = kernel.sysinits;
        for (int i = 0; i < 40; i++) {
            StopReason r = rc.stepSysinit();
            assertEquals(Kind.SYSINIT, r.kind(), r.describe());
            assertEquals(table.get(i), r.sysinit());
            assertEquals(table.get(i).function(), r.pc());
        }
    }

    @Test
    void runToSubsystemStopsAtItsFirstSysinit() {
        RunControl rc = debugger(RunControl.Options.DEFAULT);
        StopReason r = rc.runToSubsystem("SI_SUB_DRIVERS");
        assertEquals(Kind.SYSINIT, r.kind());
        SysinitEntry first = kernel.sysinits.stream().filter(e -> e.subsystemName().equals("SI_SUB_DRIVERS"))
                .findFirst().orElseThrow();
        assertEquals(first, r.sysinit());
        // Stepping on goes to the next entry in sorted order.
        assertEquals(kernel.sysinits.get(first.index() + 1), rc.stepSysinit().sysinit());
    }

    @Test
    void reverseExecutionOverTheBootMatchesAForwardRun() {
        RunControl rc = debugger(new RunControl.Options(100_000, 64L << 20));
        assertEquals(Kind.EXITED, rc.resume().kind());
        long end = rc.position();
        String console = rc.console().text();
        for (long target : new long[] {end - 1, end / 2, end / 3 + 17, 12_345}) {
            rc.seek(target);
            Machine fresh = boot("");
            fresh.run(target);
            assertTrue(MachineState.of(fresh.hart()).sameAs(rc.state()), "state at " + target);
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < console.length() && rc.console().length() > i; i++) {
                expected.append(console.charAt(i));
            }
            assertEquals(expected.toString(), rc.console().text());
            assertTrue(console.startsWith(rc.console().text()));
            for (int i = 0; i < rc.console().length(); i++) {
                assertTrue(rc.console().positionOf(i) <= target);
            }
        }
        rc.reverseStep();
        assertEquals(12_344, rc.position());
        assertEquals(Kind.EXITED, rc.resume().kind());
        assertEquals(console, rc.console().text());
        assertEquals(end, rc.position());
    }

    @Test
    void reverseContinueToTheLastSysinitEntered() {
        RunControl rc = debugger(new RunControl.Options(50_000, 64L << 20));
        SysinitEntry drivers = rc.runToSubsystem("SI_SUB_DRIVERS").sysinit();
        long fn = kernel.sysinits.get(30).function();
        SysinitEntry lastBefore = kernel.sysinits.subList(0, drivers.index()).stream()
                .filter(e -> e.function() == fn).reduce((a, b) -> b).orElseThrow();
        rc.addBreakpoint(fn);
        StopReason back = rc.reverseContinue();
        assertEquals(Kind.BREAKPOINT, back.kind());
        assertEquals(fn, rc.state().pc());
        assertEquals(lastBefore.udata(), rc.state().x(10));
        // It is the last call of fn before SI_SUB_DRIVERS: going on from it reaches the subsystem.
        rc.removeBreakpoint(back.id());
        assertEquals("SI_SUB_DRIVERS", rc.runToSubsystem("SI_SUB_DRIVERS").sysinit().subsystemName());
    }

    @Test
    void checkpointsOfAWholeBootHoldLittleMoreThanTheRamItWrote() {
        RunControl rc = new RunControl(boot("sysinit.sort=bubble"), new RunControl.Options(20_000, 256L << 20));
        assertEquals(Kind.EXITED, rc.resume().kind());
        // The kernel writes a free-list pointer into every page it does not use, so the RAM's
        // contents (128 MiB) are the floor; the diffs of 370 intervals add little to it.
        assertTrue(rc.checkpointCount() > 300, "checkpoints: " + rc.checkpointCount());
        assertTrue(rc.checkpointBytes() < (128L + 8) << 20, "checkpoints hold " + rc.checkpointBytes());
        long target = rc.position() * 2 / 3;
        rc.seek(target);
        Machine fresh = boot("sysinit.sort=bubble");
        fresh.run(target);
        assertTrue(MachineState.of(fresh.hart()).sameAs(rc.state()));
    }
}
