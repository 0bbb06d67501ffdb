package org.bootlab.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;

/**
 * The benchmark's guest: an integer compute loop with a realistic mix of ALU operations,
 * shifts, loads and stores to a 4 KiB array, a multiply and a taken branch. It runs as M-mode
 * firmware at 0x80000000, checks its result against {@link #expectedChecksum} and reports pass
 * or fail through the test device, so a run also checks that the hart computed correctly.
 *
 * <pre>
 * _start: auipc s1, 0              # s1 = 0x80000000, the image base
 *         ld    a0, 0x100(s1)      # a0 = iterations
 *         ld    t4, 0x108(s1)      # t4 = expected checksum
 *         lui   t0, 0x10
 *         add   s0, s1, t0         # s0 = 0x80010000: 512 doublewords of scratch, zero at reset
 *         li    a1, 0              # i
 *         li    a2, 1              # x
 * loop:   andi  t0, a1, 511
 *         slli  t0, t0, 3
 *         add   t0, s0, t0         # t0 = &buf[i % 512]
 *         ld    t1, 0(t0)
 *         add   a2, a2, t1         # x += buf[i % 512]
 *         slli  t2, a2, 13
 *         xor   a2, a2, t2         # x ^= x << 13
 *         srli  t2, a2, 7
 *         xor   a2, a2, t2         # x ^= x >>> 7
 *         mul   t3, a2, a1
 *         add   t3, t3, a1
 *         sd    t3, 0(t0)          # buf[i % 512] = x * i + i
 *         addi  a1, a1, 1
 *         bne   a1, a0, loop       # 14 instructions per iteration
 *         lui   t5, 0x100          # t5 = 0x100000, the test device
 *         bne   a2, t4, fail
 *         lui   t6, 0x5
 *         addi  t6, t6, 0x555
 *         sw    t6, 0(t5)          # 0x5555: pass, power off
 * hang:   j     hang
 * fail:   lui   t6, 0x13
 *         addi  t6, t6, 0x333
 *         sw    t6, 0(t5)          # (1 << 16) | 0x3333: fail with code 1
 *         j     hang
 *         .org  0x100
 *         .dword iterations, expected
 * </pre>
 */
final class BenchGuest {

    static final int INSTRUCTIONS_PER_ITERATION = 14;
    private static final int DATA_OFFSET = 0x100;

    private static final int ZERO = 0, T0 = 5, T1 = 6, T2 = 7, S0 = 8, S1 = 9, A0 = 10, A1 = 11, A2 = 12;
    private static final int T3 = 28, T4 = 29, T5 = 30, T6 = 31;

    private BenchGuest() {
    }

    /** A guest that loops {@code iterations} times (at least 1), then powers off with pass. */
    static BootImage finite(long iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        return image(iterations, expectedChecksum(iterations));
    }

    /** A guest that loops for 2^64 - 1 iterations: for all practical purposes, forever. */
    static BootImage endless() {
        return image(-1L, 0);
    }

    /** The checksum the loop computes in a2: the guest program written in Java. */
    static long expectedChecksum(long iterations) {
        long[] buf = new long[512];
        long x = 1;
        for (long i = 0; i != iterations; i++) {
            int slot = (int) (i & 511);
            x += buf[slot];
            x ^= x << 13;
            x ^= x >>> 7;
            buf[slot] = x * i + i;
        }
        return x;
    }

