package org.bootlab.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI run in-process with captured streams, as a person would see it. */
class BootLabCliTest {

    private static final byte[] CODE = {0x13, 0x05, 0x10, 0x00, 0x6f, 0x00, 0x00, 0x00};

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run bootlab(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BootLabCli.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit status 2 and exactly one line on stderr that contains {@code expected}, no stack trace. */
    static void assertBadInput(Run run, String expected) {
        assertEquals(2, run.status(), run.err());
        String err = run.err();
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "one line: " + err);
        assertTrue(err.startsWith("bootlab: "), err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("at org."), err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }

    private Path rawKernel() throws Exception {
        return Files.write(dir.resolve("kernel.bin"), CODE);
    }

    @Test
    void optionsOutOfRange() throws Exception {
        String kernel = rawKernel().toString();
        assertBadInput(bootlab("boot", "--kernel", kernel, "--mem", "8"), "--mem 8 is outside 16..4096 MiB");
        assertBadInput(bootlab("boot", "--kernel", kernel, "--mem", "8192"), "--mem 8192 is outside");
        assertBadInput(bootlab("boot", "--kernel", kernel, "--mem", "lots"), "'--mem'");
        assertBadInput(bootlab("boot", "--kernel", kernel, "--max-instructions", "-5"),
                "--max-instructions must be 0 or more, not -5");
        assertBadInput(bootlab("boot", "--frobnicate"), "--frobnicate");
        assertBadInput(bootlab("boot", "--kernel"), "--kernel");
        assertBadInput(bootlab("bench", "--seconds", "0"), "--seconds must be 1..3600, not 0");
        assertBadInput(bootlab("launch"), "launch");
        assertBadInput(bootlab(), "missing command");
    }

    @Test
    void unusableFiles() throws Exception {
        Path missing = dir.resolve("fw_jump.elf");
        assertBadInput(bootlab("boot", "--bios", missing.toString()), missing + ": no such file");

        Path elf = Files.write(dir.resolve("bzImage"), elfHeaderFor(62));
        assertBadInput(bootlab("boot", "--kernel", elf.toString()), elf + ": not a RISC-V ELF (machine 62 = x86-64)");
        Path rv32 = Files.write(dir.resolve("rv32.elf"), elfHeaderClass32());
        assertBadInput(bootlab("boot", "--kernel", rv32.toString()), "is a 32-bit ELF; BootLab runs RV64");
    }

    /** Just enough of an ELF header to be refused for its machine field. */
    private static byte[] elfHeaderFor(int machine) {
        byte[] b = new byte[64];
        b[0] = 0x7f; b[1] = 'E'; b[2] = 'L'; b[3] = 'F'; b[4] = 2; b[5] = 1; b[6] = 1;
        b[16] = 2;
        b[18] = (byte) machine;
        return b;
    }

    private static byte[] elfHeaderClass32() {
        byte[] b = elfHeaderFor(243);
        b[4] = 1;
        return b;
    }

    @Test
    void configProblems() throws Exception {
        Path missing = dir.resolve("vm.json");
        assertBadInput(bootlab("boot", "--config", missing.toString()), missing + ": no such file");

        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\n  \"boot-source\": {,\n}\n");
        assertBadInput(bootlab("boot", "--config", malformed.toString()), malformed + ":2:19: malformed JSON");

        Path twoCpus = Files.writeString(dir.resolve("smp.json"), "{\"machine-config\": {\"vcpu_count\": 2}}");
        assertBadInput(bootlab("boot", "--config", twoCpus.toString()), "exactly one hart");
    }

    @Test
    void commandLineOverridesTheConfigAndUnusedKeysAreReported() throws Exception {
        Path config = Files.writeString(dir.resolve("vm.json"), """
                {"boot-source": {"kernel_image_path": "%s", "boot_args": "console=ttyS0"},
                 "machine-config": {"vcpu_count": 1, "mem_size_mib": 64},
                 "vsock": {"guest_cid": 3, "uds_path": "/tmp/v.sock"},
                 "surprise": true}
                """.formatted(dir.resolve("not-there.elf")));
        Run run = bootlab("boot", "--config", config.toString(), "--kernel", rawKernel().toString(),
                "--max-instructions", "0");
        assertEquals(0, run.status(), run.err());
        assertEquals(config + ": 'vsock' is not supported (there is no virtio-vsock device); ignoring it\n"
                + config + ": ignoring unknown key 'surprise'\n", run.err());
    }

