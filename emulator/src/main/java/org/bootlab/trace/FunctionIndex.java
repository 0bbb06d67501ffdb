package org.bootlab.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SymbolTable;

/**
 * The function symbols of a program as sorted arrays, for the tracker's per-jump lookups: which
 * function contains an address, and which function starts exactly there. A symbol without a
 * size (an assembly label) extends to the next function.
 *
 * <p>Lookups go through a small direct-mapped cache of recent addresses: a boot asks about the
 * same jump targets over and over (loops in code without symbols, such as user programs, ask on
 * every iteration), and the symbols never change, so a hit spares a binary search.
 */
final class FunctionIndex {

    private static final int CACHE_SIZE = 1 << 10;

    private final Symbol[] symbols;
    private final long[] start;
    private final long[] end;
    private final long[] cachedAddress = new long[CACHE_SIZE];
    private final int[] cachedIndex = new int[CACHE_SIZE];

    FunctionIndex(SymbolTable table) {
        List<Symbol> functions = new ArrayList<>();
        for (Symbol s : table.symbols()) {
            if (s.kind() == Symbol.Kind.FUNCTION) {
                functions.add(s);
            }
        }
        functions.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        // One symbol per address: the first listed (aliases would only rename the same code).
        List<Symbol> unique = new ArrayList<>();
        for (Symbol s : functions) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).address() != s.address()) {
                unique.add(s);
            }
        }
        int n = unique.size();
        symbols = unique.toArray(new Symbol[0]);
        start = new long[n];
        end = new long[n];
        for (int i = 0; i < n; i++) {
            Symbol s = symbols[i];
            long next = i + 1 < n ? symbols[i + 1].address() : Long.MAX_VALUE;
            start[i] = s.address();
            end[i] = s.size() > 0 ? s.address() + s.size() : next;
        }
        // Every slot starts out holding the right answer for address 0, so no slot needs an empty mark.
        Arrays.fill(cachedIndex, search(0));
    }

    int size() {
        return symbols.length;
    }

    Symbol symbol(int i) {
        return symbols[i];
    }

    long start(int i) {
        return start[i];
    }

    long end(int i) {
        return end[i];
    }

    /** The function whose extent holds {@code addr}, or -1. */
    int containing(long addr) {
        int i = lastStartingAtOrBefore(addr);
        return i >= 0 && Long.compareUnsigned(addr, end[i]) < 0 ? i : -1;
    }

    /** The function that starts at {@code addr}, or -1. */
    int startingAt(long addr) {
        int i = lastStartingAtOrBefore(addr);
        return i >= 0 && start[i] == addr ? i : -1;
    }

    /** The function named {@code name}, or -1. */
    int byName(String name) {
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int lastStartingAtOrBefore(long addr) {
        int slot = (int) ((addr >>> 1) ^ (addr >>> 17)) & (CACHE_SIZE - 1);
        if (cachedAddress[slot] == addr) {
            return cachedIndex[slot];
        }
        int i = search(addr);
        cachedAddress[slot] = addr;
        cachedIndex[slot] = i;
        return i;
    }

    private int search(long addr) {
        int lo = 0;
        int hi = start.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(start[mid], addr) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
