package org.mailpush.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.ApiServer;
import org.mailpush.api.HttpSettings;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.jdbc.DatabaseSettings;
import org.mailpush.store.jdbc.StoreKey;

/** The readiness endpoint over real HTTP, with a real store: 503 while starting and once the store is gone, 200 in between. */
class HealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void readyOnlyWhileEveryCheckPasses() throws Exception {
        var health = new Health(List.of("store", "smtp"));
        Database database = Database.open(DatabaseSettings.h2(directory.resolve("db")), StoreKey.random("a key of this test"));
        try (ApiServer api = ApiServer.start(new HttpSettings("127.0.0.1", 0, 1024), List.of(new HealthRoutes(health)))) {
            health.check("store", () -> database.reachable(Duration.ofSeconds(1)) ? Optional.empty()
                    : Optional.of("the database does not answer"));

            assertAnswer(api, "/health/live", 200, "{\"status\":\"live\"}");
            assertAnswer(api, "/health/ready", 503, "{\"status\":\"not ready\",\"checks\":{\"store\":\"ok\",\"smtp\":\"starting\"}}");

            health.check("smtp", Optional::empty);
            assertAnswer(api, "/health/ready", 200, "{\"status\":\"ready\",\"checks\":{\"store\":\"ok\",\"smtp\":\"ok\"}}");

            database.close();
            assertAnswer(api, "/health/ready", 503,
                    "{\"status\":\"not ready\",\"checks\":{\"store\":\"the database does not answer\",\"smtp\":\"ok\"}}");

            health.stopping();
            assertAnswer(api, "/health/ready", 503, "{\"status\":\"not ready\",\"checks\":{\"store\":\"stopping\",\"smtp\":\"stopping\"}}");
            assertAnswer(api, "/health/live", 200, "{\"status\":\"live\"}");
        } finally {
            database.close();
        }
    }

    private static void assertAnswer(ApiServer api, String path, int status, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body).isEqualTo(JSON.readTree(json));
        // In the order the checks were expected, too.
        assertThat(body.path("checks").properties().stream().map(java.util.Map.Entry::getKey).toList()).containsExactlyElementsOf(JSON.readTree(json).path("checks").properties().stream().map(java.util.Map.Entry::getKey).toList());
    }
}
