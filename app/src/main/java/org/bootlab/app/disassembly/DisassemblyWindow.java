package org.bootlab.app.disassembly;

import java.util.List;

/**
 * The instructions around pc (or around another address a view asked for), as read when the
 * snapshot was taken.
 *
 * @param focus the address the listing is about: pc, or the address asked for
 */
public record DisassemblyWindow(long pc, long focus, List<DisassemblyLine> lines) {

    public DisassemblyWindow {
        lines = List.copyOf(lines);
    }
}
