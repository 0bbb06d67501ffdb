package org.bootlab.app.registers;

/** One line of the registers view. */
public record RegisterRow(String name, String alias, String value, String detail, boolean changed) {
}
