package org.bootlab.debug;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;

/** A few RV64I encodings, for hand-assembled test programs placed at 0x80000000 (M-mode firmware). */
final class Asm {

    static final int ZERO = 0, RA = 1, SP = 2, T0 = 5, T1 = 6, T2 = 7, S1 = 9, A0 = 10, A1 = 11;
    static final int S2 = 18, S3 = 19, T5 = 30, T6 = 31;

    private final int[] words;

    /** A program of {@code bytes} bytes, zero (illegal instructions) where nothing is put. */
    Asm(int bytes) {
        words = new int[bytes / 4];
    }

    Asm at(int offset, int insn) {
        words[offset / 4] = insn;
        return this;
    }

    BootImage image() {
        ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        return new BootImage("test program", MemoryMap.DRAM_BASE,
                List.of(new BootImage.Segment(MemoryMap.DRAM_BASE, b.array(), b.capacity())));
    }

    static int i(int opcode, int funct3, int rd, int rs1, int imm) {
        return (imm << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    static int addi(int rd, int rs1, int imm) {
        return i(0x13, 0, rd, rs1, imm);
    }

    static int add(int rd, int rs1, int rs2) {
        return (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33;
    }

    static int ld(int rd, int rs1, int imm) {
        return i(0x03, 3, rd, rs1, imm);
    }

    static int jalr(int rd, int rs1, int imm) {
        return i(0x67, 0, rd, rs1, imm);
    }

    static int csrrw(int rd, int csr, int rs1) {
        return i(0x73, 1, rd, rs1, csr);
    }

    static int csrrs(int rd, int csr, int rs1) {
        return i(0x73, 2, rd, rs1, csr);
    }

    static int csrrsi(int rd, int csr, int uimm) {
        return i(0x73, 6, rd, uimm, csr);
    }

    static int s(int funct3, int rs2, int rs1, int imm) {
        return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((imm & 31) << 7) | 0x23;
    }

    static int sd(int rs2, int rs1, int imm) {
        return s(3, rs2, rs1, imm);
    }

    static int sw(int rs2, int rs1, int imm) {
        return s(2, rs2, rs1, imm);
    }

    static int lui(int rd, int imm20) {
        return (imm20 << 12) | (rd << 7) | 0x37;
    }

    static int auipc(int rd, int imm20) {
        return (imm20 << 12) | (rd << 7) | 0x17;
    }

    static int jal(int rd, int offset) {
        int imm = ((offset >> 20) & 1) << 31 | ((offset >> 1) & 0x3ff) << 21 | ((offset >> 11) & 1) << 20
                | ((offset >> 12) & 0xff) << 12;
        return imm | (rd << 7) | 0x6f;
    }

    static int b(int funct3, int rs1, int rs2, int offset) {
        int imm = ((offset >> 12) & 1) << 31 | ((offset >> 5) & 0x3f) << 25 | ((offset >> 1) & 0xf) << 8
                | ((offset >> 11) & 1) << 7;
        return imm | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | 0x63;
    }

    static int bne(int rs1, int rs2, int offset) {
        return b(1, rs1, rs2, offset);
    }

    static final int ECALL = 0x73;
    static final int MRET = 0x30200073;
}