    /** The program's instruction words, in order. */
    static int[] code() {
        return new int[] {
            auipc(S1, 0),
            ld(A0, S1, DATA_OFFSET),
            ld(T4, S1, DATA_OFFSET + 8),
            lui(T0, 0x10),
            add(S0, S1, T0),
            addi(A1, ZERO, 0),
            addi(A2, ZERO, 1),
            // loop:
            andi(T0, A1, 511),
            slli(T0, T0, 3),
            add(T0, S0, T0),
            ld(T1, T0, 0),
            add(A2, A2, T1),
            slli(T2, A2, 13),
            xor(A2, A2, T2),
            srli(T2, A2, 7),
            xor(A2, A2, T2),
            mul(T3, A2, A1),
            add(T3, T3, A1),
            sd(T3, T0, 0),
            addi(A1, A1, 1),
            bne(A1, A0, -13 * 4),
            lui(T5, 0x100),
            bne(A2, T4, 5 * 4),
            lui(T6, 0x5),
            addi(T6, T6, 0x555),
            sw(T6, T5, 0),
            // hang:
            jal(ZERO, 0),
            // fail:
            lui(T6, 0x13),
            addi(T6, T6, 0x333),
            sw(T6, T5, 0),
            jal(ZERO, -4 * 4),
        };
    }

    /** A guest that loops {@code iterations} times and compares its checksum with {@code expected}. */
    static BootImage image(long iterations, long expected) {
        ByteBuffer bytes = ByteBuffer.allocate(DATA_OFFSET + 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int word : code()) {
            bytes.putInt(word);
        }
        bytes.putLong(DATA_OFFSET, iterations).putLong(DATA_OFFSET + 8, expected);
        long base = MemoryMap.DRAM_BASE;
        return new BootImage("bench guest", base,
                List.of(new BootImage.Segment(base, bytes.array(), bytes.capacity())));
    }

    // RV64 instruction formats (the unprivileged spec, chapter 2), just the ones used above.

    private static int rType(int funct7, int rs2, int rs1, int funct3, int rd, int opcode) {
        return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int iType(int imm, int rs1, int funct3, int rd, int opcode) {
        return (imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
    }

    private static int sType(int imm, int rs2, int rs1, int funct3, int opcode) {
        return (imm >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 0x1f) << 7 | opcode;
    }

    private static int bType(int imm, int rs2, int rs1, int funct3) {
        return (imm >> 12 & 1) << 31 | (imm >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
                | (imm >> 1 & 0xf) << 8 | (imm >> 11 & 1) << 7 | 0x63;
    }

    private static int lui(int rd, int imm20) {
        return imm20 << 12 | rd << 7 | 0x37;
    }

    private static int auipc(int rd, int imm20) {
        return imm20 << 12 | rd << 7 | 0x17;
    }

    private static int jal(int rd, int offset) {
        return (offset >> 20 & 1) << 31 | (offset >> 1 & 0x3ff) << 21 | (offset >> 11 & 1) << 20
                | (offset >> 12 & 0xff) << 12 | rd << 7 | 0x6f;
    }

    private static int addi(int rd, int rs1, int imm) {
        return iType(imm, rs1, 0, rd, 0x13);
    }

    private static int andi(int rd, int rs1, int imm) {
        return iType(imm, rs1, 7, rd, 0x13);
    }

    private static int slli(int rd, int rs1, int shamt) {
        return iType(shamt, rs1, 1, rd, 0x13);
    }

    private static int srli(int rd, int rs1, int shamt) {
        return iType(shamt, rs1, 5, rd, 0x13);
    }

    private static int add(int rd, int rs1, int rs2) {
        return rType(0, rs2, rs1, 0, rd, 0x33);
    }

    private static int xor(int rd, int rs1, int rs2) {
        return rType(0, rs2, rs1, 4, rd, 0x33);
    }

    private static int mul(int rd, int rs1, int rs2) {
        return rType(1, rs2, rs1, 0, rd, 0x33);
    }

    private static int ld(int rd, int rs1, int offset) {
        return iType(offset, rs1, 3, rd, 0x03);
    }

    private static int sd(int rs2, int rs1, int offset) {
        return sType(offset, rs2, rs1, 3, 0x23);
    }

    private static int sw(int rs2, int rs1, int offset) {
        return sType(offset, rs2, rs1, 2, 0x23);
    }

    private static int bne(int rs1, int rs2, int offset) {
        return bType(offset, rs2, rs1, 1);
    }
}
