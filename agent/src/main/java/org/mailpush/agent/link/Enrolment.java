package org.mailpush.agent.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.mailpush.device.Device;
import org.mailpush.json.DeviceJson;
import org.mailpush.json.StrictJson;

/**
 * Enrols this terminal with the user's own credentials (docs/protocol.md, "Enrolment"): {@code POST
 * /api/devices} with HTTP Basic authentication and the device as JSON; the answer holds the device
 * token, shown this once.
 */
public final class Enrolment {
    private static final ObjectMapper JSON = StrictJson.reader();

    /** Why the server refused, in words for the user. */
    public static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final ServerAddress server;
    private final HttpClient http;

    public Enrolment(ServerAddress server, HttpClient http) {
        this.server = server;
        this.http = http;
    }

    /** Enrols the device for its owner and returns its new token. */
    public String enrol(Device device, char[] password) throws IOException {
        var body = DeviceJson.write(device);
        body.remove("user");
        String credentials = device.owner().value() + ":" + new String(password);
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/devices")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return switch (response.statusCode()) {
            case 200, 201 -> token(response.body());
            case 401 -> throw new RefusedException("the server refused the user name or password");
            case 404, 405 -> throw new RefusedException("this server does not offer enrolment by users (POST /api/devices); "
                    + "ask the administrator for a device token (./mailpush device add) and put it in the token file");
            case 400 -> throw new RefusedException("the server refused the device: " + message(response.body()));
            case 409 -> throw new RefusedException("device id '" + device.id() + "' belongs to another user");
            case 429 -> throw new RefusedException("too many failed logins: " + message(response.body()));
            default -> throw new RefusedException("the server answered " + response.statusCode() + ": " + message(response.body()));
        };
    }

    private static String token(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        if (node == null || !node.path("token").isTextual()) {
            throw new IOException("the server's answer holds no token: " + body);
        }
        return node.get("token").asText();
    }

    private static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.path("message").isTextual()) {
                return node.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: show it as it is
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
