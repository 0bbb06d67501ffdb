package org.bootlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.virtio.VirtioConfig;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.trace.CallStackTracker;
import org.bootlab.trace.NativeTraceWriter;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bootlab profile}: boots with call-stack tracing and saves the trace in the native format. */
@Command(name = "profile",
        sortOptions = false,
        description = {
            "Boots a guest like 'bootlab boot' (without a console) while following the hart's call "
                    + "stack, and saves the trace: frames with virtual time and instruction counts, "
                    + "console lines, traps, privilege changes, SBI calls and the guest's TSLOG records.",
            "The file is written as FILE.part while the machine runs (readable meanwhile) and renamed "
                    + "to FILE at the end. The same options give the same file, byte for byte.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the trace was saved (whatever the guest's own outcome, which is recorded in it)",
            "2:bad input: an option out of range, a missing, unreadable or unusable file",
            "124:the --max-instructions limit was reached (the trace up to there is saved)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  bootlab profile --kernel guest-kernel/prebuilt/kernel.elf --bootargs sysinit.sort=bubble -o bubble.bltrace",
            "  bootlab profile --kernel guest-kernel/prebuilt/kernel.elf --bench 5"})
final class ProfileCommand implements Callable<Integer> {

    /** Instructions per run slice: the trace file grows (and progress shows) after each. */
    static final long SLICE = 10_000_000;

    /**
     * Untimed boots of each kind come first for at least this long (as in {@code bench}): the
     * JIT compiles the step loop, recompiles it several times, then the tracker's methods, and
     * on a busy machine that takes seconds; boots timed meanwhile measure the compiler's queue.
     */
    static final double BENCH_WARMUP_SECONDS = 3;

    /** The same virtio devices as {@code boot}: with the embedded kernel, its disk, network and entropy. */
    @Mixin
    private DeviceOptions devices = new DeviceOptions();

    @Option(names = "--bios", paramLabel = "FILE|none", description = "Firmware, as for 'bootlab boot'.")
    String bios;

    @Option(names = "--kernel", paramLabel = "FILE",
            description = "The kernel (default: the embedded guest kernel); its ELF symbols label the frames.")
    Path kernel;

    @Option(names = "--bootargs", paramLabel = "STR", description = "Kernel command line.")
    String bootargs;

    @Option(names = "--mem", paramLabel = "MIB", description = "Guest RAM in MiB (default 128).")
    int memMiB = MachineConfig.DEFAULT_MEM_MIB;

    @Option(names = "--max-instructions", paramLabel = "N", description = "Stop after N instructions.")
    long maxInstructions = Long.MAX_VALUE;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to save the trace.")
    Path output;

    @Option(names = "--bench", paramLabel = "N",
            description = "Instead of saving a trace, boot N times without and N times with tracing and "
                    + "print the median wall-clock time of each and their ratio (after untimed boots of "
                    + "each kind for " + (int) BENCH_WARMUP_SECONDS + " s, for the JIT).")
    Integer bench;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;

    ProfileCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The files of one boot: images, their bytes (for the hash) and symbols. */
    private record Guest(MachineConfig config, String kernelName, byte[] kernelBytes, String firmwareName,
                         byte[] firmwareBytes, GuestSymbols symbols) {
    }

    @Override
    public Integer call() throws InputException, ImageException {
        if (memMiB < MachineConfig.MIN_MEM_MIB || memMiB > MachineConfig.MAX_MEM_MIB) {
            throw new InputException("--mem " + memMiB + " is outside " + MachineConfig.MIN_MEM_MIB + ".."
                    + MachineConfig.MAX_MEM_MIB + " MiB");
        }
        if (maxInstructions <= 0) {
            throw new InputException("--max-instructions must be 1 or more, not " + maxInstructions);
        }
        Guest guest = guest();
        if (bench != null) {
            if (bench < 1) {
                throw new InputException("--bench needs 1 or more boots, not " + bench);
            }
            return bench(guest, bench);
        }
        if (output == null) {
            throw new InputException("missing -o FILE: where to save the trace");
        }
        try {
            return profile(guest);
        } catch (IOException e) {
            throw new InputException(output + ": cannot write the trace: " + e.getMessage());
        }
    }

    private Guest guest() throws InputException, ImageException {
        byte[] firmwareBytes = null;
        BootImage firmware = null;
        if (bios != null && !bios.equals("none")) {
            firmwareBytes = readFile(Path.of(bios));
            firmware = ImageLoader.fromBytes(bios, firmwareBytes, MemoryMap.DRAM_BASE);
        }
        byte[] kernelBytes = null;
        String kernelName = null;
        if (kernel != null) {
            kernelBytes = readFile(kernel);
            kernelName = kernel.getFileName().toString();
        } else if (firmware == null) {
            kernelBytes = embeddedKernel();
            kernelName = "embedded kernel.elf";
        }
        BootImage kernelImage = kernelBytes == null ? null
                : ImageLoader.fromBytes(kernel != null ? kernel.toString() : kernelName, kernelBytes, MemoryMap.KERNEL_LOAD);
        GuestSymbols symbols = GuestSymbols.read(kernelName == null ? bios : kernelName,
                kernelBytes != null ? kernelBytes : firmwareBytes);
        VirtioConfig attached = devices.resolve(null, kernel == null && firmware == null);
        return new Guest(new MachineConfig(memMiB, bootargs, firmware, kernelImage, attached), kernelName, kernelBytes,
                bios == null || bios.equals("none") ? null : Path.of(bios).getFileName().toString(), firmwareBytes, symbols);
    }

