package org.mailpush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.mailpush.api.AdminToken;
import org.mailpush.json.StrictJson;

/** Speaks the admin HTTP API for the command line; a refusal becomes an {@link AdminException} with the API's message. */
final class HttpAdminClient {
    private static final ObjectMapper JSON = StrictJson.reader();

    private final URI base;
    private final AdminToken token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpAdminClient(URI base, AdminToken token) {
        this.base = base;
        this.token = token;
    }

    JsonNode tokens(String user) {
        return send("GET", "/api/admin/users/" + segment(user) + "/tokens", null);
    }

    JsonNode createToken(String user, JsonNode token) {
        return send("POST", "/api/admin/users/" + segment(user) + "/tokens", token);
    }

    void revokeToken(String user, String id) {
        send("DELETE", "/api/admin/users/" + segment(user) + "/tokens/" + segment(id), null);
    }

    JsonNode users() {
        return send("GET", "/api/admin/users", null);
    }

    JsonNode addUser(JsonNode user) {
        return send("POST", "/api/admin/users", user);
    }

    void setPassword(String user, String password) {
        send("PUT", "/api/admin/users/" + segment(user) + "/password",
                JSON.createObjectNode().put("password", password));
    }

    void removeUser(String id) {
        send("DELETE", "/api/admin/users/" + segment(id), null);
    }

    JsonNode accounts(String user) {
        return send("GET", "/api/admin/users/" + segment(user) + "/accounts", null);
    }

    JsonNode addAccount(String user, JsonNode server) {
        return send("POST", "/api/admin/users/" + segment(user) + "/accounts", server);
    }

    JsonNode devices(String user) {
        return send("GET", "/api/admin/users/" + segment(user) + "/devices", null);
    }

    JsonNode enrolDevice(String user, JsonNode device) {
        return send("POST", "/api/admin/users/" + segment(user) + "/devices", device);
    }

    void revokeDevice(String user, String device) {
        send("DELETE", "/api/admin/users/" + segment(user) + "/devices/" + segment(device), null);
    }

    void removeAccount(String id) {
        send("DELETE", "/api/admin/accounts/" + segment(id), null);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token.value())
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new AdminException(answer.path("message").asText("HTTP " + response.statusCode()));
            }
            return answer;
        } catch (IOException e) {
            throw new AdminException("cannot reach the mailpush server at " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The server refused or could not be reached; the message says why, for the user. */
    static final class AdminException extends RuntimeException {
        AdminException(String message) {
            super(message);
        }
    }
}
