package org.bootlab.app.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.bootlab.cpu.Hart;
import org.bootlab.debug.Debugger;
import org.bootlab.debug.RunControl;
import org.bootlab.debug.StopReason;
import org.bootlab.machine.Machine;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.symbols.SysinitEntry;

/**
 * The booted machine behind the window, driven through {@link Debugger}: every command returns
 * at once, the machine runs on the debugger's emulator thread, and the JavaFX thread only reads
 * {@link #latest()}, an immutable snapshot. One is published where each command stops and, while
 * one runs, every {@link #PUBLISH_INTERVAL_NANOS} (taken at the run's next pause between slices,
 * which {@link Debugger#call} arranges). Boot and reset build the machine on a session thread of
 * their own, so a large image never stalls the window either; commands pass through that thread
 * too, so one given after a boot reaches the new machine.
 */
public final class EmulatorSession implements AutoCloseable {

    /** ~30 snapshots a second while running. */
    static final long PUBLISH_INTERVAL_NANOS = 33_000_000L;

    private final List<MachineProbe<?>> probes = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<SessionSnapshot> latest;
    /** Builds machines and asks the running one for snapshots. */
    private final ScheduledExecutorService control;
    private volatile Live live;
    private volatile BootSettings lastSettings = BootSettings.embeddedDefault();

