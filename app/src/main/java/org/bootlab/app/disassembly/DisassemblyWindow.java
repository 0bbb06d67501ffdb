package org.bootlab.app.disassembly;

import java.util.List;

/** The instructions around pc, as read when the snapshot was taken. */
public record DisassemblyWindow(long pc, List<DisassemblyLine> lines) {

    public DisassemblyWindow {
        lines = List.copyOf(lines);
    }
}
