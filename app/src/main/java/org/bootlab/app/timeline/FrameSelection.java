package org.bootlab.app.timeline;

import org.bootlab.symbols.Symbol;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.Trace;
import org.bootlab.trace.Track;

/**
 * A frame the user selected: which trace, track and frame, and what the debugger views need to
 * show its code ({@code symbol}: the function of that name in the trace's symbols, or null).
 */
public record FrameSelection(Trace trace, Track track, int frame, String name, Symbol symbol) {

    public FrameList frames() {
        return track.frames();
    }

    public long start() {
        return track.frames().start(frame);
    }

    /** The end time, or {@link FrameList#OPEN} while the frame runs. */
    public long end() {
        return track.frames().end(frame);
    }

    /** The function's entry address, or -1 when the trace has no symbol for it. */
    public long address() {
        return symbol == null ? -1 : symbol.address();
    }
}
