package org.bootlab.trace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interned strings of a trace (function names, console lines, TSLOG strings): events hold an int
 * id, so a million events naming a hundred functions hold a hundred strings. Ids are dense and
 * assigned in first-use order, which the native format relies on.
 */
public final class NameTable {

    private final Map<String, Integer> ids = new HashMap<>();
    private String[] names = new String[64];
    private volatile int size;

    /** The id of {@code name}, adding it if new. */
    public int intern(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
        }
        names[size] = name;
        ids.put(name, size);
        return size++;
    }

    /** The id of {@code name}, or -1 when it was never interned. */
    public int find(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    public String name(int id) {
        return names[id];
    }

    public int size() {
        return size;
    }
}