    public EmulatorSession() {
        latest = new AtomicReference<>(SessionSnapshot.noMachine(0, "Nothing booted yet", false));
        control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bootlab-session");
            t.setDaemon(true);
            return t;
        });
        control.scheduleAtFixedRate(this::tick, PUBLISH_INTERVAL_NANOS, PUBLISH_INTERVAL_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Adds a view's probe; its model is in every snapshot from the next one on. */
    public void register(MachineProbe<?> probe) {
        probes.add(probe);
    }

    /** The newest snapshot; never null. */
    public SessionSnapshot latest() {
        return latest.get();
    }

    // ------------------------------------------------------------------ commands (any thread)

    /** Builds a machine from {@code settings}, stopped before its first instruction. */
    public void boot(BootSettings settings) {
        control.execute(() -> build(settings));
    }

    /** Boots the last settings again. */
    public void reset() {
        control.execute(() -> build(lastSettings));
    }

    /** Runs (continues) until a breakpoint, a pause, or the guest's end. */
    public void run() {
        execute(Debugger::resume);
    }

    /** Executes one instruction (or takes one trap). */
    public void stepInstruction() {
        execute(Debugger::step);
    }

    /** One instruction, or a whole call. */
    public void stepOver() {
        execute(Debugger::stepOver);
    }

    /** Until the current function returns. */
    public void stepOut() {
        execute(Debugger::stepOut);
    }

    /** Until mi_startup calls the next SYSINIT. */
    public void stepSysinit() {
        execute(Debugger::stepSysinit);
    }

    /** Until the first SYSINIT of {@code subsystem} ("SI_SUB_DRIVERS") is entered. */
    public void runToSubsystem(String subsystem) {
        execute(d -> d.runToSubsystem(subsystem));
    }

    /** Until the pc reaches {@code address}. */
    public void runTo(long address) {
        execute(d -> d.runTo(address));
    }

    /**
     * Until mi_startup calls {@code target}: to its subsystem, then SYSINIT by SYSINIT, each step
     * a command of its own (so breakpoints and Pause stop the way there).
     */
    public void runToSysinit(SysinitEntry target) {
        control.execute(() -> startRunToSysinit(target));
    }

    private void startRunToSysinit(SysinitEntry target) {
        Live l = live;
        if (l == null) {
            return;
        }
        l.chainCancelled = false;
        l.debugger.call(rc -> l.guest.calls().currentSysinit(rc.machine().hart().cycles()))
                .thenAccept(current -> {
                    List<SysinitEntry> all = l.guest.image().sysinits();
                    boolean sameSubsystem = current >= 0 && all.get(current).subsystem() == target.subsystem();
                    l.track(sameSubsystem ? l.debugger.stepSysinit() : l.debugger.runToSubsystem(target.subsystemName()))
                            .thenAccept(e -> continueToSysinit(l, e, target));
                });
    }

    private void continueToSysinit(Live l, Debugger.StopEvent e, SysinitEntry target) {
        StopReason r = e.reason();
        if (l.chainCancelled || r.kind() != StopReason.Kind.SYSINIT || r.sysinit().index() >= target.index()) {
            return;
        }
        l.track(l.debugger.stepSysinit()).thenAccept(next -> continueToSysinit(l, next, target));
    }

    /** Undoes one instruction. */
    public void reverseStep() {
        execute(Debugger::reverseStep);
    }

    /** Back to the latest breakpoint (or watchpoint, or trap break) hit before now. */
    public void reverseContinue() {
        execute(Debugger::reverseContinue);
    }

    public void pause() {
        Live l = live;
        if (l != null) {
            l.chainCancelled = true;
            l.debugger.pause();
        }
    }

    /**
     * Runs {@code action} on the emulator thread with the current guest (none: not run), then
     * publishes a snapshot. For adapters that change the machine's debugger state (breakpoints).
     */
    public void submit(Consumer<BootedGuest> action) {
        control.execute(() -> {
            Live l = live;
            if (l != null) {
                l.debugger.call(rc -> {
                    action.accept(l.guest);
                    l.publish(!l.debugger.isRunning());
                    return null;
                });
            }
        });
    }

    /** Publishes a fresh snapshot, for a view whose request changed (a new memory address). */
    public void refresh() {
        submit(guest -> { });
    }

    /** Queues bytes for the guest's UART through the debugger, which logs them for reverse execution. */
    public void sendConsoleInput(byte[] bytes) {
        Live l = live;
        if (l != null) {
            l.debugger.sendInput(bytes);
        }
    }

    @Override
    public void close() {
        Live l = live;
        live = null;
        control.shutdownNow();
        if (l != null) {
            l.debugger.pause();
            // Joining the emulator thread may take a moment: not on the caller's (the JavaFX) thread.
            Thread closer = new Thread(l::close, "bootlab-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /**
     * Hands {@code command} to the current debugger, after any boot or reset asked for before
     * it (they run on the session thread, which only queues the command: it never waits).
     */
    private void execute(Function<Debugger, CompletableFuture<Debugger.StopEvent>> command) {
        control.execute(() -> {
            Live l = live;
            if (l != null) {
                l.track(command.apply(l.debugger));
            }
        });
    }

    // ------------------------------------------------------------------ the session thread

    private void build(BootSettings settings) {
        Live old = live;
        live = null;
        if (old != null) {
            old.close();
        }
        lastSettings = settings;
        try {
            GuestImages.Loaded loaded = GuestImages.load(settings);
            Machine m = new Machine(loaded.config());
            // The window is a terminal: a guest waiting in WFI for a key is idle, not halted.
            m.setInputAttached(true);
            GuestSymbols image = GuestSymbols.read(loaded.symbolsOrigin(), loaded.symbolsImage());
            RunControl rc = new RunControl(m);
            rc.setSymbols(image.symbols());
            if (image.lines() != null) {
                rc.setLineResolver(image.lines()::addresses);
            }
            if (!image.sysinits().isEmpty() && image.symbols().byName("mi_startup").isPresent()) {
                rc.setSysinits(image.sysinits());
            }
            CallTracking calls = new CallTracking(m, image.symbols(), image.sysinits());
            BootedGuest guest = new BootedGuest(settings, m, rc, image, calls);
            for (MachineProbe<?> p : probes) {
                p.attach(guest);
            }
            String note = image.problem() == null ? "" : " (" + image.problem() + ")";
            Live l = new Live(guest, "Booted " + settings.describe() + "; ready to run" + note);
            live = l;
            l.debugger.call(x -> {
                l.publish(true);
                return null;
            });
        } catch (ImageException | IllegalArgumentException e) {
            latest.set(SessionSnapshot.noMachine(sequence.incrementAndGet(), "Cannot boot: " + e.getMessage(), true));
        } catch (RuntimeException e) {
            // Guest input must never get here; if the emulator has a bug, say so and carry on.
            latest.set(SessionSnapshot.noMachine(sequence.incrementAndGet(), "Emulator error while booting: " + e, true));
        }
    }

    /** While a command runs, asks for a snapshot at its next pause, one request at a time. */
    private void tick() {
        Live l = live;
        // live changes only on this thread, so l is not closed under our feet.
        if (l != null && l.debugger.isRunning() && !l.captureQueued) {
            l.captureQueued = true;
            l.debugger.call(rc -> {
                l.captureQueued = false;
                if (l.debugger.isRunning()) {
                    l.publish(false);
                }
                return null;
            });
        }
    }

    /** One booted machine and its debugger; the fields below the first two are the emulator thread's. */
    private final class Live implements Debugger.Listener {
        final BootedGuest guest;
        final Debugger debugger;
        volatile boolean captureQueued;
        volatile boolean chainCancelled;
        RunState state = RunState.PAUSED;
        String message;
        boolean problem;

        Live(BootedGuest guest, String message) {
            this.guest = guest;
            this.message = message;
            this.debugger = new Debugger(guest.control());
            debugger.addListener(this);
        }

        /** Reports a command that failed (no SYSINIT table, say) as a problem in the window. */
        CompletableFuture<Debugger.StopEvent> track(CompletableFuture<Debugger.StopEvent> command) {
            command.whenComplete((event, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    debugger.call(rc -> {
                        state = guest.machine().isFinished() ? RunState.FINISHED : RunState.PAUSED;
                        message = "Cannot do that: " + cause.getMessage();
                        problem = true;
                        publish(true);
                        return null;
                    });
                }
            });
            return command;
        }

        @Override
        public void onResumed(String command) {
            state = RunState.RUNNING;
            message = Character.toUpperCase(command.charAt(0)) + command.substring(1) + "…";
            problem = false;
            guest.calls().beforeCommand(command.startsWith("reverse") || command.startsWith("go to"));
        }

        @Override
        public void onStopped(Debugger.StopEvent event) {
            settle(event.reason());
            publish(true);
        }

        private void settle(StopReason r) {
            problem = false;
            state = RunState.PAUSED;
            String where = guest.symbols().containing(r.pc()).map(s -> " in " + s.name() + "()").orElse("");
            message = switch (r.kind()) {
                case EXITED -> {
                    state = RunState.FINISHED;
                    RunResult end = guest.machine().run(0);
                    problem = switch (end.status()) {
                        case FAILED -> true;
                        default -> false;
                    };
                    yield switch (end.status()) {
                        case FAILED -> "The guest powered off reporting failure (code " + end.code() + ")";
                        case RESET -> "The guest asked for a reset; press Reset to boot again";
                        default -> "The guest powered off";
                    };
                }
                case HALTED -> {
                    state = RunState.FINISHED;
                    problem = true;
                    yield "The guest halted: it sleeps in WFI and nothing can wake it";
                }
                case HISTORY_START -> "Reverse execution reached the oldest state kept" + where;
                case STEP -> (r.reverse() ? "Stepped back" : "Stepped") + String.format(" to 0x%x", r.pc()) + where;
                case BREAKPOINT -> (r.reverse() ? "Reverse: b" : "B") + "reakpoint " + r.id()
                        + String.format(" at 0x%x", r.pc()) + where;
                case SYSINIT -> String.format("SYSINIT #%d %s (%s)", r.sysinit().index(), r.sysinit().name(),
                        r.sysinit().subsystemName());
                case REACHED -> String.format("Reached 0x%x", r.pc()) + where;
                case PAUSED -> String.format("Paused at 0x%x", r.pc()) + where;
                default -> r.describe() + where;
            };
        }

        /** Captures every probe and publishes the snapshot; on the emulator thread, the machine still. */
        void publish(boolean stopped) {
            if (live != this) {
                return;
            }
            Hart hart = guest.machine().hart();
            boolean running = debugger.isRunning();
            Map<MachineProbe<?>, Object> models = new LinkedHashMap<>();
            String note = message;
            boolean isProblem = problem;
            for (MachineProbe<?> p : probes) {
                try {
                    Object model = p.capture(guest, running);
                    if (model != null) {
                        models.put(p, model);
                    }
                } catch (RuntimeException e) {
                    // A view's bug must not stop the emulator or the other views.
                    note = "A view failed to read the machine: " + e;
                    isProblem = true;
                }
            }
            long now = hart.cycles();
            int current = guest.calls().currentSysinit(now);
            String sysinit = "";
            if (current >= 0) {
                SysinitEntry e = guest.image().sysinits().get(current);
                sysinit = "#" + e.index() + " " + e.subsystemName() + " " + e.name();
            }
            String function = guest.symbols().containing(hart.pc()).map(s -> s.name()).orElse("");
            latest.set(new SessionSnapshot(sequence.incrementAndGet(), running ? RunState.RUNNING : state, note,
                    isProblem, guest.settings(), hart.steps(), hart.instructionsRetired(), now, hart.pc(),
                    hart.privilege(), function, sysinit, stopped, models));
        }

        void close() {
            try {
                debugger.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            guest.machine().close();
        }
    }
}
