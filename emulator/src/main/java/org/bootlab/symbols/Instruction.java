package org.bootlab.symbols;

/**
 * One disassembled instruction (or data word) the way GNU objdump prints it.
 *
 * @param address  where it is
 * @param bytes    its encoding, little-endian as in memory (2, 4, 6 or 8 bytes)
 * @param mnemonic e.g. "add", "c.addi", "fence.tso", or ".4byte" for a word that is no instruction
 * @param operands objdump's operand text, e.g. "a0,a0,-300" (branch targets as absolute addresses)
 * @param target   the address a branch or jump goes to, or null
 * @param comment  the address objdump shows after " # " (an auipc/lui pair, gp- or tp-relative
 *                 access), or null
 * @param text     mnemonic, a tab and operands, then " # " and the comment address, formatted
 *                 by the disassembler's address format
 */
public record Instruction(long address, byte[] bytes, String mnemonic, String operands, Long target, Long comment,
                          String text) {

    public int length() {
        return bytes.length;
    }

    /** The raw column objdump prints: 4-byte groups when the length is a multiple of 4, else 2-byte groups. */
    public String hex() {
        int chunk = bytes.length % 4 == 0 ? 4 : 2;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i += chunk) {
            if (i > 0) {
                sb.append(' ');
            }
            for (int j = chunk - 1; j >= 0; j--) {
                sb.append(String.format("%02x", bytes[i + j] & 0xff));
            }
        }
        return sb.toString();
    }
}
