package org.bootlab.app.timeline;

import javafx.application.Platform;

import org.bootlab.app.session.BootedGuest;
import org.bootlab.app.session.MachineProbe;
import org.bootlab.trace.Trace;

/**
 * The running machine's boot as a timeline that grows while it runs: each boot's call
 * recording (the session's call-stack tracker) opens as a "Live boot" tab, replacing the last.
 */
public final class LiveTimeline implements MachineProbe<Void> {

    private final TimelineWorkspace workspace;
    private TimelinePane current;

    public LiveTimeline(TimelineWorkspace workspace) {
        this.workspace = workspace;
    }

    /** Emulator thread: a machine was built; show its recording (read safely while it grows). */
    @Override
    public void attach(BootedGuest guest) {
        Trace trace = guest.calls().trace();
        Platform.runLater(() -> show(trace));
    }

    private void show(Trace trace) {
        if (current != null) {
            current.stopLiveUpdates();
            workspace.close(current);
        }
        current = workspace.openTrace(trace, "Live boot");
        current.startLiveUpdates();
    }

    @Override
    public Void capture(BootedGuest guest) {
        return null;
    }
}
