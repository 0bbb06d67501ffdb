package org.bootlab.app.callstack;

/**
 * One frame of the call stack.
 *
 * @param level     0 for the innermost
 * @param function  its function (or a bracketed trap or privilege barrier, "[supervisor timer interrupt]")
 * @param address   the code to show when it is clicked: pc for the innermost, the function's
 *                  start for the others, -1 when unknown
 * @param nanos     virtual time since it was entered
 * @param sysinit   "SYSINIT #12 SI_SUB_VM" when mi_startup called it as a SYSINIT, else ""
 */
public record StackFrame(int level, String function, long address, long nanos, String sysinit) {
}
