package org.bootlab.hostile;

import static org.bootlab.hostile.Rv.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bootlab.cpu.Csr;
import org.bootlab.debug.ConsoleHistory;
import org.bootlab.debug.RunControl;
import org.bootlab.debug.StopReason;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.BootImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guests that misbehave on purpose: illegal instructions, wild jumps, WFI with nothing to wake
 * it, an interrupt storm, printing without end. The emulator takes the traps the architecture
 * says, stays responsive (its budget and requestStop end every run) and keeps its memory.
 * Broken virtqueues: VirtioMmioTest and VirtqueueFuzzTest.
 */
class HostileGuestTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Machine machine(BootImage firmware) throws Exception {
        return new Machine(new MachineConfig(MachineConfig.MIN_MEM_MIB, "", firmware, null));
    }

    /** Traps back to its own first instruction, which does it again: a fault loop. */
    private static BootImage faultLoop(String name, int faulting) {
        return firmware(name, auipc(T0, 0), csrrw(ZERO, MTVEC, T0), lui(T1, 0xdeadb), faulting);
    }

    @Test
    void illegalInstructionsForeverRunToTheBudget() throws Exception {
        try (Machine m = machine(faultLoop("illegal.bin", 0xffff_ffff))) {
            RunResult r = assertTimeoutPreemptively(LIMIT, () -> m.run(500_000));
            assertEquals(ExitStatus.INSTRUCTION_LIMIT, r.status());
            assertEquals(2L, m.hart().peekCsr(Csr.MCAUSE), "illegal instruction");
            assertEquals(0xffff_ffffL, m.hart().peekCsr(Csr.MTVAL), "the instruction, in mtval");
        }
    }

    @Test
    void wildJumpsFaultWithTheAddress() throws Exception {
        try (Machine m = machine(faultLoop("wild.bin", jalr(ZERO, T1, 0)))) {
            RunResult r = assertTimeoutPreemptively(LIMIT, () -> m.run(500_000));
            assertEquals(ExitStatus.INSTRUCTION_LIMIT, r.status());
            assertEquals(1L, m.hart().peekCsr(Csr.MCAUSE), "instruction access fault");
            assertEquals(0xffff_ffff_dead_b000L, m.hart().peekCsr(Csr.MTVAL));
        }
    }

    @Test
    void zeroFilledFirmwareFaultsAtAddressZeroWithoutEnd() throws Exception {
        // c.illegal at the entry; mtvec is 0 at reset, where nothing answers a fetch.
        byte[] zeros = new byte[4096];
        BootImage image = new BootImage("zeros.bin", 0x8000_0000L,
                java.util.List.of(new BootImage.Segment(0x8000_0000L, zeros, zeros.length)));
        try (Machine m = machine(image)) {
            RunResult r = assertTimeoutPreemptively(LIMIT, () -> m.run(1_000_000));
            assertEquals(ExitStatus.INSTRUCTION_LIMIT, r.status());
            assertEquals(1L, m.hart().peekCsr(Csr.MCAUSE));
            assertEquals(0L, m.hart().pc());
        }
    }

    @Test
    void wfiWithNothingToWakeItHalts() throws Exception {
        try (Machine m = machine(firmware("wfi.bin", WFI, jal(ZERO, -4)))) {
            RunResult r = assertTimeoutPreemptively(LIMIT, () -> m.run(Long.MAX_VALUE));
            assertEquals(ExitStatus.HALTED, r.status());
        }
        Path wfi = Files.write(dir.resolve("wfi.bin"), bytes(WFI, jal(ZERO, -4)));
        Cli.Run run = Cli.bootlab("boot", "--bios", wfi.toString(), "--kernel", wfi.toString());
        assertEquals(125, run.status(), run.err());
        assertTrue(run.err().startsWith("bootlab: the guest halted: it waits for an interrupt that nothing can raise"),
                run.err());
    }

    /** mtimecmp = 0 and a handler that returns at once: a machine timer interrupt after every instruction. */
    private static BootImage interruptStorm() {
        return firmware("storm.bin",
                auipc(T0, 0), addi(T0, T0, 0x40), csrrw(ZERO, MTVEC, T0),
                lui(T1, 0x2004), sd(ZERO, T1, 0),
                addi(T2, ZERO, 0x80), csrrs(ZERO, MIE, T2),
                addi(T2, ZERO, 8), csrrs(ZERO, MSTATUS, T2),
                jal(ZERO, 0), 0, 0, 0, 0, 0, 0,
                MRET);
    }

    @Test
    void anInterruptStormStillEndsAtTheBudgetAndOnRequest() throws Exception {
        try (Machine m = machine(interruptStorm())) {
            RunResult r = assertTimeoutPreemptively(LIMIT, () -> m.run(500_000));
            assertEquals(ExitStatus.INSTRUCTION_LIMIT, r.status());
            assertEquals(0x8000_0000_0000_0007L, m.hart().peekCsr(Csr.MCAUSE), "machine timer interrupts");

            CompletableFuture<RunResult> endless = CompletableFuture.supplyAsync(() -> m.run(Long.MAX_VALUE));
            Thread.sleep(200);
            m.requestStop();
            assertEquals(ExitStatus.STOPPED, endless.get(LIMIT.toSeconds(), TimeUnit.SECONDS).status());
        }
    }

    /** Writes 'A' to the UART's THR in a two-instruction loop. */
    private static int[] printer() {
        return new int[] {lui(T5, 0x10000), addi(T6, ZERO, 'A'), sb(T6, T5, 0), jal(ZERO, -4)};
    }

    @Test
    void printingWithoutEndIsStoppedByTheBudget() throws Exception {
        Path printer = Files.write(dir.resolve("printer.bin"), bytes(printer()));
        Cli.Run run = Cli.bootlab("boot", "--bios", printer.toString(), "--kernel", printer.toString(),
                "--max-instructions", "200000");
        assertEquals(124, run.status(), run.err());
        assertTrue(run.out().length() > 90_000 && run.out().chars().allMatch(c -> c == 'A'),
                "the guest's output, as it printed it");
    }

    @Test
    void theDebuggersConsoleKeepsOnlyTheNewestOutput() throws Exception {
        try (Machine m = machine(firmware("printer.bin", printer()))) {
            RunControl rc = new RunControl(m);
            ConsoleHistory console = rc.console();
            int wanted = ConsoleHistory.MAX_BYTES + ConsoleHistory.MAX_BYTES / 2;
            AtomicInteger printed = new AtomicInteger();
            AtomicInteger dropped = new AtomicInteger();
            console.addListener(new ConsoleHistory.Listener() {
                @Override
                public void onAppend(int index, int b, long position, long virtualNanos) {
                    if (printed.incrementAndGet() == wanted) {
                        rc.requestPause();
                    }
                }

                @Override
                public void onTruncate(int newLength) {
                }

                @Override
                public void onDropOldest(int count) {
                    dropped.addAndGet(count);
                }
            });
            StopReason stop = assertTimeoutPreemptively(Duration.ofSeconds(120), rc::resume);
            assertEquals(StopReason.Kind.PAUSED, stop.kind());
            assertTrue(console.length() <= ConsoleHistory.MAX_BYTES, "kept " + console.length());
            assertEquals(printed.get(), console.length() + dropped.get(), "every byte kept or reported dropped");
            assertTrue(console.positionOf(console.length() - 1) > console.positionOf(0), "newest last");
        }
    }
}
