package org.bootlab.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.ImageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bootlab bench}: how fast the host runs guest code. Runs {@link BenchGuest}'s compute
 * loop with no listeners attached, warms the JIT up, then times rounds of about one second of
 * host time each and prints guest MIPS per round and their median. Host time is right here: this
 * measures the host, never the guest (whose time stays virtual).
 */
@Command(name = "bench",
        sortOptions = false,
        description = {
            "Measures emulation speed: millions of guest instructions per second (MIPS) on an "
                    + "integer compute loop (adds, shifts, loads and stores, a multiply, a branch), "
                    + "with nothing listening. Prints each round and the median.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:measured", "1:the guest stopped unexpectedly (an emulator bug)", "2:bad option"})
final class BenchCommand implements Callable<Integer> {

    private static final double WARMUP_SECONDS = 3;
    private static final long FIRST_BUDGET = 1_000_000;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Timed rounds of about one second each, after a " + (int) WARMUP_SECONDS
                    + " s warm-up (default 10, at most 3600).")
    int seconds = 10;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InputException, ImageException {
        if (seconds < 1 || seconds > 3600) {
            throw new InputException("--seconds must be 1..3600, not " + seconds);
        }
        Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, "", BenchGuest.endless(), null));
        out.printf(Locale.ROOT, "bench: %d-instruction compute loop, %d s warm-up, %d timed rounds%n",
                BenchGuest.INSTRUCTIONS_PER_ITERATION, (int) WARMUP_SECONDS, seconds);

        // Warm-up: let the JIT compile the hart's hot paths, and learn how many instructions
        // make about one second, so that each timed round is a single run() call.
        long budget = FIRST_BUDGET;
        long warmupEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        double rate = 0;
        while (System.nanoTime() < warmupEnd) {
            double elapsed = timedRun(machine, budget);
            if (elapsed < 0) {
                return 1;
            }
            rate = budget / elapsed;
            budget = Math.max(FIRST_BUDGET, Math.min((long) (rate * 0.5), budget * 4));
        }
        long roundBudget = Math.max(FIRST_BUDGET, (long) rate);

        double[] mips = new double[seconds];
        for (int round = 0; round < seconds; round++) {
            double elapsed = timedRun(machine, roundBudget);
            if (elapsed < 0) {
                return 1;
            }
            mips[round] = roundBudget / elapsed / 1e6;
            out.printf(Locale.ROOT, "round %2d: %8.1f MIPS  (%,d instructions in %.3f s)%n",
                    round + 1, mips[round], roundBudget, elapsed);
        }
        Arrays.sort(mips);
        double median = mips.length % 2 == 1 ? mips[mips.length / 2]
                : (mips[mips.length / 2 - 1] + mips[mips.length / 2]) / 2;
        out.printf(Locale.ROOT, "median:   %8.1f MIPS over %d rounds%n", median, seconds);
        return 0;
    }

    /** Seconds of host time for {@code budget} instructions, or -1 if the guest stopped early. */
    private double timedRun(Machine machine, long budget) {
        long start = System.nanoTime();
        RunResult result = machine.run(budget);
        long elapsed = System.nanoTime() - start;
        if (result.status() != ExitStatus.INSTRUCTION_LIMIT) {
            err.println("bootlab: the bench guest stopped unexpectedly (" + result.status()
                    + ", code " + result.code() + ") after " + result.instructions() + " instructions");
            return -1;
        }
        return Math.max(elapsed, 1) / 1e9;
    }
}
