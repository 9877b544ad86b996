package org.mailpush.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailpush.agent.app.Agent;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.agent.control.ControlClient;
import org.mailpush.agent.state.AgentState;
import org.mailpush.agent.state.Credentials;
import org.mailpush.agent.state.MailRecord;
import org.mailpush.agent.state.StateFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailpush agent status}: what the agent knows, and how the running one is doing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the agent's server, token, Maildir and state.",
            "When the agent runs: whether it is connected, and what its sensors say now."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions options;

    @Override
    public Integer call() throws IOException {
        AgentConfig config = options.config();
        PrintWriter out = spec.commandLine().getOut();
        Credentials credentials = new Credentials(config.tokenFile(), config.stateDirectory());
        out.printf("configuration  %s%n", options.configFile());
        out.printf("server         %s%n", config.server().or(() -> enrolled(credentials)).map(Object::toString)
                .orElse("none (run 'agent enrol' or set server.url)"));
        out.printf("device token   %s%n", credentials.token().isPresent() ? "in " + config.tokenFile() : "none in " + config.tokenFile());
        out.printf("Maildir        %s%n", config.maildir());
        Optional<JsonNode> live = new ControlClient(config.stateDirectory().resolve(Agent.CONTROL_SOCKET))
                .ask(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("request", "status"));
        if (live.isPresent()) {
            running(out, live.get());
        } else {
            AgentState state = new StateFile(config.stateDirectory()).load();
            out.printf("agent          not running%n");
            out.printf("state          %s: last acknowledged seq %d, %d mails in the Maildir, %d deleted%n",
                    config.stateDirectory(), state.lastAck(), state.count(MailRecord.Status.STORED), state.count(MailRecord.Status.DELETED));
        }
        out.flush();
        return 0;
    }

    private static void running(PrintWriter out, JsonNode status) {
        out.printf("agent          running, %s%n", status.path("connected").asBoolean() ? "connected" : "not connected (retrying)");
        out.printf("state          last acknowledged seq %d, %d mails in the Maildir, %d deleted%n",
                status.path("lastAck").asLong(), status.path("stored").asLong(), status.path("deleted").asLong());
        StringBuilder sensors = new StringBuilder();
        status.path("sensors").forEach(s -> sensors.append(sensors.isEmpty() ? "" : ", ").append(s.asText()));
        out.printf("sensors        %s%n", sensors.isEmpty() ? "none" : sensors);
        out.printf("heartbeat      %s%n", status.path("heartbeat").asText());
        out.printf("sensed now     %s%n", status.path("sensed"));
        out.printf("last report    %s%n", status.has("lastReport") ? status.get("lastReport").toString() : "none yet");
    }

    private static Optional<java.net.URI> enrolled(Credentials credentials) {
        try {
            return credentials.server();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
