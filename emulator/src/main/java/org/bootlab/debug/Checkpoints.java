package org.bootlab.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bootlab.machine.Machine;
import org.bootlab.machine.Ram;

/**
 * Machine checkpoints for reverse execution, kept small: each holds the machine without RAM
 * ({@link Machine#snapshotWithoutRam}) and only the RAM pages written since the checkpoint
 * before it (from {@link Ram}'s dirty-page map), with their contents at this checkpoint. The
 * first one holds every non-zero page. A page's contents at checkpoint k are those in the
 * latest checkpoint up to k that holds the page, or zeros.
 *
 * <p>The RAM always equals the {@linkplain #anchor anchor} checkpoint's plus the pages marked
 * dirty since, which is what {@link #restore} has to undo or redo. Checkpoints later than the
 * machine's position stay valid (execution is deterministic) until something new comes in
 * ({@link #dropAfter}); passing one again makes it the anchor.
 *
 * <p>Memory is bounded: past the cap, the checkpoint whose removal leaves the smallest gap is
 * merged into its successor (a page both hold is kept once), so old history thins out evenly.
 */
final class Checkpoints {

    static final class Checkpoint {
        final long position;
        final byte[] core;
        final Map<Integer, long[]> pages;

        Checkpoint(long position, byte[] core, Map<Integer, long[]> pages) {
            this.position = position;
            this.core = core;
            this.pages = pages;
        }

        long bytes() {
            long n = core.length;
            for (long[] words : pages.values()) {
                n += words == ZERO_PAGE ? 16 : Ram.PAGE_SIZE;
            }
            return n;
        }
    }

    private static final long[] ZERO_PAGE = new long[Ram.PAGE_SIZE / 8];

    private final Machine machine;
    private final Ram ram;
    private final long interval;
    private final long capBytes;
    private final List<Checkpoint> list = new ArrayList<>();
    private Checkpoint anchor;
    private long bytes;

    /** Takes the first checkpoint, of the machine as it is now. */
    Checkpoints(Machine machine, long interval, long capBytes) {
        if (interval <= 0 || capBytes <= 0) {
            throw new IllegalArgumentException("checkpoint interval and memory cap must be positive");
        }
        this.machine = machine;
        this.ram = machine.ram();
        this.interval = interval;
        this.capBytes = capBytes;
        Map<Integer, long[]> pages = new HashMap<>();
        for (int p = 0; p < ram.pageCount(); p++) {
            if (!ram.isZeroPage(p)) {
                pages.put(p, copy(p));
            }
        }
        add(new Checkpoint(machine.hart().steps(), machine.snapshotWithoutRam(), pages));
    }

    private long[] copy(int page) {
        long[] words = new long[Ram.PAGE_SIZE / 8];
        ram.readPage(page, words);
        return words;
    }

    private void add(Checkpoint c) {
        list.add(c);
        bytes += c.bytes();
        anchor = c;
        ram.clearDirty();
    }

    Checkpoint first() {
        return list.get(0);
    }

    Checkpoint last() {
        return list.get(list.size() - 1);
    }

    int count() {
        return list.size();
    }

    /** Bytes held: stored pages plus the machine states. */
    long bytes() {
        return bytes;
    }

    List<Long> positions() {
        return list.stream().map(c -> c.position).toList();
    }

    /** The latest checkpoint at or before {@code position}, or null. */
    Checkpoint atOrBefore(long position) {
        Checkpoint found = null;
        for (Checkpoint c : list) {
            if (c.position > position) {
                break;
            }
            found = c;
        }
        return found;
    }

    /** Where forward execution from {@code position} must pause next for checkpoint work. */
    long nextBoundary(long position) {
        for (Checkpoint c : list) {
            if (c.position > position) {
                return c.position;
            }
        }
        long due = last().position + interval;
        return due > position ? due : position + interval;
    }

    /**
     * At a pause in forward execution: passing an existing checkpoint makes it the anchor; past
     * the last one, a new checkpoint is taken every {@code interval} steps if {@code allowed}
     * (not while re-executing for a reverse command, nor where something from outside was just
     * handed to the machine, which a checkpoint here would miss).
     */
    void atBoundary(long position, boolean allowed) {
        for (Checkpoint c : list) {
            if (c.position == position) {
                if (c != anchor) {
                    anchor = c;
                    ram.clearDirty();
                }
                return;
            }
        }
        long last = last().position;
        if (allowed && position > last && position - last >= interval) {
            take(position);
        }
    }

