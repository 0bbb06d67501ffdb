package org.bootlab.app.disassembly;

/**
 * One instruction in the disassembly view.
 *
 * @param label  the symbol that starts here ("" when none), shown before the instruction
 * @param bytes  the encoding in hex, "????" where memory cannot be read
 * @param text   mnemonic and operands
 */
public record DisassemblyLine(long address, String label, String bytes, String text) {
}
