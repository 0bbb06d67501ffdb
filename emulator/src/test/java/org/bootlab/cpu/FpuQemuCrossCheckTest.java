package org.bootlab.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bootlab.cpu.ExactOracle.Fmt;
import org.bootlab.cpu.FpuRandomizedTest.Gen;
import org.bootlab.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a sample of operations on QEMU's RISC-V model (a bare-metal program on the virt board,
 * executing each instruction with the dynamic rounding mode and reading back fflags) and checks
 * that {@link Fpu} produces the same bits and flags. This guards the reading of the spec that
 * the exact oracle shares with Fpu (NaN rules, saturation, flag conditions), and checks that
 * FMSUB/FNMSUB/FNMADD are fma with sign-flipped operands, as the hart implements them.
 */
class FpuQemuCrossCheckTest {
    private static final int CASES_PER_MODE = 150;
    private static final long SIGN_D = 0x8000_0000_0000_0000L;
    private static final int SIGN_S = 0x8000_0000;

    private interface Call {
        long apply(Fpu fpu, long a, long b, long c, int rm);
    }

    /** One instruction under test: how QEMU runs it, how Fpu computes it, where operands come from. */
    private record Case(String name, String asm, Gen operands, Call fpu) {
    }

    private static String movD(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append("fmv.d.x ft").append(i).append(",%").append(i + 1).append("; ");
        return sb.toString();
    }

    private static String movS(int n) {
        return movD(n).replace("fmv.d.x", "fmv.w.x");
    }

    private static Case fpD(String insn, int n, Gen gen, Call call) {
        String srcs = n == 1 ? "ft0" : n == 2 ? "ft0,ft1" : "ft0,ft1,ft2";
        return new Case(insn, movD(n) + insn + " ft3," + srcs + rmSuffix(insn) + "; fmv.x.d %0,ft3", gen, call);
    }

    private static Case fpS(String insn, int n, Gen gen, Call call) {
        String srcs = n == 1 ? "ft0" : n == 2 ? "ft0,ft1" : "ft0,ft1,ft2";
        return new Case(insn, movS(n) + insn + " ft3," + srcs + rmSuffix(insn) + "; fmv.x.w %0,ft3", gen,
                (fpu, a, b, c, rm) -> call.apply(fpu, a, b, c, rm) & 0xffff_ffffL);
    }

    private static String rmSuffix(String insn) {
        return insn.startsWith("fmin") || insn.startsWith("fmax") ? "" : ",dyn";
    }

    /** Instructions whose result lands in an integer register (compare, classify, to-integer). */
    private static Case toX(String insn, boolean single, int n, boolean rounds, Gen gen, Call call) {
        String srcs = n == 1 ? "ft0" : "ft0,ft1";
        return new Case(insn, (single ? movS(n) : movD(n)) + insn + " %0," + srcs + (rounds ? ",dyn" : ""), gen,
                call);
    }

    /** Integer register to floating point. */
    private static Case fromX(String insn, boolean single, Call call) {
        String back = single ? "fmv.x.w" : "fmv.x.d";
        String rmField = insn.endsWith(".w") || insn.endsWith(".wu") ? (single ? ",dyn" : "") : ",dyn"; // exact: no rm
        return new Case(insn, insn + " ft3,%1" + rmField + "; " + back + " %0,ft3", FpuRandomizedTest.integerOperands(),
                single ? (fpu, a, b, c, rm) -> call.apply(fpu, a, b, c, rm) & 0xffff_ffffL : call);
    }

