package org.mailpush.agent.cli;

import java.io.PrintWriter;

/** Runs the agent's command line in this JVM, for tests of other packages. */
public final class AgentCommandAccess {
    private AgentCommandAccess() {}

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        var cli = AgentCommand.commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }
}
