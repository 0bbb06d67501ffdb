package org.bootlab.cpu;

/**
 * A run of instructions decoded once and executed many times: straight-line code from one
 * entry pc up to and including the first instruction that may change control flow, privilege
 * or translation, never crossing a page. It stays valid while the translation epoch, the
 * fetch privilege and the code generation of its DRAM page are the ones it was decoded under.
 */
final class Block {

    static final int MAX_LENGTH = 32;

    /** The entry pc, XOR the fetch privilege in TLB-key position. */
    long tag;
    int epoch;
    /** The DRAM page the instructions came from, and its code generation then. */
    int page;
    int generation;
    int count;
    /**
     * Per instruction: the (expanded) instruction in bits 0..31, its Op id in 32..39, its
     * length in half-words in 40..41, its destination register in 42..47 (x0 becomes 32, the
     * hart's discard slot, so that x0 is never written), and for a compressed instruction its
     * 16 bits in 48..63.
     */
    final long[] code = new long[MAX_LENGTH];

    static long pack(int insn, int id, int raw) {
        boolean compressed = (raw & 3) != 3;
        int rd = (insn >>> 7) & 31;
        return (insn & 0xffff_ffffL) | ((long) id << 32) | ((long) (compressed ? 1 : 2) << 40)
                | ((long) (rd == 0 ? 32 : rd) << 42) | (compressed ? (long) (raw & 0xffff) << 48 : 0);
    }

    /** The instruction's length in bytes. */
    static int length(long code) {
        return (int) (code >>> 39) & 6;
    }

    /** The destination register, with x0 mapped to the discard slot 32. */
    static int rd(long code) {
        return (int) (code >>> 42) & 63;
    }

    /** The instruction's bits as fetched: what an illegal-instruction trap puts in tval. */
    static long rawBits(long code) {
        return length(code) == 2 ? code >>> 48 : code & 0xffff_ffffL;
    }
}
