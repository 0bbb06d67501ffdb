package org.bootlab.hostile;

import static org.bootlab.hostile.Cli.assertBadInput;
import static org.bootlab.hostile.Cli.bootlab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command-line input the other CLI tests do not try: every subcommand's options out of range,
 * files of the wrong kind (a directory, a 3 GiB image), device options that cannot work, a
 * Firecracker config nested a hundred thousand deep, a kernel command line of 20 MiB. Each is
 * one line naming the input and the problem, exit status 2, no stack trace.
 */
class HostileCliTest {

    private static final byte[] LOOP = {0x13, 0x05, 0x10, 0x00, 0x6f, 0x00, 0x00, 0x00};

    @TempDir
    Path dir;

    private String kernel() throws Exception {
        return Files.write(dir.resolve("kernel.bin"), LOOP).toString();
    }

    @Test
    void everySubcommandRefusesItsBadOptions() {
        assertBadInput(bootlab("export", "--format", "bogus", "a", "b"), "--format bogus is not one of");
        assertBadInput(bootlab("export", "--format", "chrome", dir.resolve("in.bltrace").toString(), "out.json"),
                "in.bltrace: no such file");
        assertBadInput(bootlab("compare", dir.resolve("a").toString(), dir.resolve("b").toString()), "a: no such file");
        assertBadInput(bootlab("bench-reverse", "--points", "0"), "--points must be 1..10000, not 0");
        assertBadInput(bootlab("bench-reverse", "--interval", "0"), "--interval must be positive, not 0");
        assertBadInput(bootlab("bench-reverse", "--max-instructions", "-1"),
                "--max-instructions must be 1 or more, not -1");
        assertBadInput(bootlab("profile", "--mem", "8"), "--mem 8 is outside 16..4096 MiB");
        assertBadInput(bootlab("profile", "--bench", "0"), "--bench needs 1 or more boots, not 0");
        assertBadInput(bootlab("disasm"), "Missing required parameter: 'ELF'");
        assertBadInput(bootlab("sysinits", dir.toString()), dir + ": cannot read");
        assertBadInput(bootlab("boot", "--max-instructions", "many"), "'--max-instructions'");
    }

    @Test
    void outputFilesThatCannotBeWritten() throws Exception {
        Path nowhere = dir.resolve("no/such/dir/out");
        assertBadInput(bootlab("profile", "--kernel", kernel(), "--max-instructions", "10", "-o", nowhere.toString()),
                nowhere + ": cannot write the trace");
        Cli.Run tslog = bootlab("boot", "--kernel", kernel(), "--max-instructions", "10", "--tslog-out",
                nowhere.toString());
        assertEquals(2, tslog.status(), tslog.err());
        assertTrue(tslog.err().endsWith("bootlab: --tslog-out " + nowhere + ": cannot write: " + nowhere + ".part\n"),
                tslog.err());
    }

    @Test
    void deviceFilesThatCannotWork() throws Exception {
        String k = kernel();
        assertBadInput(bootlab("boot", "--kernel", k, "--disk", dir.toString(), "--max-instructions", "0"),
                "--disk " + dir + ": is a directory, not a disk image");
        assertBadInput(bootlab("boot", "--kernel", k, "--disk", k + ",bogus", "--max-instructions", "0"),
                "',bogus' is not a mode (FILE, FILE,ro or FILE,rw)");
        Path pcap = dir.resolve("no/such/dir/net.pcap");
        assertBadInput(bootlab("boot", "--kernel", k, "--pcap", pcap.toString(), "--max-instructions", "0"),
                "--pcap " + pcap + ": cannot create a file there (no such directory");
        assertBadInput(bootlab("boot", "--kernel", k, "--pcap", dir.toString(), "--max-instructions", "0"),
                "it is a directory");
    }

    @Test
    void aThreeGibibyteImageIsRefusedBeforeItIsRead() throws Exception {
        Path huge = dir.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: no disk space, and nothing should read it
        }
        assertBadInput(bootlab("boot", "--kernel", huge.toString()), huge + ": is too large (3221225472 bytes)");
        assertBadInput(bootlab("boot", "--kernel", dir.toString()), dir + ": is a directory, not an image file");
    }

    @Test
    void aFirecrackerConfigNestedWithoutEndIsMalformedJson() throws Exception {
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"a\":".repeat(100_000));
        assertBadInput(bootlab("boot", "--config", deep.toString()), deep + ":");
        Path array = Files.writeString(dir.resolve("array.json"), "[".repeat(100_000));
        assertBadInput(bootlab("boot", "--config", array.toString()), array + ":");
    }

    @Test
    void aKernelCommandLineLargerThanRamIsRefused() throws Exception {
        String k = kernel();
        Cli.Run fits = bootlab("boot", "--kernel", k, "--bootargs", "x".repeat(1 << 20), "--max-instructions", "10");
        assertEquals(124, fits.status(), fits.err());
        assertBadInput(bootlab("boot", "--kernel", k, "--mem", "16", "--bootargs", "x".repeat(20 << 20),
                "--max-instructions", "10"), "does not fit in 16 MiB of RAM; shorten the command line");
    }
}
