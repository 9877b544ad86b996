package org.mailpush.agent.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mailpush.agent.control.ControlServer;
import org.mailpush.agent.state.AgentState;
import org.mailpush.agent.state.MailRecord;
import org.mailpush.json.PolicyJson;
import org.mailpush.json.ReportJson;
import org.mailpush.policy.Policy;
import org.mailpush.presence.UsageReport;

/**
 * What the control socket answers ({@code agent status}, {@code agent policy}): {@code ping},
 * {@code status}, {@code policy.get} and {@code policy.set}.
 */
final class ControlRequests implements ControlServer.Handler {
    static final Duration ANSWER = Duration.ofSeconds(30);

    /** What the sensors say now, what was last reported, and how often the server wants reports. */
    record Sensed(UsageReport now, Optional<UsageReport> lastSent, Duration heartbeat) {}

    /** The running agent, as the control socket sees it. */
    interface Running {
        String server();

        Path maildir();

        boolean connected();

        AgentState state();

        List<String> sensors();

        /** Reads the sensors now, reporting what is worth it. */
        Sensed sense() throws Exception;

        /** Waits for the link, then asks the server for the policy, or replaces it. */
        CompletableFuture<Policy> policy(Optional<Policy> replacement) throws IOException, InterruptedException;
    }

    private final Running agent;

    ControlRequests(Running agent) {
        this.agent = agent;
    }

    @Override
    public ObjectNode handle(JsonNode request) throws Exception {
        return switch (request.path("request").asText()) {
            case "ping" -> JsonNodeFactory.instance.objectNode();
            case "status" -> status();
            case "policy.get" -> answer(agent.policy(Optional.empty()));
            case "policy.set" -> answer(agent.policy(Optional.of(PolicyJson.read(request.get("policy"), "policy"))));
            default -> throw new IllegalArgumentException("unknown request '" + request.path("request").asText() + "'");
        };
    }

    private static ObjectNode answer(CompletableFuture<Policy> answer) throws Exception {
        try {
            Policy policy = answer.get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.set("policy", PolicyJson.write(policy));
            return json;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IOException("the server did not answer within " + ANSWER.toSeconds() + " s");
        }
    }

    private ObjectNode status() throws Exception {
        AgentState state = agent.state();
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("server", agent.server()).put("connected", agent.connected()).put("lastAck", state.lastAck())
                .put("maildir", agent.maildir().toString())
                .put("stored", state.count(MailRecord.Status.STORED)).put("deleted", state.count(MailRecord.Status.DELETED));
        var sensors = json.putArray("sensors");
        agent.sensors().forEach(sensors::add);
        Sensed sensed = agent.sense();
        json.set("sensed", ReportJson.write(sensed.now()));
        sensed.lastSent().ifPresent(report -> json.set("lastReport", ReportJson.write(report)));
        json.put("heartbeat", sensed.heartbeat().toString());
        return json;
    }
}
