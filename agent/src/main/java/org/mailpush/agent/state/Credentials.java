package org.mailpush.agent.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.mailpush.json.StrictJson;

/**
 * The device token (one line in the token file, owner-readable only) and, next to the state, the
 * server it was issued by ({@code enrolment.json}), so that {@code agent run} needs no more flags
 * after {@code agent enrol}.
 */
public final class Credentials {
    private static final ObjectMapper JSON = StrictJson.reader();

    private final Path tokenFile;
    private final Path enrolmentFile;

    public Credentials(Path tokenFile, Path stateDirectory) {
        this.tokenFile = tokenFile;
        this.enrolmentFile = stateDirectory.resolve("enrolment.json");
    }

    public Path tokenFile() {
        return tokenFile;
    }

    /** The token, if the file holds one. */
    public Optional<String> token() throws IOException {
        if (!Files.exists(tokenFile)) {
            return Optional.empty();
        }
        String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The server the agent enrolled with, if it did. */
    public Optional<URI> server() throws IOException {
        if (!Files.exists(enrolmentFile)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(enrolmentFile.toFile());
        return node.hasNonNull("server") ? Optional.of(URI.create(node.get("server").asText())) : Optional.empty();
    }

    /** Who this terminal was enrolled as, and where. */
    public record Enrolled(URI server, String user, String device) {}

    /** The last enrolment, if there was one. */
    public Optional<Enrolled> enrolment() throws IOException {
        if (!Files.exists(enrolmentFile)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(enrolmentFile.toFile());
        return Optional.of(new Enrolled(URI.create(node.path("server").asText()), node.path("user").asText(),
                node.path("device").asText()));
    }

    /** Keeps a newly issued token and where it came from. */
    public void enrolled(URI server, String user, String device, String token) throws IOException {
        AtomicFiles.write(tokenFile, (token + "\n").getBytes(StandardCharsets.UTF_8));
        var node = JSON.createObjectNode().put("server", server.toString()).put("user", user).put("device", device);
        AtomicFiles.write(enrolmentFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
    }
}
