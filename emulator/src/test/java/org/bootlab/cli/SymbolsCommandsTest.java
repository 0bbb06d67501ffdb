package org.bootlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.bootlab.cli.BootLabCliTest.assertBadInput;
import static org.bootlab.cli.BootLabCliTest.bootlab;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bootlab sysinits} and {@code bootlab disasm} on the guest kernel and on bad input. */
class SymbolsCommandsTest {

    @TempDir
    Path dir;

    private static String kernel() {
        return Tools.repoRoot().resolve("guest-kernel/prebuilt/kernel.elf").toString();
    }

    @Test
    void sysinitsPrintsTheSortedTable() {
        BootLabCliTest.Run run = bootlab("sysinits", kernel());
        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(1127, lines.length);
        assertTrue(lines[0].startsWith("index  subsystem"), lines[0]);
        assertTrue(lines[1].matches("\\s+0  SI_SUB_TUNABLES\\s+0x\\p{XDigit}{7}\\s+\\S+\\s+0x\\p{XDigit}{16} \\S+"), lines[1]);
        assertTrue(lines[1125].contains("SI_SUB_KTHREAD_PAGE"), lines[1125]);
        assertEquals("1125 SYSINITs", lines[1126]);
    }

    @Test
    void disasmPrintsOneFunctionLikeObjdump() {
        BootLabCliTest.Run run = bootlab("disasm", kernel(), "--symbol", "_start");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("0000000080200000 <_start>:\n"), run.out());
        assertTrue(run.out().contains("80200000:\tc0102973            \trdtime\ts2\n"), run.out());
        assertTrue(run.out().contains("\tbgeu\tt0,t1,80200042 <_start+0x42>\n"), run.out());
        assertTrue(run.out().contains("\tadd\tgp,gp,106 # 80226088 <__global_pointer$>\n"), run.out());
        assertTrue(run.out().contains("\tjal\t802002f8 <initriscv>\n"), run.out());
        assertTrue(!run.out().contains("<cpu_exception_handler>:"), run.out());
        BootLabCliTest.Run raw = bootlab("disasm", kernel(), "--symbol", "_start", "--no-aliases");
        assertTrue(raw.out().contains("\tc.mv\ts0,a0\n"), raw.out());
    }

    @Test
    void badInputIsOneLineAndStatusTwo() throws Exception {
        Path notElf = dir.resolve("notes.txt");
        Files.writeString(notElf, "hello");
        assertBadInput(bootlab("sysinits", notElf.toString()), "notes.txt: not an ELF file");
        assertBadInput(bootlab("disasm", notElf.toString()), "not an ELF file");
        assertBadInput(bootlab("sysinits", dir.resolve("missing.elf").toString()), "missing.elf: cannot read");
        assertBadInput(bootlab("disasm", kernel(), "--symbol", "no_such_function"), "no symbol named no_such_function");
        byte[] headerOnly = new byte[64]; // an ELF64 header and nothing else
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, headerOnly, 0, 7);
        Path empty = dir.resolve("empty.elf");
        Files.write(empty, headerOnly);
        assertBadInput(bootlab("sysinits", empty.toString()), "empty.elf: has no set_sysinit_set section");
    }
}