    private static byte[] readFile(Path file) throws InputException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static byte[] embeddedKernel() throws InputException {
        try (InputStream in = ProfileCommand.class.getResourceAsStream(EmbeddedKernel.RESOURCE)) {
            if (in == null) {
                throw new InputException("this build has no embedded guest kernel; give --kernel FILE");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InputException("cannot read the embedded guest kernel: " + e.getMessage());
        }
    }

    private Trace newTrace(Guest guest) {
        Trace trace = new Trace();
        TraceInfo info = trace.info();
        info.set(TraceInfo.SOURCE, "bootlab");
        info.set(TraceInfo.CLOCK, "virtual-ns");
        info.set(TraceInfo.MACHINE, "bootlab riscv64 virt: 1 hart rv64gc, " + (guest.config().directBoot()
                ? "direct kernel boot (S-mode, SBI by the VMM)" : "firmware boot (M-mode)"));
        info.set(TraceInfo.MEM_MIB, Integer.toString(guest.config().memMiB()));
        info.set(TraceInfo.BOOTARGS, guest.config().bootargs());
        if (guest.kernelName() != null) {
            info.set(TraceInfo.KERNEL, guest.kernelName());
            info.set(TraceInfo.KERNEL_SHA256, sha256(guest.kernelBytes()));
        }
        if (guest.firmwareName() != null) {
            info.set(TraceInfo.FIRMWARE, guest.firmwareName());
            info.set(TraceInfo.FIRMWARE_SHA256, sha256(guest.firmwareBytes()));
        }
        trace.sysinits().addAll(guest.symbols().sysinits());
        return trace;
    }

    private int profile(Guest guest) throws ImageException, IOException {
        Machine machine = new Machine(guest.config());
        Trace trace = newTrace(guest);
        CallStackTracker tracker = new CallStackTracker(machine, trace, guest.symbols().symbols());
        tracker.attach(machine);
        boolean terminal = System.console() != null;
        RunResult result;
        try (NativeTraceWriter writer = NativeTraceWriter.open(trace, output)) {
            long left = maxInstructions;
            while (true) {
                long slice = Math.min(SLICE, left);
                result = machine.run(slice);
                left -= slice;
                if (result.status() != ExitStatus.INSTRUCTION_LIMIT || left == 0) {
                    break;
                }
                writer.flush();
                if (terminal) {
                    err.printf("\rprofile: %,d instructions, %,d frames", result.instructions(),
                            tracker.track().frames().size());
                    err.flush();
                }
            }
            tracker.finish();
            tracker.detach(machine);
            trace.info().set(TraceInfo.EXIT, result.status().name()
                    + (result.status() == ExitStatus.FAILED ? " " + result.code() : ""));
            writer.finish();
        }
        if (terminal) {
            err.print("\r");
        }
        err.printf("profile: saved %s: %,d frames, %.3f ms of virtual time, %,d instructions, guest %s%n",
                output, tracker.track().frames().size(), result.virtualNanos() / 1e6, result.instructions(),
                result.status().name().toLowerCase().replace('_', ' '));
        if (tracker.droppedCalls() > 0) {
            err.printf("profile: %,d calls deeper than the tracker's limit were not recorded%n", tracker.droppedCalls());
        }
        return result.status() == ExitStatus.INSTRUCTION_LIMIT ? BootCommand.EXIT_INSTRUCTION_LIMIT : 0;
    }

    /** Median wall-clock boot times without and with tracing: the tracer's overhead. */
    private int bench(Guest guest, int runs) throws ImageException {
        long warmupEnd = System.nanoTime() + (long) (BENCH_WARMUP_SECONDS * 1e9);
        int warmups = 0;
        do {
            bootTwice(guest);
            warmups++;
        } while (System.nanoTime() < warmupEnd);
        long[] plain = new long[runs];
        long[] traced = new long[runs];
        BootTimes last = null;
        for (int i = 0; i < runs; i++) {
            last = bootTwice(guest);
            plain[i] = last.plainNanos();
            traced[i] = last.tracedNanos();
        }
        Arrays.sort(plain);
        Arrays.sort(traced);
        double a = plain[runs / 2] / 1e6;
        double b = traced[runs / 2] / 1e6;
        out.printf("boot without tracing: %.1f ms (median of %d after %d untimed, %,d instructions)%n", a, runs,
                warmups, last.instructions());
        out.printf("boot with tracing:    %.1f ms (median of %d after %d untimed, %,d frames)%n", b, runs,
                warmups, last.frames());
        out.printf("tracing overhead:     %.2fx%n", b / a);
        return 0;
    }

    /** What {@link #bootTwice} measured. */
    private record BootTimes(long plainNanos, long tracedNanos, long instructions, long frames) {
    }

    /**
     * Boots once without and once with tracing (recording, and finishing the trace, not saving
     * it). A collection before each timed boot keeps the previous machines' RAM out of the figures.
     */
    private BootTimes bootTwice(Guest guest) throws ImageException {
        Machine m = new Machine(guest.config());
        System.gc();
        long t0 = System.nanoTime();
        long instructions = m.run(maxInstructions).instructions();
        long t1 = System.nanoTime();
        m = null;
        Machine tm = new Machine(guest.config());
        Trace trace = newTrace(guest);
        CallStackTracker tracker = new CallStackTracker(tm, trace, guest.symbols().symbols());
        tracker.attach(tm);
        System.gc();
        long t2 = System.nanoTime();
        tm.run(maxInstructions);
        tracker.finish();
        long t3 = System.nanoTime();
        return new BootTimes(t1 - t0, t3 - t2, instructions, tracker.track().frames().size());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
