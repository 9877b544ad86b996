package org.mailpush.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mailpush.agent.app.Agent;
import org.mailpush.agent.config.AgentConfig;
import org.mailpush.agent.control.ControlClient;
import org.mailpush.json.PolicyJson;
import org.mailpush.json.StrictJson;
import org.mailpush.policy.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailpush agent policy}: the user's push policy, read or set from this terminal (SPEC T6). */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Show or set your push policy (docs/policy.md).",
        subcommands = {PolicyCommand.Show.class, PolicyCommand.Set.class})
final class PolicyCommand {
    private static final ObjectMapper JSON = StrictJson.reader();

    /** Through the running agent when there is one; else over a short connection of this terminal. */
    private static Policy ask(AgentConfig config, ObjectNode request, java.util.function.Function<
            org.mailpush.agent.link.PolicyExchange, java.util.concurrent.CompletableFuture<Policy>> direct) throws IOException {
        Optional<JsonNode> answer = new ControlClient(config.stateDirectory().resolve(Agent.CONTROL_SOCKET)).ask(request);
        if (answer.isPresent()) {
            return PolicyJson.read(answer.get().get("policy"), "policy");
        }
        return DirectLink.exchange(config, direct);
    }

    private static void print(CommandSpec spec, Policy policy) throws IOException {
        spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(PolicyJson.write(policy)));
        spec.commandLine().getOut().flush();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print your push policy as the server has it.")
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ConfigOptions options;

        @Override
        public Integer call() throws IOException {
            print(spec, ask(options.config(), JSON.createObjectNode().put("request", "policy.get"), exchange -> exchange.get()));
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Replace your push policy with the one in FILE.", "FILE is JSON (docs/policy.md); every terminal learns the new policy."})
    static final class Set implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private ConfigOptions options;

        @Parameters(paramLabel = "FILE", description = "the policy, as JSON")
        Path file;

        @Override
        public Integer call() throws IOException {
            JsonNode document = JSON.readTree(file.toFile());
            if (document == null) {
                throw new IllegalArgumentException(file + " is empty");
            }
            Policy policy;
            try {
                policy = PolicyJson.read(document, "");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            ObjectNode request = JSON.createObjectNode().put("request", "policy.set");
            request.set("policy", PolicyJson.write(policy));
            print(spec, ask(options.config(), request, exchange -> exchange.set(policy)));
            return 0;
        }
    }
}
