package org.mailpush.push.webpush;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a push service's response means (RFC 8030 §5, §8.3; RFC 9110 §10.2.3 for {@code Retry-After}). */
final class PushResponses {
    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,18}");
    private static final int REASON_CHARACTERS = 200;

    private PushResponses() {}

    /**
     * The outcome of a response.
     *
     * @param retryAfter the {@code Retry-After} field, if the response had one
     * @param body       the start of the response body, for the reason
     */
    static PushOutcome outcome(int status, Optional<String> retryAfter, String body, Instant now) {
        if (status >= 200 && status < 300) {
            return new PushOutcome.Sent();
        }
        String reason = reason(status, body);
        return switch (status) {
            case 404, 410 -> new PushOutcome.Gone(status);
            case 413 -> new PushOutcome.TooLarge();
            case 429 -> new PushOutcome.RetryLater(retryAfter.flatMap(value -> retryAfter(value, now)), reason);
            default -> status >= 500 && status < 600
                    ? new PushOutcome.RetryLater(retryAfter.flatMap(value -> retryAfter(value, now)), reason)
                    : new PushOutcome.Failed(reason);
        };
    }

    /**
     * The wait a {@code Retry-After} value asks for: delta-seconds, or an HTTP-date (IMF-fixdate)
     * less now, never negative. Empty when the value is neither.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String trimmed = value.trim();
        if (DELTA_SECONDS.matcher(trimmed).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** "HTTP 400: …" with the start of the body, on one line of printable characters. */
    private static String reason(int status, String body) {
        String text = body.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (text.length() > REASON_CHARACTERS) {
            text = text.substring(0, REASON_CHARACTERS) + "…";
        }
        return "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
    }
}
