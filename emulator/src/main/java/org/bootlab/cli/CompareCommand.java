package org.bootlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bootlab.trace.TraceComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bootlab compare}: two boots side by side. */
@Command(name = "compare",
        sortOptions = false,
        description = {
            "Compares two traces (any format 'export' reads): boot time of each, the SYSINIT sort "
                    + "step's instructions and time and their ratio, time per SI_SUB subsystem and per "
                    + "SYSINIT with deltas, and the SYSINITs that ran at a different position.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:compared", "2:bad input: an unreadable or malformed trace"},
        footerHeading = "%nExamples:%n",
        footer = {"  bootlab compare profiles/sysinit-bubble.bltrace profiles/sysinit-merge.bltrace",
            "  bootlab compare profiles/sysinit-merge.bltrace profiles/sysinit-qsort.bltrace --json"})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "The first trace.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The second trace.")
    Path b;

    @Option(names = "--json", description = "Print everything as JSON (times in ns) instead of a table.")
    boolean json;

    @Option(names = "--top", paramLabel = "N", description = "Per-SYSINIT differences to list (default 10).")
    int top = 10;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;

    CompareCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws InputException {
        TraceComparison c = TraceComparison.of(ExportCommand.readTrace(a), a.toString(),
                ExportCommand.readTrace(b), b.toString());
        out.print(json ? c.toJson() : c.toText(top));
        return 0;
    }
}
