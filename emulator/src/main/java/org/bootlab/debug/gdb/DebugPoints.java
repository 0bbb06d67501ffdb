package org.bootlab.debug.gdb;

import java.util.HashMap;
import java.util.Map;

import org.bootlab.debug.RunControl;
import org.bootlab.debug.Watchpoint;

/**
 * The breakpoints and watchpoints one gdb client inserted with {@code Z} packets, mapped to
 * the run control's: gdb inserts and removes them around every stop, so inserting one twice
 * is harmless and removing one that is not there succeeds (the protocol asks for both). The
 * session changes it only in calls on the emulator thread that it waits for, so it may read it
 * afterwards.
 */
final class DebugPoints {

    /** Z packet types. */
    static final int SOFTWARE = 0, HARDWARE = 1, WRITE = 2, READ = 3, ACCESS = 4;

    private record Key(int type, long address, long length) {
    }

    private final Map<Key, Integer> ids = new HashMap<>();
    private final Map<Integer, Key> byId = new HashMap<>();

    void insert(int type, long address, long length, RunControl rc) {
        Key key = new Key(type, address, type <= HARDWARE ? 0 : length);
        if (ids.containsKey(key)) {
            return;
        }
        int id = switch (type) {
            case SOFTWARE, HARDWARE -> rc.addBreakpoint(address).id();
            case WRITE -> rc.addWatchpoint(Watchpoint.Space.VIRTUAL, address, length, Watchpoint.Access.WRITE).id();
            case READ -> rc.addWatchpoint(Watchpoint.Space.VIRTUAL, address, length, Watchpoint.Access.READ).id();
            case ACCESS -> rc.addWatchpoint(Watchpoint.Space.VIRTUAL, address, length, Watchpoint.Access.ACCESS).id();
            default -> throw new MalformedPacketException("no breakpoint type " + type);
        };
        ids.put(key, id);
        byId.put(id, key);
    }

    void remove(int type, long address, long length, RunControl rc) {
        Integer id = ids.remove(new Key(type, address, type <= HARDWARE ? 0 : length));
        if (id != null) {
            byId.remove(id);
            if (type <= HARDWARE) {
                rc.removeBreakpoint(id);
            } else {
                rc.removeWatchpoint(id);
            }
        }
    }

    /** Removes them all (the client detached or went away). */
    void clear(RunControl rc) {
        for (Map.Entry<Key, Integer> e : ids.entrySet()) {
            if (e.getKey().type() <= HARDWARE) {
                rc.removeBreakpoint(e.getValue());
            } else {
                rc.removeWatchpoint(e.getValue());
            }
        }
        ids.clear();
        byId.clear();
    }

    /** The Z type that created the run control's point {@code id}, or -1 if no Z packet did. */
    int typeOf(int id) {
        Key k = byId.get(id);
        return k == null ? -1 : k.type();
    }

    /** The watched range's start for watchpoint {@code id}. */
    long watchStart(int id) {
        Key k = byId.get(id);
        return k == null ? 0 : k.address();
    }
}