    @Test
    void configKernelIsUsedWithoutKernelOption() throws Exception {
        Path config = Files.writeString(dir.resolve("vm.json"),
                "{\"boot-source\": {\"kernel_image_path\": \"" + dir.resolve("absent.elf") + "\"}}");
        assertBadInput(bootlab("boot", "--config", config.toString()), dir.resolve("absent.elf") + ": no such file");
    }

    @Test
    void missingEmbeddedKernelIsOneClearLine() {
        InputException e = assertThrows(InputException.class,
                () -> EmbeddedKernel.load("/org/bootlab/guest/no-such-kernel.elf"));
        assertEquals("this build has no embedded guest kernel (/org/bootlab/guest/no-such-kernel.elf is not on "
                + "the classpath); give --kernel FILE or --bios FILE", e.getMessage());

        Run run = bootlab("boot", "--max-instructions", "0");
        if (BootLabCli.class.getResource(EmbeddedKernel.RESOURCE) == null) {
            assertBadInput(run, "this build has no embedded guest kernel");
        } else {
            assertEquals(0, run.status(), run.err());
        }
    }

    @Test
    void dtbOutWritesTheDeviceTree() throws Exception {
        Path dtb = dir.resolve("virt.dtb");
        Run run = bootlab("boot", "--kernel", rawKernel().toString(), "--dtb-out", dtb.toString(),
                "--max-instructions", "0");
        assertEquals(0, run.status(), run.err());
        byte[] blob = Files.readAllBytes(dtb);
        assertTrue(blob.length > 40, "a DTB header and more");
        assertEquals(0xd00dfeedL, ((blob[0] & 0xffL) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8)
                | (blob[3] & 0xff), "FDT magic");

        Path nowhere = dir.resolve("no/such/dir/virt.dtb");
        assertBadInput(bootlab("boot", "--kernel", rawKernel().toString(), "--dtb-out", nowhere.toString(),
                "--max-instructions", "0"), "--dtb-out " + nowhere + ": cannot write");
    }

    @Test
    void aKernelThatDoesNotFitInRamIsRefused() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[15 << 20]);
        assertBadInput(bootlab("boot", "--kernel", big.toString(), "--mem", "16", "--max-instructions", "0"),
                big + ": segment 0x80200000..0x81100000 lies outside RAM 0x80000000..0x81000000");
    }

    @Test
    void exitStatusForEachWayARunEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, BootCommand.exitStatus(new RunResult(ExitStatus.POWER_OFF, 0, 10, 10), err));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(3, BootCommand.exitStatus(new RunResult(ExitStatus.FAILED, 3, 10, 10), err));
        assertEquals(255, BootCommand.exitStatus(new RunResult(ExitStatus.FAILED, 255, 10, 10), err));
        assertEquals(1, BootCommand.exitStatus(new RunResult(ExitStatus.FAILED, 0, 10, 10), err));
        assertEquals(1, BootCommand.exitStatus(new RunResult(ExitStatus.FAILED, 256, 10, 10), err));
        assertEquals(0, BootCommand.exitStatus(new RunResult(ExitStatus.RESET, 0, 10, 10), err));
        assertEquals(124, BootCommand.exitStatus(new RunResult(ExitStatus.INSTRUCTION_LIMIT, 0, 10, 10), err));
        assertEquals(130, BootCommand.exitStatus(new RunResult(ExitStatus.STOPPED, 0, 10, 10), err));
        assertEquals("""
                bootlab: the guest reported failure with code 3
                bootlab: the guest reported failure with code 255
                bootlab: the guest reported failure with code 0, which is not an exit status 1..255; exiting with 1
                bootlab: the guest reported failure with code 256, which is not an exit status 1..255; exiting with 1
                bootlab: the guest asked for a reset; like Firecracker, BootLab ends the VM instead
                bootlab: stopped at the instruction limit after 10 instructions
                bootlab: interrupted after 10 instructions
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpDocumentsTheExitStatuses() {
        Run run = bootlab("boot", "--help");
        assertEquals(0, run.status());
        for (String s : new String[] {"--bios", "--kernel", "--bootargs", "--mem", "--max-instructions",
                "--dtb-out", "--config", "Exit status", "124", "130"}) {
            assertTrue(run.out().contains(s), s + " in:\n" + run.out());
        }
        Run top = bootlab("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("boot") && top.out().contains("bench"), top.out());
        Run version = bootlab("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("bootlab "), version.out());
    }
}
