package org.bootlab.machine;

/**
 * The machine's virtual clock, derived from retired instructions: never wall-clock time, so
 * the same inputs give the same run.
 */
public interface TimeSource {

    /** The CLINT's mtime: ticks of {@link MemoryMap#TIMEBASE_HZ} since power-on. */
    long mtime();

    /** Virtual nanoseconds since power-on. */
    long nanos();
}
