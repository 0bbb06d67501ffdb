package org.bootlab.app.source;

/**
 * Where in the sources an address lies.
 *
 * @param file   the path the compiler recorded ("src/kern/init_main.c"), or null when the line
 *               table has no line for the address
 * @param kernel the kernel file booted, or null for the embedded kernel: relative source paths
 *               are looked up next to it
 * @param atPc   whether the address is pc (else one a view asked for)
 */
public record SourceLocation(long address, String file, int line, String kernel, boolean atPc) {
}
