package org.bootlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceFiles;
import org.bootlab.trace.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bootlab export}: converts a trace to Chrome JSON, folded stacks, tslog text or native. */
@Command(name = "export",
        sortOptions = false,
        description = {
            "Converts a trace. IN may be a BootLab trace, Chrome Trace Event JSON, a FreeBSD tslog "
                    + "(or a console log holding one), folded stacks or a Linux initcall_debug dmesg; "
                    + "its format is recognised from the content.",
            "chrome: Trace Event JSON for Perfetto UI, chrome://tracing and speedscope. folded: "
                    + "FlameGraph folded stacks (self time in ns) of the call stacks. tslog: FreeBSD "
                    + "debug.tslog text of the guest's TSLOG threads (else of the call stacks). "
                    + "native: a BootLab trace.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "2:bad input: an unreadable or malformed IN, an unwritable OUT"},
        footerHeading = "%nExamples:%n",
        footer = {"  bootlab export --format chrome profiles/sysinit-bubble.bltrace bubble.json",
            "  bootlab export --format folded boot.bltrace boot.folded && flamegraph.pl boot.folded > boot.svg"})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--format", required = true, paramLabel = "chrome|folded|tslog|native",
            description = "The output format.")
    String format;

    @Parameters(index = "0", paramLabel = "IN", description = "The trace to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced atomically).")
    Path out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream err;

    ExportCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws InputException {
        TraceFiles.OutputFormat f = TraceFiles.OutputFormat.named(format);
        if (f == null) {
            throw new InputException("--format " + format + " is not one of chrome, folded, tslog, native");
        }
        Trace trace = readTrace(in);
        try {
            TraceFiles.write(trace, f, out);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write: " + e.getMessage());
        }
        err.println("export: wrote " + out);
        return 0;
    }

    /** Reads a trace in any format, as one line of input error when it cannot. */
    static Trace readTrace(Path file) throws InputException {
        try {
            return TraceFiles.read(file);
        } catch (TraceFormatException e) {
            throw new InputException(e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }
}
