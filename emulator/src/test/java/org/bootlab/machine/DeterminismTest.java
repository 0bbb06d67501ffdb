package org.bootlab.machine;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same inputs give the same run: console bytes, instruction counts and virtual time, boot
 * after boot; and a machine restored from a snapshot continues exactly as the original did.
 */
class DeterminismTest {

    private static final long BUDGET = 200_000_000L;

    private static BootImage guestKernel() throws Exception {
        try (InputStream in = DeterminismTest.class.getResourceAsStream("/org/bootlab/guest/kernel.elf")) {
            assertNotNull(in, "the guest-kernel module's kernel.elf is on the test classpath");
            return ImageLoader.fromBytes("kernel.elf", in.readAllBytes(), MemoryMap.KERNEL_LOAD);
        }
    }

    private record Run(byte[] console, RunResult result) {
    }

    private static Run boot(String bootargs) throws Exception {
        Machine machine = new Machine(new MachineConfig(128, bootargs, null, guestKernel()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        machine.addConsoleListener((b, t) -> console.write(b));
        RunResult result = machine.run(BUDGET);
        return new Run(console.toByteArray(), result);
    }

    @Test
    void twoBootsOfTheSameInputsAreIdentical() throws Exception {
        Run first = boot("sysinit.sort=merge");
        Run second = boot("sysinit.sort=merge");
        assertEquals(ExitStatus.POWER_OFF, first.result().status(), new String(first.console()));
        assertArrayEquals(first.console(), second.console());
        assertEquals(first.result(), second.result());
        assertTrue(new String(first.console()).contains("sysinit: sorted 1125 entries with mergesort"));
    }

    @Test
    void aRestoredSnapshotContinuesExactlyAsTheOriginal() throws Exception {
        Machine machine = new Machine(new MachineConfig(128, "sysinit.sort=bubble", null, guestKernel()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        machine.addConsoleListener((b, t) -> console.write(b));
        assertEquals(ExitStatus.INSTRUCTION_LIMIT, machine.run(3_000_000).status());
        byte[] snapshot = machine.snapshot();
        int consoleAtSnapshot = console.size();

        RunResult original = machine.run(BUDGET);
        byte[] originalTail = tail(console.toByteArray(), consoleAtSnapshot);

        machine.restore(snapshot);
        console.reset();
        RunResult replayed = machine.run(BUDGET);

        assertEquals(ExitStatus.POWER_OFF, original.status());
        assertEquals(original, replayed);
        assertArrayEquals(originalTail, console.toByteArray());
    }

    private static byte[] tail(byte[] all, int from) {
        byte[] t = new byte[all.length - from];
        System.arraycopy(all, from, t, 0, t.length);
        return t;
    }
}