    private static List<Case> cases() {
        Fmt d = Fmt.D, s = Fmt.S;
        Gen add = FpuRandomizedTest.addOperands(d), addS = FpuRandomizedTest.addOperands(s);
        Gen mul = FpuRandomizedTest.scaledOperands(d, false), mulS = FpuRandomizedTest.scaledOperands(s, false);
        Gen div = FpuRandomizedTest.scaledOperands(d, true), divS = FpuRandomizedTest.scaledOperands(s, true);
        Gen fma = FpuRandomizedTest.fmaOperands(d), fmaS = FpuRandomizedTest.fmaOperands(s);
        Gen one = FpuRandomizedTest.unary(d), oneS = FpuRandomizedTest.unary(s);
        Gen toInt = FpuRandomizedTest.toIntegerOperands(d), toIntS = FpuRandomizedTest.toIntegerOperands(s);
        Gen narrow = r -> new long[] {r.nextBoolean() ? FpuRandomizedTest.value(r, d)
                : Double.doubleToRawLongBits(Float.intBitsToFloat((int) FpuRandomizedTest.value(r, s))
                        * (1 + r.nextInt(9) * 0x1p-27))};
        List<Case> list = new ArrayList<>();
        list.add(fpD("fadd.d", 2, add, (f, a, b, c, rm) -> f.addD(a, b, rm)));
        list.add(fpD("fsub.d", 2, add, (f, a, b, c, rm) -> f.subD(a, b, rm)));
        list.add(fpD("fmul.d", 2, mul, (f, a, b, c, rm) -> f.mulD(a, b, rm)));
        list.add(fpD("fdiv.d", 2, div, (f, a, b, c, rm) -> f.divD(a, b, rm)));
        list.add(fpD("fsqrt.d", 1, one, (f, a, b, c, rm) -> f.sqrtD(a, rm)));
        list.add(fpD("fmin.d", 2, add, (f, a, b, c, rm) -> f.minD(a, b)));
        list.add(fpD("fmax.d", 2, add, (f, a, b, c, rm) -> f.maxD(a, b)));
        list.add(fpD("fmadd.d", 3, fma, (f, a, b, c, rm) -> f.fmaD(a, b, c, rm)));
        list.add(fpD("fmsub.d", 3, fma, (f, a, b, c, rm) -> f.fmaD(a, b, c ^ SIGN_D, rm)));
        list.add(fpD("fnmsub.d", 3, fma, (f, a, b, c, rm) -> f.fmaD(a ^ SIGN_D, b, c, rm)));
        list.add(fpD("fnmadd.d", 3, fma, (f, a, b, c, rm) -> f.fmaD(a ^ SIGN_D, b, c ^ SIGN_D, rm)));
        list.add(toX("feq.d", false, 2, false, add, (f, a, b, c, rm) -> f.eqD(a, b)));
        list.add(toX("flt.d", false, 2, false, add, (f, a, b, c, rm) -> f.ltD(a, b)));
        list.add(toX("fle.d", false, 2, false, add, (f, a, b, c, rm) -> f.leD(a, b)));
        list.add(toX("fclass.d", false, 1, false, one, (f, a, b, c, rm) -> f.classD(a)));
        list.add(toX("fcvt.w.d", false, 1, true, toInt, (f, a, b, c, rm) -> f.cvtWD(a, rm)));
        list.add(toX("fcvt.wu.d", false, 1, true, toInt, (f, a, b, c, rm) -> f.cvtWuD(a, rm)));
        list.add(toX("fcvt.l.d", false, 1, true, toInt, (f, a, b, c, rm) -> f.cvtLD(a, rm)));
        list.add(toX("fcvt.lu.d", false, 1, true, toInt, (f, a, b, c, rm) -> f.cvtLuD(a, rm)));
        list.add(fromX("fcvt.d.l", false, (f, a, b, c, rm) -> f.cvtDL(a, rm)));
        list.add(fromX("fcvt.d.lu", false, (f, a, b, c, rm) -> f.cvtDLu(a, rm)));
        list.add(fromX("fcvt.d.w", false, (f, a, b, c, rm) -> f.cvtDW(a, rm)));
        list.add(fromX("fcvt.d.wu", false, (f, a, b, c, rm) -> f.cvtDWu(a, rm)));
        list.add(new Case("fcvt.s.d", "fmv.d.x ft0,%1; fcvt.s.d ft3,ft0,dyn; fmv.x.w %0,ft3", narrow,
                (f, a, b, c, rm) -> f.cvtSD(a, rm)));
        list.add(new Case("fcvt.d.s", "fmv.w.x ft0,%1; fcvt.d.s ft3,ft0; fmv.x.d %0,ft3", oneS,
                (f, a, b, c, rm) -> f.cvtDS(a)));

        list.add(fpS("fadd.s", 2, addS, (f, a, b, c, rm) -> f.addS((int) a, (int) b, rm)));
        list.add(fpS("fsub.s", 2, addS, (f, a, b, c, rm) -> f.subS((int) a, (int) b, rm)));
        list.add(fpS("fmul.s", 2, mulS, (f, a, b, c, rm) -> f.mulS((int) a, (int) b, rm)));
        list.add(fpS("fdiv.s", 2, divS, (f, a, b, c, rm) -> f.divS((int) a, (int) b, rm)));
        list.add(fpS("fsqrt.s", 1, oneS, (f, a, b, c, rm) -> f.sqrtS((int) a, rm)));
        list.add(fpS("fmin.s", 2, addS, (f, a, b, c, rm) -> f.minS((int) a, (int) b)));
        list.add(fpS("fmax.s", 2, addS, (f, a, b, c, rm) -> f.maxS((int) a, (int) b)));
        list.add(fpS("fmadd.s", 3, fmaS, (f, a, b, c, rm) -> f.fmaS((int) a, (int) b, (int) c, rm)));
        list.add(fpS("fnmadd.s", 3, fmaS, (f, a, b, c, rm) -> f.fmaS((int) a ^ SIGN_S, (int) b, (int) c ^ SIGN_S, rm)));
        list.add(toX("feq.s", true, 2, false, addS, (f, a, b, c, rm) -> f.eqS((int) a, (int) b)));
        list.add(toX("flt.s", true, 2, false, addS, (f, a, b, c, rm) -> f.ltS((int) a, (int) b)));
        list.add(toX("fle.s", true, 2, false, addS, (f, a, b, c, rm) -> f.leS((int) a, (int) b)));
        list.add(toX("fclass.s", true, 1, false, oneS, (f, a, b, c, rm) -> f.classS((int) a)));
        list.add(toX("fcvt.w.s", true, 1, true, toIntS, (f, a, b, c, rm) -> f.cvtWS((int) a, rm)));
        list.add(toX("fcvt.wu.s", true, 1, true, toIntS, (f, a, b, c, rm) -> f.cvtWuS((int) a, rm)));
        list.add(toX("fcvt.l.s", true, 1, true, toIntS, (f, a, b, c, rm) -> f.cvtLS((int) a, rm)));
        list.add(toX("fcvt.lu.s", true, 1, true, toIntS, (f, a, b, c, rm) -> f.cvtLuS((int) a, rm)));
        list.add(fromX("fcvt.s.w", true, (f, a, b, c, rm) -> f.cvtSW(a, rm)));
        list.add(fromX("fcvt.s.wu", true, (f, a, b, c, rm) -> f.cvtSWu(a, rm)));
        list.add(fromX("fcvt.s.l", true, (f, a, b, c, rm) -> f.cvtSL(a, rm)));
        list.add(fromX("fcvt.s.lu", true, (f, a, b, c, rm) -> f.cvtSLu(a, rm)));
        return list;
    }

