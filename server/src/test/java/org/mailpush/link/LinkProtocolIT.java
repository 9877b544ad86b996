package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.PHONE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.user.UserId;

/**
 * The link as a third-party terminal meets it (docs/protocol.md, version 1.1): JSON text in, JSON text
 * out: fields it does not know, request ids, versions, and how and why the server closes.
 */
class LinkProtocolIT {
    private final LinkFixture fixture = new LinkFixture();
    private final UserId alice = fixture.user("alice");
    private final String token = fixture.device(alice, "phone", PHONE);

    @AfterEach
    void close() {
        fixture.close();
    }

    private String hello(String extra) {
        return "{\"type\": \"hello\", \"v\": 1, \"token\": \"" + token + "\", \"lastAck\": 0" + extra + "}";
    }

    private TerminalClient welcomed() {
        TerminalClient terminal = TerminalClient.connect(fixture.port());
        terminal.sendText(hello(""));
        assertThat(terminal.nextJson().path("type").asText()).isEqualTo("welcome");
        return terminal;
    }

    @Test
    void fieldsTheServerDoesNotKnowAreIgnoredAndCostNoStrike() {
        try (var terminal = TerminalClient.connect(fixture.port())) {
            terminal.sendText(hello(", \"client\": \"acme-mail/2.3\""));
            assertThat(terminal.nextJson().path("type").asText()).isEqualTo("welcome");

            terminal.sendText("""
                    {"type": "state", "x-acme": {"theme": "dark"},
                     "report": {"at": "%s", "power": "on", "battery": 0.8, "location": {"lat": 52.5, "lon": 13.4, "floor": 3}}}"""
                    .formatted(Instant.now()));
            terminal.sendText("{\"type\": \"policy.get\", \"priority\": \"high\"}");

            assertThat(terminal.nextJson().path("type").asText()).as("no error came before the answer").isEqualTo("policy");
            assertThat(fixture.stores.reports().latest(new DeviceId("phone"))).isPresent();
            terminal.sendText("{\"type\": \"subscribe\"}");
            JsonNode error = terminal.nextJson();
            assertThat(error.path("code").asText()).as("an unknown type is still refused").isEqualTo("malformed");
            assertThat(error.path("strikes").asInt()).as("the first strike").isEqualTo(1);
        }
    }

    @Test
    void aFieldOfAPolicyTheServerDoesNotKnowIsStillRefused() {
        try (var terminal = welcomed()) {
            terminal.sendText("{\"type\": \"policy.set\", \"policy\": {\"rules\": [{\"kind\": \"in-use\", \"loudly\": true}]}}");

            JsonNode error = terminal.nextJson();
            assertThat(error.path("code").asText()).isEqualTo("invalid-policy");
            assertThat(error.path("message").asText()).startsWith("policy.rules[0].loudly: unknown field");
        }
    }

    @Test
    void theAnswerToARequestCarriesItsId() {
        try (var terminal = TerminalClient.connect(fixture.port())) {
            terminal.sendText(hello(", \"id\": \"h-1\""));
            JsonNode welcome = terminal.nextJson();
            assertThat(welcome.path("type").asText()).isEqualTo("welcome");
            assertThat(welcome.path("id").asText()).isEqualTo("h-1");

            terminal.sendText("{\"type\": \"policy.get\", \"id\": \"r-1\"}");

            JsonNode policy = terminal.nextJson();
            assertThat(policy.path("type").asText()).isEqualTo("policy");
            assertThat(policy.path("id").asText()).isEqualTo("r-1");
            assertThat(policy.has("seq")).isFalse();
        }
    }

    @Test
    void anErrorCarriesTheIdOfTheMessageItRefuses() {
        try (var terminal = welcomed()) {
            terminal.sendText("{\"type\": \"ack\", \"id\": \"r-2\"}");
            terminal.sendText("{\"type\": \"flags\", \"id\": \"r-3\", \"mail\": 999, \"seen\": true}");
            terminal.sendText("{\"type\": \"policy.set\", \"id\": \"r-4\", \"policy\": {\"rules\": [{\"kind\": \"loudest\"}]}}");
            terminal.sendText("{\"id\": \"r-5\"}");

            assertThat(List.of(terminal.nextJson(), terminal.nextJson(), terminal.nextJson(), terminal.nextJson()))
                    .extracting(e -> e.path("code").asText() + " " + e.path("id").asText())
                    .containsExactly("malformed r-2", "no-such-mail r-3", "invalid-policy r-4", "malformed r-5");
        }
    }

