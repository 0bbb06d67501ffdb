package org.bootlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bootlab.symbols.ElfFile;
import org.bootlab.symbols.ElfFormatException;
import org.bootlab.symbols.ElfSymbolTable;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.symbols.SysinitTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bootlab sysinits ELF}: a kernel's SYSINIT table in the order mi_startup() runs it. */
@Command(name = "sysinits",
        sortOptions = false,
        description = {
            "Prints the SYSINITs of a kernel with a FreeBSD-style set_sysinit_set section, sorted "
                    + "by (subsystem, order) as mi_startup() runs them: index, SI_SUB_* subsystem, "
                    + "order, function, udata and name.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed", "2:bad option, or a file that is no such ELF"})
final class SysinitsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ELF", description = "The kernel (an ELF64 file with set_sysinit_set).")
    Path elf;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;

    SysinitsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws ElfFormatException {
        ElfFile file = ElfFile.read(elf);
        List<SysinitEntry> table = SysinitTable.read(file, ElfSymbolTable.of(file));
        out.printf(Locale.ROOT, "%5s  %-28s %-10s %-32s %-18s %s%n", "index", "subsystem", "order", "function",
                "udata", "name");
        for (SysinitEntry e : table) {
            out.printf(Locale.ROOT, "%5d  %-28s 0x%07x  %-32s 0x%016x %s%n", e.index(), e.subsystemName(), e.order(),
                    e.functionName(), e.udata(), e.name());
        }
        out.printf(Locale.ROOT, "%d SYSINITs%n", table.size());
        return 0;
    }
}
