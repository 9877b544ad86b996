package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushResponsesTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");

    @Test
    void statusesBecomeOutcomes() {
        assertThat(outcome(201, null, "")).isEqualTo(new PushOutcome.Sent());
        assertThat(outcome(200, null, "")).isEqualTo(new PushOutcome.Sent());
        assertThat(outcome(404, null, "")).isEqualTo(new PushOutcome.Gone(404));
        assertThat(outcome(410, null, "")).isEqualTo(new PushOutcome.Gone(410));
        assertThat(outcome(413, null, "")).isEqualTo(new PushOutcome.TooLarge());
        assertThat(outcome(429, "120", "slow down")).isEqualTo(new PushOutcome.RetryLater(Optional.of(Duration.ofMinutes(2)),
                "HTTP 429: slow down"));
        assertThat(outcome(503, null, "")).isEqualTo(new PushOutcome.RetryLater(Optional.empty(), "HTTP 503"));
        assertThat(outcome(400, null, "{\"reason\":\n\"BadJwtToken\"}")).isEqualTo(new PushOutcome.Failed("HTTP 400: {\"reason\": \"BadJwtToken\"}"));
        assertThat(outcome(403, null, "")).isEqualTo(new PushOutcome.Failed("HTTP 403"));
        assertThat(outcome(302, null, "")).as("redirects are not followed").isEqualTo(new PushOutcome.Failed("HTTP 302"));
    }

    @Test
    void retryAfterIsDeltaSecondsOrAnHttpDate() {
        assertThat(PushResponses.retryAfter("0", NOW)).hasValue(Duration.ZERO);
        assertThat(PushResponses.retryAfter(" 30 ", NOW)).hasValue(Duration.ofSeconds(30));
        assertThat(PushResponses.retryAfter("Sun, 01 Jun 2025 08:05:00 GMT", NOW)).hasValue(Duration.ofMinutes(5));
        assertThat(PushResponses.retryAfter("Sun, 01 Jun 2025 07:00:00 GMT", NOW)).as("in the past").hasValue(Duration.ZERO);
        assertThat(PushResponses.retryAfter("soon", NOW)).isEmpty();
        assertThat(PushResponses.retryAfter("-5", NOW)).isEmpty();
    }

    @Test
    void aLongBodyIsCutInTheReason() {
        var outcome = (PushOutcome.Failed) outcome(400, null, "x".repeat(500));

        assertThat(outcome.reason()).hasSize("HTTP 400: ".length() + 201).endsWith("x…");
    }

    private static PushOutcome outcome(int status, String retryAfter, String body) {
        return PushResponses.outcome(status, Optional.ofNullable(retryAfter), body, NOW);
    }
}
