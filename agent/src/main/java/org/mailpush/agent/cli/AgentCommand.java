package org.mailpush.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mailpush agent} command line: one subcommand per task. */
@Command(
        name = "mailpush agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentCommand.Version.class,
        description = {"The mailpush terminal for Linux laptops and desktops.",
            "It writes pushed mail into a Maildir, tells the server whether this machine",
            "is in use, and mirrors read, flagged and deleted with your other terminals."},
        subcommands = {RunCommand.class, EnrolCommand.class, PolicyCommand.class, StatusCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Configuration: one properties file (--config) plus --set KEY=VALUE;",
            "docs/agent.md lists every key."})
public final class AgentCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AgentCommand());
        // Trouble the user can act on is one line on stderr and exit status 1, never a stack trace.
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof IOException
                    || e instanceof UncheckedIOException) {
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

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AgentCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mailpush agent " + (version == null ? "(development build)" : version)};
        }
    }
}
