package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Activity and Devices pages read, against a real server: the mail a page at a time
 * ({@code before}, {@code limit}), and a terminal's states over the last hours inferred from the
 * reports it sent over its link — for its owner only (SPEC X8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoryApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path directory;

    private MailpushServer server;
    private Path data;

    record Answer(int status, JsonNode body) {}

    @BeforeAll
    void start() throws Exception {
        data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system());
        for (String user : new String[] {"dora", "erin"}) {
            Admin.addUser(server.httpPort(), data, user, user + "@example.com");
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void mailComesAPageAtATimeNewestFirst() throws Exception {
        String dora = token("dora", "mail:read");
        String erin = token("erin", "mail:read");
        try (Mailer mailer = new Mailer(server.smtpPort())) {
            for (int i = 1; i <= 5; i++) {
                assertThat(mailer.send("fred@example.org", "dora@example.com", "Page mail " + i, 0, 0)).isEqualTo(250);
            }
            assertThat(mailer.send("fred@example.org", "erin@example.com", "Erin's mail", 0, 0)).isEqualTo(250);
        }

        List<String> first = subjects(get("/api/mails?limit=2", dora).body());
        long last = get("/api/mails?limit=2", dora).body().get(1).path("id").asLong();
        Answer second = get("/api/mails?limit=2&before=" + last, dora);
        long secondLast = second.body().get(1).path("id").asLong();
        Answer third = get("/api/mails?limit=2&before=" + secondLast, dora);
        long erinsMail = get("/api/mails", erin).body().get(0).path("id").asLong();

        assertThat(first).containsExactly("Page mail 5", "Page mail 4");
        assertThat(subjects(second.body())).containsExactly("Page mail 3", "Page mail 2");
        assertThat(subjects(third.body())).containsExactly("Page mail 1");
        assertThat(subjects(get("/api/mails?before=" + third.body().get(0).path("id").asLong(), dora).body())).isEmpty();
        // Another user's mail id only marks where the page starts: the page holds the caller's own mail.
        assertThat(subjects(get("/api/mails?before=" + (erinsMail + 1), dora).body())).hasSize(5).doesNotContain("Erin's mail");
        Answer bad = get("/api/mails?before=yesterday", dora);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("message").asText()).startsWith("before: must be a mail id");
        assertThat(get("/api/mails?before=0", dora).status()).isEqualTo(400);
    }

    @Test
    void aTerminalsHistoryShowsItsStatesOverTheLastHoursToItsOwnerOnly() throws Exception {
        Instant now = Instant.now();
        String devices = token("dora", "devices");
        try (OtherTerminal phone = OtherTerminal.connect(server.httpPort(), data, "dora", "dora-phone")) {
            // Asleep 52 minutes ago, in use 35 minutes ago, in use now.
            phone.report("{\"at\": \"" + now.minus(Duration.ofMinutes(52)) + "\", \"power\": \"asleep\"}");
            phone.report("{\"at\": \"" + now.minus(Duration.ofMinutes(35)) + "\", \"power\": \"on\", \"lastInput\": \""
                    + now.minus(Duration.ofMinutes(35)) + "\", \"location\": {\"lat\": 52.5, \"lon\": 13.4, \"accuracy\": 20}}");
            phone.report("{\"at\": \"" + Instant.now() + "\", \"power\": \"on\", \"lastInput\": \"" + Instant.now() + "\"}");
            JsonNode history = awaitHistory(devices, "/api/devices/dora-phone/history?hours=1", "in-use");

            List<String> states = new ArrayList<>();
            history.path("slots").forEach(slot -> states.add(slot.path("state").asText()));
            assertThat(history.path("device").asText()).isEqualTo("dora-phone");
            assertThat(history.path("slotSeconds").asInt()).isEqualTo(600);
            assertThat(Duration.between(Instant.parse(history.path("from").asText()), Instant.parse(history.path("to").asText())))
                    .isEqualTo(Duration.ofHours(1));
            assertThat(history.path("slots").get(1).path("from").asText())
                    .isEqualTo(Instant.parse(history.path("from").asText()).plus(Duration.ofMinutes(10)).toString());
            // The slots start 60, 50, 40, 30, 20 and 10 minutes ago. The use 35 minutes ago is idle 5 minutes later; a report
            // older than its time-to-live (20 minutes) tells nothing: unknown.
            assertThat(states).containsExactly("asleep", "asleep", "in-use", "idle", "unknown", "in-use");
            assertThat(history.toString()).doesNotContain("52.5");
            assertThat(get("/api/devices/dora-phone/history", devices).body().path("slots")).hasSize(36);
        }

        String erin = token("erin", "devices");
        Answer othersDevice = get("/api/devices/dora-phone/history", erin);
        assertThat(othersDevice.status()).isEqualTo(404);
        assertThat(othersDevice.body().path("message").asText()).isEqualTo("no device 'dora-phone'");
        assertThat(get("/api/devices/dora-phone/history?hours=0", devices).status()).isEqualTo(400);
        assertThat(get("/api/devices/dora-phone/history?hours=25", devices).status()).isEqualTo(400);
        assertThat(get("/api/devices/dora-phone/history", token("dora", "mail:read")).status()).isEqualTo(403);
        // A terminal reads its own history, and no other's.
        String tablet = JSON.readTree(Admin.post(server.httpPort(), data, "/api/admin/users/dora/devices",
                "{\"id\": \"dora-tablet\", \"type\": \"tablet\"}")).path("token").asText();
        assertThat(get("/api/devices/dora-tablet/history?hours=2", tablet).body().path("slots")).hasSize(12)
                .allSatisfy(slot -> assertThat(slot.path("state").asText()).isEqualTo("unknown"));
        assertThat(get("/api/devices/dora-phone/history", tablet).status()).isEqualTo(403);
    }

    private JsonNode awaitHistory(String token, String path, String lastState) throws Exception {
        for (int attempt = 0; attempt < 500; attempt++) {
            JsonNode history = get(path, token).body();
            JsonNode slots = history.path("slots");
            if (slots.size() > 0 && slots.get(slots.size() - 1).path("state").asText().equals(lastState)) {
                return history;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the history of " + path + " never ended " + lastState);
    }

    private static List<String> subjects(JsonNode mails) {
        List<String> subjects = new ArrayList<>();
        mails.forEach(mail -> subjects.add(mail.at("/summary/subject").asText()));
        return subjects;
    }

    /** A personal API token of the user with this scope, made by the administrator. */
    private String token(String user, String scope) throws Exception {
        String created = Admin.post(server.httpPort(), data, "/api/admin/users/" + user + "/tokens",
                "{\"name\": \"story " + scope + " " + System.nanoTime() + "\", \"scopes\": [\"" + scope + "\"]}");
        return JSON.readTree(created).path("token").asText();
    }

    private Answer get(String path, String bearer) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    }
}
