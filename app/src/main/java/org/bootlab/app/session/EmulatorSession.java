package org.bootlab.app.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.bootlab.cpu.Hart;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.ImageException;

/**
 * Owns the machine and the thread it runs on. The JavaFX thread only posts commands here and
 * reads {@link #latest()}; it never waits for the emulator. While the guest runs, a snapshot is
 * published at most every {@link #PUBLISH_INTERVAL_NANOS}; when it stops, at once.
 *
 * <p>Pause answers at once: {@link #pause()} asks the hart to stop, which it does within its
 * polling interval (65,536 instructions), or at once when it sleeps in WFI.
 */
public final class EmulatorSession implements AutoCloseable {

    /** ~30 snapshots a second while running. */
    static final long PUBLISH_INTERVAL_NANOS = 33_000_000L;
    /** Instructions per run slice: a few milliseconds, so commands are picked up promptly. */
    private static final long SLICE = 1_000_000L;

    private final BlockingQueue<Consumer<Session>> commands = new LinkedBlockingQueue<>();
    private final List<MachineProbe<?>> probes = new CopyOnWriteArrayList<>();
    private final AtomicReference<SessionSnapshot> latest;
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean pauseRequested;
    private volatile Machine machine;
    private volatile boolean closed;

    public EmulatorSession() {
        latest = new AtomicReference<>(SessionSnapshot.noMachine(0, "Nothing booted yet", false));
        thread = new Thread(this::loop, "bootlab-emulator");
        thread.setDaemon(true);
        thread.start();
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
        post(s -> s.boot(settings));
    }

    /** Boots the last settings again. */
    public void reset() {
        post(s -> s.boot(s.guest == null ? BootSettings.embeddedDefault() : s.guest.settings()));
    }

    /** Runs (continues) until a breakpoint, a pause, or the guest's end. */
    public void run() {
        post(s -> s.startRunning());
    }

    public void pause() {
        pauseRequested = true;
        Machine m = machine;
        if (running && m != null) {
            m.requestStop();
        }
    }

    /** Executes one instruction (or takes one trap). */
    public void stepInstruction() {
        post(s -> s.step());
    }

    /**
     * Runs {@code action} on the emulator thread with the current guest (none: not run), then
     * publishes a snapshot. For adapters that change the machine (breakpoints, say).
     */
    public void submit(Consumer<BootedGuest> action) {
        post(s -> {
            if (s.guest != null) {
                action.accept(s.guest);
            }
        });
    }

    /** Publishes a fresh snapshot, for a view whose request changed (a new memory address). */
    public void refresh() {
        post(s -> { });
    }

    /** Queues bytes for the guest's UART; never blocks. */
    public void sendConsoleInput(byte[] bytes) {
        Machine m = machine;
        if (m != null) {
            m.sendConsoleInput(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        pause();
        thread.interrupt();
    }

    private void post(Consumer<Session> command) {
        commands.add(command);
        Machine m = machine;
        if (running && m != null) {
            // A guest idling in WFI stays inside run(); wake it so the command is seen.
            m.requestStop();
        }
    }

    // ------------------------------------------------------------------ the emulator thread

    private void loop() {
        Session session = new Session();
        while (!closed) {
            try {
                Consumer<Session> command = running ? commands.poll() : commands.take();
                if (command != null) {
                    command.accept(session);
                    if (!running) {
                        session.publish();
                    }
                } else {
                    session.runSlice();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // Guest input must never get here; if the emulator has a bug, say so and stop.
                running = false;
                session.problem("Emulator error: " + e, true);
            }
        }
    }

    /** State confined to the emulator thread. */
    private final class Session {
        BootedGuest guest;
        long sequence;
        long lastPublish;
        RunState state = RunState.NO_MACHINE;
        String message = "";
        boolean problem;

        void boot(BootSettings settings) {
            running = false;
            machine = null;
            guest = null;
            try {
                Machine m = new Machine(GuestImages.configFor(settings));
                // The window is a terminal: a guest waiting in WFI for a key is idle, not halted.
                m.setInputAttached(true);
                guest = new BootedGuest(settings, m, GuestSymbols.of(settings));
                for (MachineProbe<?> p : probes) {
                    p.attach(guest);
                }
                machine = m;
                set(RunState.PAUSED, "Booted " + settings.describe() + "; ready to run", false);
            } catch (ImageException | IllegalArgumentException e) {
                set(RunState.NO_MACHINE, "Cannot boot: " + e.getMessage(), true);
            }
        }

        void startRunning() {
            if (state != RunState.PAUSED) {
                return;
            }
            pauseRequested = false;
            running = true;
            set(RunState.RUNNING, "", false);
            publish();
        }

        void step() {
            if (state != RunState.PAUSED) {
                return;
            }
            Hart hart = guest.machine().hart();
            long before = hart.steps();
            RunResult r = guest.machine().run(1);
            if (hart.steps() == before && r.status() == ExitStatus.STOPPED) {
                // A pause that came after the last run had stopped left its request behind.
                r = guest.machine().run(1);
            }
            settle(r, "Stepped");
        }

        void runSlice() {
            RunResult r = guest.machine().run(SLICE);
            if (r.status() == ExitStatus.INSTRUCTION_LIMIT
                    || (r.status() == ExitStatus.STOPPED && !pauseRequested && !guest.machine().hart().stoppedAtBreakpoint())) {
                if (System.nanoTime() - lastPublish >= PUBLISH_INTERVAL_NANOS) {
                    publish();
                }
                return;
            }
            running = false;
            settle(r, "Paused");
            publish();
        }

        private void settle(RunResult r, String pausedMessage) {
            Hart hart = guest.machine().hart();
            switch (r.status()) {
                case POWER_OFF -> set(RunState.FINISHED, "The guest powered off", false);
                case FAILED -> set(RunState.FINISHED, "The guest powered off reporting failure (code " + r.code() + ")", true);
                case RESET -> set(RunState.FINISHED, "The guest asked for a reset; press Reset to boot again", false);
                case HALTED -> set(RunState.FINISHED, "The guest halted: it sleeps in WFI and nothing can wake it", true);
                default -> set(RunState.PAUSED, hart.stoppedAtBreakpoint()
                        ? String.format("Breakpoint at 0x%x", hart.pc()) : pausedMessage, false);
            }
        }

        void set(RunState s, String msg, boolean isProblem) {
            state = s;
            message = msg;
            problem = isProblem;
        }

        void problem(String msg, boolean isProblem) {
            set(guest == null ? RunState.NO_MACHINE : RunState.PAUSED, msg, isProblem);
            publish();
        }

        void publish() {
            lastPublish = System.nanoTime();
            sequence++;
            if (guest == null) {
                latest.set(SessionSnapshot.noMachine(sequence, message, problem));
                return;
            }
            Hart hart = guest.machine().hart();
            Map<MachineProbe<?>, Object> models = new LinkedHashMap<>();
            for (MachineProbe<?> p : probes) {
                try {
                    Object model = p.capture(guest);
                    if (model != null) {
                        models.put(p, model);
                    }
                } catch (RuntimeException e) {
                    // A view's bug must not stop the emulator or the other views.
                    message = "A view failed to read the machine: " + e;
                    problem = true;
                }
            }
            String function = guest.symbols().containing(hart.pc()).map(sym -> sym.name()).orElse("");
            latest.set(new SessionSnapshot(sequence, state, message, problem, guest.settings(),
                    hart.instructionsRetired(), hart.cycles(), hart.pc(), hart.privilege(), function, models));
        }
    }
}
