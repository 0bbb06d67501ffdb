package org.bootlab.debug.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bootlab.symbols.SysinitEntry;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real gdb-multiarch, in batch mode, debugging the guest kernel's boot through the stub. */
class GdbMultiarchTest {

    /** Runs gdb with these commands after attaching; returns everything it printed. */
    private static String gdb(Path gdb, int port, String... commands) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(gdb.toString(), "-batch", "-nx",
                "-ex", "set architecture riscv:rv64",
                "-ex", "set confirm off",
                "-ex", "file " + GuestBoot.elf(),
                "-ex", "target remote 127.0.0.1:" + port));
        for (String c : commands) {
            argv.add("-ex");
            argv.add(c);
        }
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "gdb finished");
        return new String(out, StandardCharsets.UTF_8);
    }

    private static long hexAfter(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    @Test
    @Timeout(55)
    void debugsTheBootWithBreakpointsStepsWatchpointsReverseAndSysinits() throws Exception {
        Path gdb = Tools.require("gdb-multiarch");
        try (GuestBoot boot = new GuestBoot()) {
            long miStartup = boot.address("mi_startup");
            SysinitEntry first = boot.sysinits.get(0);
            String out = gdb(gdb, boot.server.port(),
                    "break mi_startup",
                    "continue",
                    "info registers pc",
                    "x/4i $pc",
                    "stepi",
                    "echo AFTER-STEPI\\n",
                    "info registers pc",
                    "reverse-stepi",
                    "echo AFTER-REVERSE\\n",
                    "info registers pc",
                    "delete",
                    "monitor sysinit next",
                    "maintenance flush register-cache",
                    "echo AFTER-SYSINIT\\n",
                    "info registers pc",
                    "watch initproc",
                    "continue",
                    "echo AFTER-WATCH\\n",
                    "info registers pc",
                    "print initproc != 0",
                    "reverse-continue",
                    "echo AFTER-REVERSE-CONTINUE\\n",
                    "info registers pc",
                    "print initproc",
                    "echo REGISTERS\\n",
                    "p/x $priv",
                    "info registers fcsr",
                    "info registers csr",
                    "set $a0 = 0x1234",
                    "p/x $a0",
                    "set $sscratch = 0x77",
                    "p/x $sscratch",
                    "monitor info virtio",
                    "monitor sysinits SI_SUB_COPYRIGHT",
                    "delete",
                    "monitor reset",
                    "maintenance flush register-cache",
                    "echo AFTER-RESET\\n",
                    "info registers pc",
                    "detach");
            String at = String.format("0x%x", miStartup);
            // break and continue: stopped at mi_startup, named by its symbol
            assertTrue(out.contains("Breakpoint 1, ") && out.contains("mi_startup"), out);
            Matcher pc = Pattern.compile("pc\\s+(0x[0-9a-f]+)\\s+0x[0-9a-f]+ (<[^>]+>)").matcher(out);
            assertTrue(pc.find(), out);
            assertEquals(at, pc.group(1), out);
            assertEquals("<mi_startup>", pc.group(2), out);
            // x/4i disassembles four instructions from mi_startup
            assertEquals(4, countInstructions(out, miStartup), out);
            // stepi moves on; reverse-stepi comes back to mi_startup
            long afterStep = hexAfter(out.substring(out.indexOf("AFTER-STEPI")), "pc\\s+0x([0-9a-f]+)");
            assertTrue(afterStep != miStartup, out);
            long afterReverse = hexAfter(out.substring(out.indexOf("AFTER-REVERSE")), "pc\\s+0x([0-9a-f]+)");
            assertEquals(miStartup, afterReverse, out);
            // monitor sysinit next stops at the first SYSINIT's function
            assertTrue(out.contains("SYSINIT #0 "), out);
            assertTrue(out.contains(String.format(" pc=0x%x <%s>", first.function(), first.functionName())), out);
            long afterSysinit = hexAfter(out.substring(out.indexOf("AFTER-SYSINIT")), "pc\\s+0x([0-9a-f]+)");
            assertEquals(first.function(), afterSysinit, out);
            // the watchpoint fires in create_init, where initproc is written
            String watch = out.substring(out.indexOf("AFTER-SYSINIT"));
            assertTrue(watch.contains("Hardware watchpoint 2: initproc"), out);
            assertTrue(watch.contains("Old value = (struct proc *) 0x0") && watch.contains("New value = "), out);
            // ... and gdb stops right after the store, as on hardware
            long afterWatch = hexAfter(out.substring(out.indexOf("AFTER-WATCH")), "pc\\s+0x([0-9a-f]+)");
            assertEquals("create_init", boot.symbols.containing(afterWatch).orElseThrow().name(), out);
            assertTrue(out.contains("$1 = 1"), out);
            // reverse-continue goes back over the write, to the store itself
            String back = out.substring(out.indexOf("AFTER-REVERSE-CONTINUE"));
            long afterReverseContinue = hexAfter(back, "pc\\s+0x([0-9a-f]+)");
            assertTrue(afterReverseContinue < afterWatch && afterReverseContinue >= afterWatch - 4, out);
            assertTrue(back.contains("(struct proc *) 0x0"), out);
            // monitor reset: back to the first instruction
            long afterReset = hexAfter(out.substring(out.indexOf("AFTER-RESET")), "pc\\s+0x([0-9a-f]+)");
            assertEquals(boot.address("_start"), afterReset, out);
            // registers beyond the cpu feature: the privilege level, the fpu's CSRs and the hart's CSRs by name
            String regs = out.substring(out.indexOf("REGISTERS"));
            assertTrue(regs.contains("$3 = 0x1"), "S-mode: " + regs);
            assertTrue(regs.contains("fcsr           0x0"), regs);
            assertTrue(Pattern.compile("satp\\s+0x8[0-9a-f]{15}").matcher(regs).find(), "Sv39 is on: " + regs);
            assertTrue(regs.contains("mhartid") && regs.contains("stvec") && !regs.contains("mtinst"), regs);
            assertTrue(regs.contains("$4 = 0x1234") && regs.contains("$5 = 0x77"), regs);
            // the monitor's views
            assertTrue(regs.contains("virtio-blk") && regs.contains("virtio-rng"), regs);
            assertTrue(regs.contains("announce") && regs.contains("2 of " + boot.sysinits.size() + " SYSINITs"), regs);
            assertTrue(out.contains("Detaching from program") || out.contains("[Inferior 1 (Remote target) detached]"), out);
            assertEquals(0, boot.kills.get());
        }
    }

    /** Lines of x/4i output: "   0x80200e94 <mi_startup+4>:\tsd ..." (the first with "=>"). */
    private static int countInstructions(String out, long start) {
        Matcher m = Pattern.compile("(?m)^(=> |   )0x([0-9a-f]+) <mi_startup(\\+\\d+)?>:\\s+\\S+").matcher(out);
        int n = 0;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (m.find()) {
            long a = Long.parseLong(m.group(2), 16);
            if (a >= start && a < start + 16 && seen.add(a)) {
                n++;
            }
        }
        return n;
    }
}
