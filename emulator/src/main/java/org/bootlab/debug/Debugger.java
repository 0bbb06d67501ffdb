package org.bootlab.debug;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A {@link RunControl} on a thread of its own, for a GUI or the gdb stub: every method returns
 * at once and may be called from any thread; the machine is touched only by the emulator
 * thread.
 *
 * <ul>
 * <li>Execution commands ({@link #resume}, {@link #step}, ...) run one after another; each
 * completes its future with a {@link StopEvent} (why it stopped and the registers then) and
 * tells the listeners. A command waits for the one under way: {@link #pause} first to cut a run
 * short.
 * <li>{@link #call} runs anything else on the emulator thread (breakpoints, memory reads,
 * edits): at once when idle, at the next pause between runs while a command executes, without
 * stopping it.
 * <li>{@link #status} is an immutable view refreshed at those pauses; a GUI polling it ~30 times
 * a second gets the running machine's progress.
 * </ul>
 */
public final class Debugger implements AutoCloseable {

    /** A command's end: why the machine stopped and its registers at that point. */
    public record StopEvent(StopReason reason, MachineState state) {
    }

    /** Where the machine stands; {@code running} while an execution command is under way. */
    public record Status(boolean running, long position, long pc, int privilege, long instret, long virtualNanos) {
    }

    /** Hears commands start and stop, on the emulator thread (hand work over to the GUI thread). */
    public interface Listener {

        default void onResumed(String command) {
        }

        default void onStopped(StopEvent event) {
        }
    }

    private final RunControl control;
    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Runnable> calls = new ConcurrentLinkedQueue<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile Status status;

    /** Takes over {@code control}: from now on only this object's thread may use it. */
    public Debugger(RunControl control) {
        this.control = control;
        this.status = snapshotStatus(false);
        control.setBoundaryHook(() -> {
            drainCalls();
            status = snapshotStatus(true);
        });
        thread = new Thread(this::loop, "bootlab-emulator");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!closed) {
            try {
                commands.take().run();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** The console history (readable from any thread). */
    public ConsoleHistory console() {
        return control.console();
    }

    public Status status() {
        if (running) {
            control.requestBoundary();
        }
        return status;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops the command under way soon, with {@link StopReason.Kind#PAUSED}. */
    public void pause() {
        control.requestPause();
    }

    /** Console input from the host, logged for reverse execution; see {@link RunControl#sendInput}. */
    public void sendInput(byte[] bytes) {
        control.sendInput(bytes);
    }

    // ------------------------------------------------------------------ execution commands

    public CompletableFuture<StopEvent> resume() {
        return execute("resume", RunControl::resume);
    }

    public CompletableFuture<StopEvent> step() {
        return execute("step", RunControl::step);
    }

    public CompletableFuture<StopEvent> stepOver() {
        return execute("step over", RunControl::stepOver);
    }

    public CompletableFuture<StopEvent> stepOut() {
        return execute("step out", RunControl::stepOut);
    }

    public CompletableFuture<StopEvent> runTo(long address) {
        return execute("run to", rc -> rc.runTo(address));
    }

    public CompletableFuture<StopEvent> runToSymbol(String symbol) {
        return execute("run to " + symbol, rc -> rc.runToSymbol(symbol));
    }

    public CompletableFuture<StopEvent> runToLine(String file, int line) {
        return execute("run to " + file + ":" + line, rc -> rc.runToLine(file, line));
    }

    public CompletableFuture<StopEvent> stepSysinit() {
        return execute("step SYSINIT", RunControl::stepSysinit);
    }

    public CompletableFuture<StopEvent> runToSubsystem(String subsystem) {
        return execute("run to " + subsystem, rc -> rc.runToSubsystem(subsystem));
    }

    public CompletableFuture<StopEvent> reverseStep() {
        return execute("reverse step", RunControl::reverseStep);
    }

    public CompletableFuture<StopEvent> reverseContinue() {
        return execute("reverse continue", RunControl::reverseContinue);
    }

    public CompletableFuture<StopEvent> seek(long position) {
        return execute("go to step " + position, rc -> rc.seek(position));
    }

    private CompletableFuture<StopEvent> execute(String name, Function<RunControl, StopReason> command) {
        CompletableFuture<StopEvent> future = new CompletableFuture<>();
        submit(() -> {
            running = true;
            // A call made while this command waited in the queue found nothing running to pause
            // for it, and would otherwise wait for the command's end: it runs now. Later calls
            // see it running.
            drainCalls();
            status = snapshotStatus(true);
            listeners.forEach(l -> l.onResumed(name));
            StopEvent event;
            try {
                StopReason reason = command.apply(control);
                event = new StopEvent(reason, control.state());
            } catch (RuntimeException e) {
                running = false;
                status = snapshotStatus(false);
                future.completeExceptionally(e);
                return;
            }
            running = false;
            status = snapshotStatus(false);
            listeners.forEach(l -> l.onStopped(event));
            future.complete(event);
        });
        return future;
    }

    // ------------------------------------------------------------------ everything else

    /**
     * Runs {@code work} on the emulator thread, between runs if a command is executing, and
     * completes with its result (or its exception).
     */
    public <T> CompletableFuture<T> call(Function<RunControl, T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        calls.add(() -> {
            try {
                future.complete(work.apply(control));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        // Whichever comes first runs it: the idle thread, or a pause of the running command.
        submit(this::drainCalls);
        if (running) {
            control.requestBoundary();
        }
        return future;
    }

    private void drainCalls() {
        for (Runnable r; (r = calls.poll()) != null; ) {
            r.run();
        }
    }

    private void submit(Runnable r) {
        if (closed) {
            throw new IllegalStateException("the debugger is closed");
        }
        commands.add(r);
    }

    private Status snapshotStatus(boolean isRunning) {
        var hart = control.machine().hart();
        return new Status(isRunning, hart.steps(), hart.pc(), hart.privilege(), hart.instructionsRetired(),
                hart.cycles());
    }

    /** Stops the command under way and the thread. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        control.requestPause();
        commands.add(() -> { });
        thread.join(5000);
    }
}