    @Test
    void aMessageWithoutAReadableIdIsAnsweredWithoutOne() {
        try (var terminal = welcomed()) {
            terminal.sendText("{\"type\": \"policy.get\"}");
            terminal.sendText("{\"type\": \"ack\", \"id\": \"r-6\"");
            terminal.sendText("{\"type\": \"policy.get\", \"id\": \"" + "x".repeat(65) + "\"}");
            terminal.sendText("{\"type\": \"policy.get\", \"id\": 7}");

            JsonNode policy = terminal.nextJson();
            assertThat(policy.path("type").asText()).isEqualTo("policy");
            assertThat(policy.has("id")).isFalse();
            JsonNode notJson = terminal.nextJson();
            assertThat(notJson.path("message").asText()).startsWith("not JSON");
            assertThat(notJson.has("id")).isFalse();
            for (int i = 0; i < 2; i++) {
                JsonNode badId = terminal.nextJson();
                assertThat(badId.path("code").asText()).isEqualTo("malformed");
                assertThat(badId.path("message").asText()).startsWith("id: must be a string of 1 to 64");
                assertThat(badId.has("id")).isFalse();
            }
        }
    }

    @Test
    void theWelcomeStatesTheVersionTheServerSpeaksToA10ClientAsToANewerOne() {
        for (String said : List.of("", ", \"minor\": 1", ", \"minor\": 7")) {
            try (var terminal = TerminalClient.connect(fixture.port())) {
                terminal.sendText(hello(said));

                JsonNode welcome = terminal.nextJson();
                assertThat(welcome.path("type").asText()).isEqualTo("welcome");
                assertThat(welcome.path("v").asInt()).isEqualTo(1);
                assertThat(welcome.path("minor").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void aVersionTheServerDoesNotSpeakIsRefusedAndTheConnectionClosed() {
        try (var terminal = TerminalClient.connect(fixture.port())) {
            terminal.sendText("{\"type\": \"hello\", \"v\": 2, \"token\": \"" + token + "\", \"id\": \"h-2\"}");

            JsonNode error = terminal.nextJson();
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("code").asText()).isEqualTo("unsupported-version");
            assertThat(error.path("message").asText()).isEqualTo("protocol version 2.0 is not spoken here; this server speaks 1.0 and 1.1");
            assertThat(error.path("id").asText()).isEqualTo("h-2");
            assertThat(terminal.awaitClosed()).isEqualTo(new TerminalClient.Closed(1008, "unsupported protocol version"));
        }
        assertThat(fixture.link.connected(new DeviceId("phone"))).isFalse();
    }

    @Test
    void aBadTokenClosesTheConnectionAsUnauthorized() {
        try (var terminal = TerminalClient.connect(fixture.port())) {
            terminal.sendText("{\"type\": \"hello\", \"v\": 1, \"token\": \"not-a-token\"}");

            assertThat(terminal.nextJson().path("code").asText()).isEqualTo("unauthorized");
            assertThat(terminal.awaitClosed()).isEqualTo(new TerminalClient.Closed(1008, "unauthorized"));
        }
    }

    @Test
    void tooManyStrikesCloseTheConnection() {
        try (var terminal = welcomed()) {
            for (int i = 1; i <= LinkSettings.DEFAULTS.maxStrikes(); i++) {
                terminal.sendText("{\"type\": \"ack\"}");
                assertThat(terminal.nextJson().path("strikes").asInt()).isEqualTo(i);
            }

            assertThat(terminal.awaitClosed()).isEqualTo(new TerminalClient.Closed(1008, "too many refused messages"));
        }
    }

    @Test
    void aConnectionThatSaysNoHelloIsClosed() {
        var quick = new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMillis(100),
                64 * 1024, 20, 50, 10, List.of());
        try (var silent = new LinkFixture(quick); var terminal = TerminalClient.connect(silent.port())) {
            assertThat(terminal.awaitClosed()).isEqualTo(new TerminalClient.Closed(1008, "no hello"));
        }
    }

    @Test
    void aNewerConnectionOfTheDeviceReplacesTheOlder() {
        try (var older = welcomed(); var newer = welcomed()) {
            assertThat(older.awaitClosed()).isEqualTo(new TerminalClient.Closed(1001, "replaced by a newer connection of this device"));
        }
    }

    @Test
    void revokingTheDeviceClosesItsConnection() {
        try (var terminal = welcomed()) {
            fixture.stores.tokens().revoke(new DeviceId("phone"));
            fixture.link.disconnect(new DeviceId("phone"));

            assertThat(terminal.awaitClosed()).isEqualTo(new TerminalClient.Closed(1001, "device revoked"));
        }
    }

    @Test
    void stoppingTheServerClosesEveryConnection() {
        var stopping = new LinkFixture();
        String phone = stopping.device(stopping.user("bob"), "bobs-phone", PHONE);
        try (var terminal = TerminalClient.hello(stopping.port(), phone, 0)) {
            stopping.close();

            assertThat(terminal.awaitClosed()).isEqualTo(new TerminalClient.Closed(1001, "server stopping"));
        }
    }
}
