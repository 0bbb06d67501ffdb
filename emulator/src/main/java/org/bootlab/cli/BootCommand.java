package org.bootlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.trace.TslogCapture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bootlab boot}: builds the microVM from files and options and runs it on the terminal. */
@Command(name = "boot",
        sortOptions = false,
        description = {
            "Boots a guest on the RISC-V microVM with its serial console on this terminal: guest "
                    + "output goes to stdout, stdin goes to the guest.",
            "",
            "With neither --bios nor --kernel, boots the embedded default guest kernel. With "
                    + "--kernel only (or --bios none), boots the kernel directly in S-mode with "
                    + "the SBI provided by BootLab. With --bios FILE, enters the firmware at "
                    + "0x80000000 in M-mode and places --kernel at 0x80200000 for OpenSBI fw_jump.",
            "ELF files load by their program headers; any other file is a raw binary placed at "
                    + "0x80000000 (--bios) or 0x80200000 (--kernel).",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the guest powered off (pass), or asked for a reset (the VM ends, as in Firecracker), or gdb killed it",
            "1-255:the guest powered off reporting failure with this code (a code of 0 or above 255 gives 1)",
            "2:bad input: an option out of range, a missing, unreadable or unusable file",
            "124:the --max-instructions limit was reached",
            "125:the guest halted: it waits in WFI for an interrupt nothing can raise",
            "130:interrupted (Ctrl-C)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  bootlab boot",
            "  bootlab boot --bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf \\",
            "               --kernel /usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin",
            "  bootlab boot --kernel kernel.elf --dtb-out virt.dtb --max-instructions 0",
            "  bootlab boot --kernel kernel.elf --disk disk.img --net --pcap boot.pcap",
            "  bootlab boot --config vm-config.json --mem 256",
            "  bootlab boot --kernel kernel.elf --gdb 1234 --wait   (then: gdb-multiarch kernel.elf"
                    + " -ex 'target remote :1234')"})
final class BootCommand implements Callable<Integer> {

    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_INSTRUCTION_LIMIT = 124;
    static final int EXIT_INTERRUPTED = 130;
    /** The guest sleeps in WFI with nothing that could wake it. */
    static final int EXIT_HALTED = 125;

    @Option(names = "--bios", paramLabel = "FILE|none",
            description = "Firmware entered in M-mode at 0x80000000 (OpenSBI, U-Boot); "
                    + "'none' (the default) boots the kernel directly.")
    String bios;

    @Option(names = "--kernel", paramLabel = "FILE",
            description = "The kernel: booted directly in S-mode, or placed at 0x80200000 for the firmware.")
    Path kernel;

    @Option(names = "--bootargs", paramLabel = "STR",
            description = "Kernel command line, in the device tree's /chosen/bootargs.")
    String bootargs;

