package org.bootlab.hostile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;

/** Hand-encoded RV64 instructions for the hostile guests, and an image of them at DRAM's base. */
final class Rv {

    static final int ZERO = 0, T0 = 5, T1 = 6, T2 = 7, T5 = 30, T6 = 31;
    static final int MSTATUS = 0x300, MIE = 0x304, MTVEC = 0x305;
    static final int WFI = 0x1050_0073, MRET = 0x3020_0073;

    private Rv() {
    }

    static int addi(int rd, int rs1, int imm) {
        return imm << 20 | rs1 << 15 | rd << 7 | 0x13;
    }

    static int lui(int rd, int imm20) {
        return imm20 << 12 | rd << 7 | 0x37;
    }

    static int auipc(int rd, int imm20) {
        return imm20 << 12 | rd << 7 | 0x17;
    }

    static int sb(int rs2, int rs1, int imm) {
        return store(0, rs2, rs1, imm);
    }

    static int sd(int rs2, int rs1, int imm) {
        return store(3, rs2, rs1, imm);
    }

    private static int store(int funct3, int rs2, int rs1, int imm) {
        return (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (imm & 31) << 7 | 0x23;
    }

    static int jalr(int rd, int rs1, int imm) {
        return imm << 20 | rs1 << 15 | rd << 7 | 0x67;
    }

    /** jal with a byte offset of -2048..2046. */
    static int jal(int rd, int offset) {
        int imm = offset & 0x1f_ffff;
        return ((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3ff) << 21 | ((imm >> 11) & 1) << 20
                | ((imm >> 12) & 0xff) << 12 | rd << 7 | 0x6f;
    }

    static int csrrw(int rd, int csr, int rs1) {
        return csr << 20 | rs1 << 15 | 1 << 12 | rd << 7 | 0x73;
    }

    static int csrrs(int rd, int csr, int rs1) {
        return csr << 20 | rs1 << 15 | 2 << 12 | rd << 7 | 0x73;
    }

    /** The words as a little-endian raw image. */
    static byte[] bytes(int... words) {
        ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        return b.array();
    }

    /** The words as firmware entered in M-mode at DRAM's base. */
    static BootImage firmware(String name, int... words) {
        byte[] code = bytes(words);
        return new BootImage(name, MemoryMap.DRAM_BASE,
                List.of(new BootImage.Segment(MemoryMap.DRAM_BASE, code, code.length)));
    }
}