    private static final String START = """
            .section .text.start
            .globl _start
            _start:
                la sp, stack_top
                li t0, 0x6000          # mstatus.FS = dirty: enable the FPU
                csrs mstatus, t0
                call main
            1:  j 1b
            .section .rodata
            .balign 8
            .globl vectors_start, vectors_end
            vectors_start:
            .incbin "VECTORS"
            vectors_end:
            """;

    private static final String MAIN = """
            #include <stdint.h>
            struct vec { uint32_t op, rm; uint64_t a, b, c; };
            extern const struct vec vectors_start[], vectors_end[];
            static volatile uint8_t *const uart = (volatile uint8_t *)0x10000000;
            static void out(char ch) { while (!(uart[5] & 0x20)) {} uart[0] = ch; }
            static void hex(uint64_t v) { for (int i = 60; i >= 0; i -= 4) out("0123456789abcdef"[(v >> i) & 15]); }
            void main(void) {
                for (const struct vec *v = vectors_start; v < vectors_end; v++) {
                    uint64_t r = 0, a = v->a, b = v->b, c = v->c, fl;
                    asm volatile("csrw frm, %0" :: "r"((uint64_t)v->rm));
                    asm volatile("csrw fflags, x0");
                    switch (v->op) {
            CASES
                    }
                    asm volatile("csrr %0, fflags" : "=r"(fl));
                    hex(r); out(' '); hex(fl); out('\\n');
                }
                *(volatile uint32_t *)0x100000 = 0x5555; /* sifive_test: power off */
                for (;;) {}
            }
            """;

