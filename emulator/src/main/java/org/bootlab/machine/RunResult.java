package org.bootlab.machine;

/** The outcome of {@link Machine#run}: why it stopped, the guest's code on failure, and counts. */
public record RunResult(ExitStatus status, int code, long instructions, long virtualNanos) {
}
