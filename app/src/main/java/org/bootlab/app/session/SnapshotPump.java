package org.bootlab.app.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javafx.animation.AnimationTimer;

/**
 * Moves snapshots to the views on the JavaFX thread: on each pulse it looks at the session's
 * newest snapshot (a non-blocking read) and hands it to the views when it is new, at most ~30
 * times a second while running and at once when the machine has stopped. Per-pulse work that
 * is not a snapshot (the console's batched bytes) hooks in with {@link #onPulse}.
 */
public final class SnapshotPump extends AnimationTimer {

    private final EmulatorSession session;
    private final List<Consumer<SessionSnapshot>> views = new CopyOnWriteArrayList<>();
    private final List<Runnable> pulseTasks = new CopyOnWriteArrayList<>();
    private long shownSequence = -1;
    private long lastShown;

    public SnapshotPump(EmulatorSession session) {
        this.session = session;
    }

    public void addView(Consumer<SessionSnapshot> view) {
        views.add(view);
    }

    public void onPulse(Runnable task) {
        pulseTasks.add(task);
    }

    @Override
    public void handle(long now) {
        for (Runnable task : pulseTasks) {
            task.run();
        }
        SessionSnapshot s = session.latest();
        if (s.sequence() == shownSequence
                || (!s.isStill() && now - lastShown < EmulatorSession.PUBLISH_INTERVAL_NANOS)) {
            return;
        }
        shownSequence = s.sequence();
        lastShown = now;
        for (Consumer<SessionSnapshot> v : views) {
            v.accept(s);
        }
    }
}
