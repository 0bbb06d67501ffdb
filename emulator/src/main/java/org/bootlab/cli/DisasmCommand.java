package org.bootlab.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bootlab.symbols.Disassembler;
import org.bootlab.symbols.ElfFile;
import org.bootlab.symbols.ElfFormatException;
import org.bootlab.symbols.ElfSection;
import org.bootlab.symbols.ElfSymbolTable;
import org.bootlab.symbols.Instruction;
import org.bootlab.symbols.Symbol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bootlab disasm ELF}: objdump -d style output, from BootLab's own disassembler: the
 * executable sections with a header at each symbol, branch targets and auipc/gp-relative
 * addresses labelled {@code <symbol+offset>}.
 */
@Command(name = "disasm",
        sortOptions = false,
        description = {
            "Disassembles the executable sections of a RISC-V ELF file the way GNU objdump -d prints "
                    + "them, with pseudo-instructions (or without, with --no-aliases).",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:printed", "2:bad option, an unknown symbol, or a file that is no ELF"})
final class DisasmCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ELF", description = "The ELF64 file to disassemble.")
    Path elf;

    @Option(names = "--symbol", paramLabel = "S", description = "Only the function or label S.")
    String symbol;

    @Option(names = "--no-aliases", description = "Print base instructions (objdump -M no-aliases).")
    boolean noAliases;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;

    DisasmCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws ElfFormatException, InputException {
        ElfFile file = ElfFile.read(elf);
        ElfSymbolTable symbols = ElfSymbolTable.of(file);
        long from = 0;
        long to = -1; // the whole address space, compared unsigned
        if (symbol != null) {
            Symbol s = symbols.byName(symbol).orElseThrow(() -> new InputException(
                    elf + ": no symbol named " + symbol));
            from = s.address();
            to = s.size() > 0 ? s.address() + s.size() : nextSymbolAfter(symbols, s.address());
        }
        Disassembler d = Disassembler.of(file, !noAliases, a -> label(symbols, a));
        out.printf("%n%s:     file format elf64-littleriscv%n", elf);
        for (ElfSection section : file.sections()) {
            if (!section.isExecutable() || !section.hasFileData()) {
                continue;
            }
            byte[] code = file.data(section);
            boolean headed = false;
            for (int at = 0; at < code.length; ) {
                Instruction insn = d.next(code, at, section.address() + at);
                at += insn.length();
                long a = insn.address();
                if (Long.compareUnsigned(a, from) < 0 || Long.compareUnsigned(a, to) >= 0) {
                    continue;
                }
                if (!headed) {
                    out.printf("%n%nDisassembly of section %s:%n", section.name());
                    headed = true;
                }
                for (Symbol s : symbols.symbols()) {
                    if (s.address() == a && s.section().equals(section.name())) {
                        out.printf(Locale.ROOT, "%n%016x <%s>:%n", a, s.name());
                        break;
                    }
                }
                out.printf(Locale.ROOT, "%8x:\t%-20s\t%s%n", a, insn.hex(), insn.text());
            }
        }
        return 0;
    }

    private static long nextSymbolAfter(ElfSymbolTable symbols, long address) {
        for (Symbol s : symbols.symbols()) {
            if (Long.compareUnsigned(s.address(), address) > 0) {
                return s.address();
            }
        }
        return -1;
    }

    /** objdump's address style: hex, then the symbol it lies in. */
    private static String label(ElfSymbolTable symbols, long address) {
        return symbols.containing(address).map(s -> Long.toHexString(address) + " <" + symbols.describe(address) + ">")
                .orElse(Long.toHexString(address));
    }
}
