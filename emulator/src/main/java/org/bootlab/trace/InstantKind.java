package org.bootlab.trace;

/** What an instant event on a track is; the native format stores the ordinal (append only). */
public enum InstantKind {
    /** A line the guest wrote to the serial console; name = the text. */
    CONSOLE,
    /** An exception taken; arg = cause, name = its description. */
    EXCEPTION,
    /** An interrupt taken; arg = cause. */
    INTERRUPT,
    /** MRET or SRET; arg = (from privilege) * 4 + to privilege. */
    TRAP_RETURN,
    /** The privilege level changed; name = e.g. "S->U", arg = (from * 4 + to). */
    PRIVILEGE,
    /** An SBI call; name = extension, arg = (extension id << 32) | function id. */
    SBI_CALL,
    /** The driver notified a virtqueue; name = device, arg = queue. */
    VIRTIO_NOTIFY,
    /** A virtio device raised its interrupt; name = device, arg = interrupt status. */
    VIRTIO_INTERRUPT,
    /** A guest TSLOG record of type ENTER: name = function, detail = second string, arg = thread. */
    TSLOG_ENTER,
    /** A TSLOG EXIT record. */
    TSLOG_EXIT,
    /** A TSLOG THREAD record: name = the thread's name, arg = the thread. */
    TSLOG_THREAD,
    /** A TSLOG EVENT record. */
    TSLOG_EVENT;

    private static final InstantKind[] VALUES = values();

    /** The kind with this ordinal, or null when this version does not know it. */
    public static InstantKind of(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }

    public boolean isTslog() {
        return ordinal() >= TSLOG_ENTER.ordinal();
    }

    /** The TSLOG record type (0 ENTER, 1 EXIT, 2 THREAD, 3 EVENT) of a TSLOG kind. */
    public int tslogType() {
        return ordinal() - TSLOG_ENTER.ordinal();
    }

    public static InstantKind tslog(int type) {
        return VALUES[TSLOG_ENTER.ordinal() + (type & 3)];
    }
}
