package org.mailpush.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailpush} command line: one subcommand per task. */
@Command(
        name = "mailpush",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A presence-aware mail push server: each new mail goes to the terminal its owner is using.",
        subcommands = {ServeCommand.class, DemoCommand.class, UserCommand.class, DeviceCommand.class, TokenCommand.class, AccountCommand.class, PlanCommand.class,
            KeyCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nHandled by the ./mailpush launcher itself:%n",
        footer = {
            "  build   Build all modules (skipping tests).",
            "  test    Run every test, unit and integration (./mvnw verify), then check the Debian package.",
            "  package Build the Debian package target/mailpush_VERSION_all.deb (docs/install.md).",
            "  agent   The terminal for Linux laptops and desktops (docs/agent.md).",
            "  bench   Run the benchmarks (./mailpush bench --help; docs/benchmarks.md)."
        })
public final class MailpushCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MailpushCommand());
        // Trouble the user can act on is one line on stderr and exit status 1, never a stack trace.
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof HttpAdminClient.AdminException || e instanceof IllegalArgumentException
                    || e instanceof java.io.UncheckedIOException || e instanceof IllegalStateException
                    || e instanceof org.mailpush.mail.StoreException) {
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