    private static final String LINK = """
            ENTRY(_start)
            SECTIONS {
              . = 0x80000000;
              .text : { *(.text.start) *(.text*) }
              .rodata : { *(.rodata*) *(.srodata*) }
              .data : { *(.data*) *(.sdata*) }
              .bss : { *(.bss*) *(.sbss*) *(COMMON) }
              . = ALIGN(16);
              . += 0x10000;
              stack_top = .;
            }
            """;

    @Test
    void matchesQemu(@TempDir Path dir) throws Exception {
        Path gcc = Tools.require("riscv64-unknown-elf-gcc");
        Path qemu = Tools.require("qemu-system-riscv64");
        List<Case> cases = cases();

        List<int[]> which = new ArrayList<>(); // {case index, rm}
        List<long[]> operands = new ArrayList<>();
        Random random = new Random(0xfee1_600dL);
        for (int k = 0; k < cases.size(); k++) {
            for (int rm = 0; rm <= Fpu.RMM; rm++) {
                for (int i = 0; i < CASES_PER_MODE; i++) {
                    long[] x = cases.get(k).operands().next(random);
                    operands.add(new long[] {x[0], x.length > 1 ? x[1] : 0, x.length > 2 ? x[2] : 0});
                    which.add(new int[] {k, rm});
                }
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(which.size() * 32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < which.size(); i++) {
            buf.putInt(which.get(i)[0]).putInt(which.get(i)[1]);
            for (long v : operands.get(i)) buf.putLong(v);
        }
        Path vectors = dir.resolve("vectors.bin");
        Files.write(vectors, buf.array());

        StringBuilder switchCases = new StringBuilder();
        for (int k = 0; k < cases.size(); k++) {
            switchCases.append("        case ").append(k).append(": asm volatile(\"").append(cases.get(k).asm())
                    .append("\" : \"=r\"(r) : \"r\"(a), \"r\"(b), \"r\"(c) : \"ft0\",\"ft1\",\"ft2\",\"ft3\"); break;\n");
        }
        Files.writeString(dir.resolve("start.S"), START.replace("VECTORS", vectors.toString()));
        Files.writeString(dir.resolve("main.c"), MAIN.replace("CASES", switchCases));
        Files.writeString(dir.resolve("link.ld"), LINK);
        Path elf = dir.resolve("fpu.elf");
        run(dir, 60, gcc.toString(), "-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany", "-O1", "-nostdlib",
                "-nostartfiles", "-ffreestanding", "-T", "link.ld", "start.S", "main.c", "-o", elf.toString());
        String out = run(dir, 120, qemu.toString(), "-M", "virt", "-m", "64M", "-nographic", "-bios", "none",
                "-kernel", elf.toString());

        List<String> lines = out.lines().map(String::strip).filter(l -> l.matches("[0-9a-f]{16} [0-9a-f]{16}"))
                .toList();
        assertEquals(which.size(), lines.size(), "result lines from QEMU");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < which.size(); i++) {
            Case cs = cases.get(which.get(i)[0]);
            int rm = which.get(i)[1];
            long[] x = operands.get(i);
            String[] parts = lines.get(i).split(" ");
            long want = Long.parseUnsignedLong(parts[0], 16);
            if (cs.asm().endsWith("fmv.x.w %0,ft3")) want &= 0xffff_ffffL; // fmv.x.w sign-extends
            int wantFlags = Integer.parseInt(parts[1], 16);
            Fpu fpu = new Fpu();
            long got = cs.fpu().apply(fpu, x[0], x[1], x[2], rm);
            if (got != want || fpu.flags != wantFlags) {
                failures.add(String.format("%s rm=%d %x %x %x: fpu %x flags %d, qemu %x flags %d", cs.name(), rm,
                        x[0], x[1], x[2], got, fpu.flags, want, wantFlags));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + which.size() + " differ from QEMU:\n"
                    + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        }
    }

    private static String run(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output;
        try (var in = p.getInputStream()) {
            // read concurrently so a chatty process cannot block on a full pipe
            var reader = new java.util.concurrent.FutureTask<>(in::readAllBytes);
            Thread t = new Thread(reader);
            t.start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
                fail(command[0] + " timed out");
            }
            output = reader.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
        String text = new String(output, StandardCharsets.ISO_8859_1);
        assertTrue(p.exitValue() == 0, command[0] + " failed:\n" + text);
        return text;
    }
}
