package org.mailpush.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.device.DeviceType.PHONE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.user.UserId;

/**
 * The link as a third-party terminal meets it (docs/protocol.md, version 1.1): JSON text in, JSON text
 * out.
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
}
