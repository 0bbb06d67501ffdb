package org.bootlab.trace;

import java.util.Arrays;

/**
 * One guest thread's stack of TSLOG frames, as FreeBSD's boot-profiling scripts build it: an
 * ENTER opens a frame, an EXIT closes the innermost open frame of the same name and any frames
 * above it (an EXIT naming no open frame is ignored). Frames and instants go to the thread's
 * lists; its clock never goes back.
 */
final class TslogThread {

    final long id;
    final FrameList frames;
    final InstantList instants;
    private int[] open = new int[16];
    private int[] openNames = new int[16];
    private int top;
    private long lastTime;

    TslogThread(long id, FrameList frames, InstantList instants) {
        this.id = id;
        this.frames = frames;
        this.instants = instants;
    }

    /** The thread's time for a record at {@code time}: never before its previous record's. */
    long advance(long time) {
        lastTime = Math.max(time, lastTime);
        return lastTime;
    }

    void enter(int name, long t, long insns) {
        if (top == open.length) {
            open = Arrays.copyOf(open, top * 2);
            openNames = Arrays.copyOf(openNames, top * 2);
        }
        int parent = top == 0 ? -1 : open[top - 1];
        open[top] = frames.open(name, parent, t, insns, FrameList.NO_SYSINIT);
        openNames[top++] = name;
    }

    /** Closes the innermost open frame named {@code name} (none when it is negative) and those above it. */
    void exit(int name, long t, long insns) {
        if (name < 0) {
            return;
        }
        for (int k = top - 1; k >= 0; k--) {
            if (openNames[k] == name) {
                while (top > k) {
                    frames.close(open[--top], t, insns);
                }
                return;
            }
        }
    }
}
