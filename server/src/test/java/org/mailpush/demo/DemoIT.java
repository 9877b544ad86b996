package org.mailpush.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, as a newcomer sees it through the API: three connected terminals with states, and mail explained. */
class DemoIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void theDemoUserSeesThreeTerminalsAndExplainedMail() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        var settings = new Demo.Settings(data, 0, 0, Duration.ofMillis(300), Duration.ofSeconds(30));
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (Demo demo = Demo.start(settings, out)) {
            demo.play(settings, out);
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(demo.address().resolve("/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"demo\", \"password\": \"" + demo.password() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

            JsonNode devices = awaitGet(demo, cookie, "/api/devices", d -> d.size() == 3
                    && d.findValuesAsText("connected").stream().allMatch("true"::equals)
                    && d.findValuesAsText("state").contains("in-use"));
            JsonNode mails = awaitGet(demo, cookie, "/api/mails", m -> m.size() >= 2);
            JsonNode explained = awaitGet(demo, cookie, "/api/mails/" + mails.get(mails.size() - 1).path("id").asLong(),
                    m -> !m.path("plans").isEmpty());

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(devices.findValuesAsText("id")).containsExactly("desktop", "laptop", "phone");
            assertThat(explained.at("/plans/0/plan/decidedBy/description").asText()).startsWith("rule ");
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("scene  at the office desk", "mail   'Lunch on Friday?'");
        }
    }

    private static JsonNode awaitGet(Demo demo, String cookie, String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(HTTP.send(HttpRequest.newBuilder(demo.address().resolve(path)).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (done.test(last)) {
                return last;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(path + " never got there: " + last);
    }
}
