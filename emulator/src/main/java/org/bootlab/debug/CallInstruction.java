package org.bootlab.debug;

/**
 * Recognises calls by the RISC-V calling convention: JAL or JALR linking ra or t0 (t0 links the
 * millicode calls of -msave-restore), including C.JALR. Used by step over.
 */
final class CallInstruction {

    private CallInstruction() {
    }

    /** The instruction's length in bytes if {@code raw} (32 bits, or 16 in the low half) is a call, else 0. */
    static int callLength(int raw) {
        if ((raw & 3) != 3) {
            int h = raw & 0xffff;
            // C.JALR: funct4 1001, rs1 != 0, rs2 = 0, op 10; links ra.
            boolean cJalr = (h >>> 12) == 0b1001 && ((h >>> 7) & 31) != 0 && ((h >>> 2) & 31) == 0 && (h & 3) == 2;
            return cJalr ? 2 : 0;
        }
        int opcode = raw & 0x7f;
        int rd = (raw >>> 7) & 31;
        boolean jump = opcode == 0x6f || (opcode == 0x67 && ((raw >>> 12) & 7) == 0);
        return jump && (rd == 1 || rd == 5) ? 4 : 0;
    }
}