    /**
     * Stores the dirty pages whose contents differ from the anchor's; guests often rewrite pages
     * with what they held (zeroing free memory at boot), and those cost nothing. Zero pages are
     * shared.
     */
    private void take(long position) {
        Map<Integer, long[]> pages = new HashMap<>();
        // Comparing with the anchor is right only when the new checkpoint follows it directly.
        int anchorIndex = anchor == last() ? list.size() - 1 : -1;
        long[] scratch = new long[Ram.PAGE_SIZE / 8];
        for (int p = 0; p < ram.pageCount(); p++) {
            if (ram.isDirty(p)) {
                ram.readPage(p, scratch);
                if (anchorIndex < 0 || !java.util.Arrays.equals(scratch, contentAt(anchorIndex, p))) {
                    pages.put(p, ram.isZeroPage(p) ? ZERO_PAGE : scratch.clone());
                }
            }
        }
        add(new Checkpoint(position, machine.snapshotWithoutRam(), pages));
        thin();
    }

    /** Puts the whole machine back in checkpoint {@code target}'s state. */
    void restore(Checkpoint target) {
        int to = list.indexOf(target);
        int from = list.indexOf(anchor);
        if (to < 0 || from < 0) {
            throw new IllegalStateException("checkpoint not in the list");
        }
        java.util.Set<Integer> changed = new java.util.HashSet<>();
        for (int p = 0; p < ram.pageCount(); p++) {
            if (ram.isDirty(p)) {
                changed.add(p);
            }
        }
        for (int i = Math.min(from, to) + 1; i <= Math.max(from, to); i++) {
            changed.addAll(list.get(i).pages.keySet());
        }
        for (int page : changed) {
            ram.writePage(page, contentAt(to, page));
        }
        ram.clearDirty();
        machine.restoreWithoutRam(target.core);
        anchor = target;
    }

    private long[] contentAt(int index, int page) {
        for (int i = index; i >= 0; i--) {
            long[] words = list.get(i).pages.get(page);
            if (words != null) {
                return words;
            }
        }
        return ZERO_PAGE;
    }

    /**
     * Forgets the checkpoints that no longer describe the future because something new comes
     * in at {@code position}: those after it, and the one at it unless the RAM is kept relative
     * to it (then it was taken before, and what comes in is marked dirty as usual).
     */
    void dropFrom(long position) {
        while (list.size() > 1 && (last().position > position || (last().position == position && last() != anchor))) {
            Checkpoint gone = list.remove(list.size() - 1);
            bytes -= gone.bytes();
            if (gone == anchor) {
                throw new IllegalStateException("the anchor lies after the machine's position");
            }
        }
    }

    /** The checkpoint before {@code c}, or null for the first. */
    Checkpoint previous(Checkpoint c) {
        int i = list.indexOf(c);
        return i > 0 ? list.get(i - 1) : null;
    }

    /** Merges checkpoints into their successors until the pages fit under the cap. */
    private void thin() {
        while (bytes > capBytes && list.size() > 2) {
            int best = 1;
            long bestGap = Long.MAX_VALUE;
            for (int i = 1; i < list.size() - 1; i++) {
                long gap = list.get(i + 1).position - list.get(i - 1).position;
                if (gap < bestGap) {
                    bestGap = gap;
                    best = i;
                }
            }
            mergeIntoNext(best);
        }
    }

    private void mergeIntoNext(int i) {
        Checkpoint gone = list.get(i);
        Checkpoint next = list.get(i + 1);
        bytes -= gone.bytes();
        bytes -= next.bytes();
        for (Map.Entry<Integer, long[]> e : gone.pages.entrySet()) {
            next.pages.putIfAbsent(e.getKey(), e.getValue());
        }
        bytes += next.bytes();
        list.remove(i);
        if (gone == anchor) {
            // The RAM is the removed checkpoint's plus the dirty pages: relative to the one
            // before it, the removed checkpoint's own pages are changes too.
            anchor = list.get(i - 1);
            for (int page : gone.pages.keySet()) {
                ram.markDirty(page);
            }
        }
    }
}
