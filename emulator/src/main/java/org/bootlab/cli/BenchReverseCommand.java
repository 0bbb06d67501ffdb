package org.bootlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bootlab.debug.RunControl;
import org.bootlab.debug.StopReason;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.loader.ImageLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bootlab bench-reverse}: how long a reverse step takes. Boots the guest kernel to its
 * end under {@link RunControl} (taking checkpoints as the debugger does), then from points spread
 * over the boot times one reverse step each: restoring the last checkpoint before and
 * re-executing up to the previous instruction. Host time is right here: this measures the host.
 */
@Command(name = "bench-reverse",
        sortOptions = false,
        description = {
            "Measures reverse execution: boots the guest kernel to its end with checkpoints, then "
                    + "times one reverse step from each of N points spread over the boot and prints "
                    + "the median and the worst.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:measured", "1:the guest did not finish its boot", "2:bad option"})
final class BenchReverseCommand implements Callable<Integer> {

    @Option(names = "--kernel", paramLabel = "FILE",
            description = "The kernel to boot directly (default: the embedded guest kernel).")
    Path kernel;

    @Option(names = "--bootargs", paramLabel = "STR",
            description = "Kernel command line (default: sysinit.sort=bubble, the longest boot).")
    String bootargs = "sysinit.sort=bubble";

    @Option(names = "--points", paramLabel = "N", description = "Points of the boot to step back from (default 20).")
    int points = 20;

    @Option(names = "--interval", paramLabel = "STEPS",
            description = "Steps between checkpoints (default: the debugger's, 2,000,000).")
    long interval = RunControl.Options.DEFAULT.checkpointInterval();

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "Stop the boot here if it has not finished (default 10,000,000,000).")
    long maxInstructions = 10_000_000_000L;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;

    BenchReverseCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InputException, ImageException {
        if (points < 1 || points > 10_000) {
            throw new InputException("--points must be 1..10000, not " + points);
        }
        if (interval < 1) {
            throw new InputException("--interval must be positive, not " + interval);
        }
        if (maxInstructions < 1) {
            throw new InputException("--max-instructions must be 1 or more, not " + maxInstructions);
        }
        BootImage image = kernel != null ? ImageLoader.load(kernel, MemoryMap.KERNEL_LOAD)
                : EmbeddedKernel.load(EmbeddedKernel.RESOURCE);
        Machine machine = new Machine(new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, bootargs, null, image));
        RunControl rc = new RunControl(machine,
                new RunControl.Options(interval, RunControl.Options.DEFAULT.checkpointCapBytes()));

        long start = System.nanoTime();
        StopReason end = rc.seek(maxInstructions);
        double bootSeconds = (System.nanoTime() - start) / 1e9;
        if (end.kind() != StopReason.Kind.EXITED) {
            err.println("bootlab: the guest did not finish its boot: " + end.describe());
            return 1;
        }
        long last = end.position();
        out.printf(Locale.ROOT, "boot: %,d steps in %.2f s with checkpoints every %,d steps: %d checkpoints, %.1f MiB%n",
                last, bootSeconds, interval, rc.checkpointCount(), rc.checkpointBytes() / 1048576.0);

        // One untimed round lets the JIT compile the restore and replay paths.
        timeReverseSteps(rc, last, Math.min(points, 5));
        double[] ms = timeReverseSteps(rc, last, points);
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        out.printf(Locale.ROOT, "reverse step: median %.1f ms, worst %.1f ms over %d points%n",
                median, sorted[sorted.length - 1], points);
        return 0;
    }

    /** Times a reverse step from each of {@code n} points spread over [1, last]. */
    private double[] timeReverseSteps(RunControl rc, long last, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long from = Math.max(1, last - (last - 1) * i / Math.max(1, n - 1));
            rc.seek(from);
            long t0 = System.nanoTime();
            StopReason r = rc.reverseStep();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.position() != from - 1) {
                throw new IllegalStateException("reverse step from " + from + " landed at " + r.position());
            }
            out.printf(Locale.ROOT, "  from step %,13d: %8.1f ms%n", from, ms[i]);
        }
        return ms;
    }
}