    @Option(names = "--mem", paramLabel = "MIB",
            description = "Guest RAM in MiB, " + MachineConfig.MIN_MEM_MIB + ".." + MachineConfig.MAX_MEM_MIB
                    + " (default " + MachineConfig.DEFAULT_MEM_MIB + ", as in Firecracker).")
    Integer memMiB;

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "Stop after N instructions with exit status 124 (default: no limit). "
                    + "0 builds the machine, writes --dtb-out and exits 0 without running.")
    Long maxInstructions;

    @Option(names = "--dtb-out", paramLabel = "FILE",
            description = "Write the generated device tree blob to FILE, then boot.")
    Path dtbOut;

    @Option(names = "--tslog-out", paramLabel = "FILE",
            description = "Save the guest's TSLOG dump (FreeBSD debug.tslog text) from the console to FILE; "
                    + "adds bootarg tslog.dump=1 unless the bootargs set tslog.dump.")
    Path tslogOut;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A Firecracker --config-file JSON (boot-source, machine-config, drives, "
                    + "network-interfaces, entropy); "
                    + "options given here override it, and keys BootLab does not use are reported.")
    Path config;

    @Mixin
    DeviceOptions devices;

    @Option(names = "--gdb", paramLabel = "PORT",
            description = "Serve the GDB remote protocol on PORT (0: any free port), on 127.0.0.1 only "
                    + "unless --gdb-address says otherwise. The guest runs until gdb attaches, which pauses it; "
                    + "the console stays on this terminal.")
    Integer gdbPort;

    @Option(names = "--wait", description = "With --gdb: hold the machine before its first instruction until gdb "
            + "resumes it.")
    boolean gdbWait;

    @Option(names = "--gdb-address", paramLabel = "ADDR",
            description = "With --gdb: listen on ADDR instead of 127.0.0.1 (whoever reaches it controls the VM).")
    String gdbAddress;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    BootCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InputException, ImageException {
        FirecrackerConfig fc = config == null ? null : FirecrackerConfig.read(config);
        if (fc != null) {
            fc.notes().forEach(err::println);
        }
        int mem = memMiB != null ? memMiB
                : fc != null && fc.memSizeMib() != null ? fc.memSizeMib() : MachineConfig.DEFAULT_MEM_MIB;
        if (mem < MachineConfig.MIN_MEM_MIB || mem > MachineConfig.MAX_MEM_MIB) {
            throw new InputException("--mem " + mem + " is outside " + MachineConfig.MIN_MEM_MIB + ".."
                    + MachineConfig.MAX_MEM_MIB + " MiB");
        }
        long limit = maxInstructions == null ? Long.MAX_VALUE : maxInstructions;
        if (limit < 0) {
            throw new InputException("--max-instructions must be 0 or more, not " + limit);
        }
        String args = bootargs != null ? bootargs : fc != null ? fc.bootArgs() : null;
        if (tslogOut != null && (args == null || !args.contains("tslog.dump="))) {
            args = args == null || args.isBlank() ? "tslog.dump=1" : args + " tslog.dump=1";
        }
        Path kernelFile = kernel != null ? kernel : fc != null ? fc.kernelImage() : null;
        GdbBoot gdb = gdbOptions(limit);

        BootImage firmware = bios == null || bios.equals("none")
                ? null : ImageLoader.load(Path.of(bios), MemoryMap.DRAM_BASE);
        boolean embedded = kernelFile == null && firmware == null;
        BootImage kernelImage = kernelFile != null
                ? ImageLoader.load(kernelFile, MemoryMap.KERNEL_LOAD)
                : embedded ? EmbeddedKernel.load(EmbeddedKernel.RESOURCE) : null;

        MachineConfig machineConfig = new MachineConfig(mem, args, firmware, kernelImage,
                devices.resolve(fc, embedded));
        try (Machine machine = new Machine(machineConfig)) {
            if (dtbOut != null) {
                writeDeviceTree(machine.deviceTree());
            }
            if (limit == 0) {
                return 0;
            }
            if (gdb != null) {
                try (CtrlC ctrlC = new CtrlC(machine)) {
                    return gdb.run(machine, guestSymbols(kernelFile, embedded), in, out, err);
                }
            }
            TslogCapture tslog = tslogOut == null ? null : new TslogCapture();
            if (tslog != null) {
                machine.addConsoleListener(tslog);
            }
            try (CtrlC ctrlC = new CtrlC(machine)) {
                RunResult result = run(machine, limit);
                if (tslog != null) {
                    saveTslog(tslog);
                }
                return exitStatus(result, err);
            }
        }
    }

    /** The gdb server's settings, or null without --gdb; refuses what does not go with it. */
    private GdbBoot gdbOptions(long limit) throws InputException {
        if (gdbPort == null) {
            if (gdbWait || gdbAddress != null) {
                throw new InputException((gdbWait ? "--wait" : "--gdb-address") + " needs --gdb PORT");
            }
            return null;
        }
        if (tslogOut != null) {
            throw new InputException("--tslog-out does not go with --gdb (reverse execution rewinds the console)");
        }
        if (limit != Long.MAX_VALUE && limit != 0) {
            throw new InputException("--max-instructions does not go with --gdb");
        }
        return new GdbBoot(gdbPort, gdbAddress, gdbWait);
    }

    /** The symbols and SYSINITs of the kernel (or the firmware when there is no kernel), for gdb's monitor. */
    private GuestSymbols guestSymbols(Path kernelFile, boolean embedded) throws InputException, ImageException {
        if (embedded) {
            return GuestSymbols.read("embedded kernel.elf", EmbeddedKernel.bytes(EmbeddedKernel.RESOURCE));
        }
        Path file = kernelFile != null ? kernelFile : Path.of(bios);
        try {
            return GuestSymbols.read(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Writes the captured TSLOG dump, atomically; notes on stderr when the guest printed none. */
    private void saveTslog(TslogCapture tslog) throws InputException {
        if (!tslog.complete()) {
            err.println("bootlab: " + (tslog.begun() ? "the guest's TSLOG dump was cut short; saving what came"
                    : "the guest printed no TSLOG dump (a kernel without tslog.dump=1 support?); saving an empty log"));
        }
        Path temp = tslogOut.resolveSibling(tslogOut.getFileName() + ".part");
        try {
            Files.writeString(temp, tslog.text());
            Files.move(temp, tslogOut, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InputException("--tslog-out " + tslogOut + ": cannot write: " + e.getMessage());
        }
    }

    private void writeDeviceTree(byte[] dtb) throws InputException {
        try {
            Files.write(dtbOut, dtb);
        } catch (IOException e) {
            throw new InputException("--dtb-out " + dtbOut + ": cannot write: " + e.getMessage());
        }
    }

    /** Runs with the guest's console on this terminal. */
    private RunResult run(Machine machine, long limit) {
        try (ConsoleOutput console = new ConsoleOutput(out)) {
            machine.addConsoleListener(console);
            ConsoleInput.start(in, machine::sendConsoleInput);
            return machine.run(limit);
        }
    }

    /**
     * While open, Ctrl-C (the JVM shutting down) stops the guest instead of killing it mid-line:
     * the hook waits, briefly, until the run has flushed the console and printed its exit note.
     */
    private static final class CtrlC implements AutoCloseable {
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook;

        CtrlC(Machine machine) {
            hook = new Thread(() -> {
                machine.requestStop();
                try {
                    finished.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bootlab-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (Ctrl-C): the hook is running and exits with it.
            }
        }
    }

    /** The process exit status for how the run ended, with a note on stderr where it helps. */
    static int exitStatus(RunResult result, PrintStream err) {
        return switch (result.status()) {
            case POWER_OFF -> 0;
            case FAILED -> {
                int code = result.code();
                if (code >= 1 && code <= 255) {
                    err.println("bootlab: the guest reported failure with code " + code);
                    yield code;
                }
                err.println("bootlab: the guest reported failure with code " + code
                        + ", which is not an exit status 1..255; exiting with 1");
                yield 1;
            }
            case RESET -> {
                err.println("bootlab: the guest asked for a reset; like Firecracker, BootLab ends the VM instead");
                yield 0;
            }
            case INSTRUCTION_LIMIT -> {
                err.println("bootlab: stopped at the instruction limit after " + result.instructions()
                        + " instructions");
                yield EXIT_INSTRUCTION_LIMIT;
            }
            case HALTED -> {
                err.println("bootlab: the guest halted: it waits for an interrupt that nothing can raise"
                        + " (after " + result.instructions() + " instructions)");
                yield EXIT_HALTED;
            }
            case STOPPED -> {
                err.println("bootlab: interrupted after " + result.instructions() + " instructions");
                yield EXIT_INTERRUPTED;
            }
        };
    }
}
