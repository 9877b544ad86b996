package org.mailpush.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./mailpush bench}: the benchmarks, one subcommand each (docs/benchmarks.md). */
@Command(name = "mailpush bench",
        description = {"Measures what mailpush exists for and prints the figures; --write records them in docs/benchmarks.md.",
            "The machine should be otherwise idle: other work on it makes the figures noisy."},
        subcommands = {LatencyCommand.class, IngestCommand.class, CapacityCommand.class, RoutingCommand.class, ClusterCommand.class,
            AllCommand.class,
            CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchCommand()).setUsageHelpWidth(110).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException) {
                line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
