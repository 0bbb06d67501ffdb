package org.bootlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.bootlab.machine.loader.ImageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code bootlab} command: {@code boot}, {@code bench} and {@code bench-reverse}. Mistakes in what the person typed
 * or pointed at end with one line on stderr and exit status 2, never a stack trace.
 */
@Command(name = "bootlab",
        mixinStandardHelpOptions = true,
        versionProvider = BootLabCli.Version.class,
        description = "BootLab: watch an operating system boot on a RISC-V (RV64GC) microVM.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'bootlab COMMAND --help' for a command's options and exit statuses."})
public final class BootLabCli implements Callable<Integer> {

    private final PrintStream err;

    private BootLabCli(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return commandLine(in, out, err).execute(args);
    }

    static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BootLabCli(err))
                .addSubcommand(new BootCommand(in, out, err))
                .addSubcommand(new BenchCommand(out, err))
                .addSubcommand(new SysinitsCommand(out))
                .addSubcommand(new DisasmCommand(out))
                .addSubcommand(new ProfileCommand(out, err))
                .addSubcommand(new ExportCommand(err))
                .addSubcommand(new CompareCommand(out))
                .addSubcommand(new BenchReverseCommand(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, args) -> {
            err.println("bootlab: " + oneLine(e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return BootCommand.EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InputException || e instanceof ImageException) {
                err.println("bootlab: " + oneLine(e.getMessage()));
                return BootCommand.EXIT_BAD_INPUT;
            }
            throw e; // a bug in BootLab, not in the input: keep the stack trace for the report
        });
        return cli;
    }

    @Override
    public Integer call() {
        err.println("bootlab: missing command: boot or bench (see 'bootlab --help')");
        return BootCommand.EXIT_BAD_INPUT;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** The version Maven recorded in the jar; a build from the IDE or reactor has none. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = "(development build)";
            try (InputStream in = BootLabCli.class.getResourceAsStream(
                    "/META-INF/maven/org.bootlab/emulator/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version", version);
                }
            } catch (IOException e) {
                // keep "(development build)"
            }
            return new String[] {
                "bootlab " + version,
                "RV64GC microVM; Java " + System.getProperty("java.version")
            };
        }
    }
}
