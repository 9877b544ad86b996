package org.mailpush.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mailpush.json.PolicyJson;
import org.mailpush.json.StrictJson;
import org.mailpush.mail.MailFlags;
import org.mailpush.mail.MailId;
import org.mailpush.policy.Policy;

/**
 * The agent's state as {@code state.json} in the state directory:
 * {@code {"version": 1, "lastAck": 41, "mails": [{"mail": 1234, "file": "UNIQUE", "seen": true,
 * "flagged": false, "deleted": false, "status": "stored"}], "policy": {…}}}.
 */
public final class StateFile implements StateStore {
    private static final ObjectMapper JSON = StrictJson.reader();
    private static final int VERSION = 1;

    private final Path file;

    public StateFile(Path stateDirectory) {
        this.file = stateDirectory.resolve("state.json");
    }

    @Override
    public AgentState load() throws IOException {
        if (!Files.exists(file)) {
            return AgentState.EMPTY;
        }
        JsonNode root = JSON.readTree(file.toFile());
        try {
            return read(root);
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    private static AgentState read(JsonNode root) {
        if (root.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("unknown version " + root.path("version"));
        }
        Map<MailId, MailRecord> mails = new TreeMap<>();
        for (JsonNode node : root.path("mails")) {
            MailId id = new MailId(node.get("mail").asLong());
            MailFlags flags = new MailFlags(node.path("seen").asBoolean(), node.path("flagged").asBoolean(),
                    node.path("deleted").asBoolean());
            MailRecord.Status status = MailRecord.Status.valueOf(node.get("status").asText().toUpperCase(Locale.ROOT));
            mails.put(id, new MailRecord(id, node.get("file").asText(), flags, status));
        }
        Optional<Policy> policy = root.hasNonNull("policy") ? Optional.of(PolicyJson.read(root.get("policy"), "policy"))
                : Optional.empty();
        return new AgentState(root.path("lastAck").asLong(), mails, policy);
    }

    /**
     * Puts the state aside as {@code state.json.previous} so the agent starts afresh: for a terminal
     * enrolled anew with another server, user or device, whose sequence numbers and mail ids mean
     * something else.
     */
    public void startOver() throws IOException {
        if (Files.exists(file)) {
            Files.move(file, file.resolveSibling("state.json.previous"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void save(AgentState state) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION).put("lastAck", state.lastAck());
        ArrayNode mails = root.putArray("mails");
        for (MailRecord record : state.mails().values()) {
            mails.addObject().put("mail", record.mail().value()).put("file", record.unique())
                    .put("seen", record.flags().seen()).put("flagged", record.flags().flagged())
                    .put("deleted", record.flags().deleted())
                    .put("status", record.status().name().toLowerCase(Locale.ROOT));
        }
        state.policy().ifPresent(p -> root.set("policy", PolicyJson.write(p)));
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
