package org.bootlab.isa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.RunResult;
import org.bootlab.testing.TestElf;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * BootLab's hart against its ISA test suite: every committed test ELF boots as firmware
 * (M-mode at its entry, a0 = hartid, a1 = DTB) on a 128 MiB machine and must power off through
 * the test device's pass code within its instruction budget. On failure the message names the
 * failing check, decoded from the test device code, and shows what the test printed.
 */
class IsaSuiteTest {

    /** Each test needs well under 10 million instructions; this leaves room, never hangs. */
    private static final long BUDGET = 50_000_000L;

    @TestFactory
    Stream<DynamicTest> everyTestPassesOnBootLab() {
        return IsaElfs.all().stream().map(elf -> DynamicTest.dynamicTest(
                elf.getFileName().toString(), () -> runOnBootLab(elf)));
    }

    /**
     * The test number from the guest's failure code: the value's upper half, as QEMU reports it,
     * whether the machine passes on the whole (testnum << 16) | 0x3333 word or only its upper half.
     */
    private static int testNumber(int code) {
        return (code & 0xffff) == 0x3333 ? code >>> 16 : code;
    }

    private static void runOnBootLab(Path elf) throws Exception {
        Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "",
                TestElf.read(elf), null));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        machine.addConsoleListener((b, nanos) -> console.write(b));
        RunResult result = machine.run(BUDGET);
        String why = switch (result.status()) {
            case FAILED -> IsaElfs.describe(testNumber(result.code()));
            case INSTRUCTION_LIMIT -> "still running after " + BUDGET + " instructions";
            default -> result.status().toString();
        };
        assertEquals(ExitStatus.POWER_OFF, result.status(), () -> elf.getFileName() + ": " + why
                + " after " + result.instructions() + " instructions\n"
                + console.toString(StandardCharsets.UTF_8));
    }
}
