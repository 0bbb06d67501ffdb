package org.bootlab.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.RunResult;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchGuestTest {

    /** The same program as BenchGuest's comment, for the GNU assembler. */
    private static final String SOURCE = """
            .option norvc
            _start: auipc s1, 0
                    ld    a0, 0x100(s1)
                    ld    t4, 0x108(s1)
                    lui   t0, 0x10
                    add   s0, s1, t0
                    li    a1, 0
                    li    a2, 1
            loop:   andi  t0, a1, 511
                    slli  t0, t0, 3
                    add   t0, s0, t0
                    ld    t1, 0(t0)
                    add   a2, a2, t1
                    slli  t2, a2, 13
                    xor   a2, a2, t2
                    srli  t2, a2, 7
                    xor   a2, a2, t2
                    mul   t3, a2, a1
                    add   t3, t3, a1
                    sd    t3, 0(t0)
                    addi  a1, a1, 1
                    bne   a1, a0, loop
                    lui   t5, 0x100
                    bne   a2, t4, fail
                    lui   t6, 0x5
                    addi  t6, t6, 0x555
                    sw    t6, 0(t5)
            hang:   j     hang
            fail:   lui   t6, 0x13
                    addi  t6, t6, 0x333
                    sw    t6, 0(t5)
                    j     hang
            """;

    @TempDir
    Path dir;

    @Test
    void handEncodedWordsMatchTheAssembler() throws Exception {
        Path as = Tools.require("riscv64-unknown-elf-as");
        Path objcopy = Tools.require("riscv64-unknown-elf-objcopy");
        Path source = Files.writeString(dir.resolve("bench.S"), SOURCE);
        Path object = dir.resolve("bench.o");
        Path binary = dir.resolve("bench.bin");
        exec(as.toString(), "-march=rv64gc", "-o", object.toString(), source.toString());
        exec(objcopy.toString(), "-O", "binary", "-j", ".text", object.toString(), binary.toString());

        ByteBuffer words = ByteBuffer.wrap(Files.readAllBytes(binary)).order(ByteOrder.LITTLE_ENDIAN);
        int[] expected = new int[words.remaining() / 4];
        words.asIntBuffer().get(expected);
        assertArrayEquals(expected, BenchGuest.code());
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        p.getInputStream().transferTo(output);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
    }

    @Test
    void checksumModelIsStable() {
        assertEquals(BenchGuest.expectedChecksum(1000), BenchGuest.expectedChecksum(1000));
        assertTrue(BenchGuest.expectedChecksum(1000) != BenchGuest.expectedChecksum(1001));
    }

    @Test
    void guestComputesTheChecksumAndPowersOff() throws Exception {
        long iterations = 10_000;
        Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "",
                BenchGuest.finite(iterations), null));
        RunResult result = machine.run(1_000_000);
        assertEquals(ExitStatus.POWER_OFF, result.status(), "code " + result.code());
        assertTrue(result.instructions() >= iterations * BenchGuest.INSTRUCTIONS_PER_ITERATION, result.toString());
    }

    @Test
    void guestReportsAWrongChecksumAsFailure() throws Exception {
        long iterations = 100;
        Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "",
                BenchGuest.image(iterations, BenchGuest.expectedChecksum(iterations) + 1), null));
        RunResult result = machine.run(100_000);
        assertEquals(ExitStatus.FAILED, result.status());
        assertEquals(1, result.code());
    }

    @Test
    void benchCommandRunsAndReportsTheMedian() {
        BootLabCliTest.Run run = BootLabCliTest.bootlab("bench", "--seconds", "1");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("round  1:") && run.out().contains("median:"), run.out());
    }
}
