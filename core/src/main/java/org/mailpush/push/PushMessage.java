package org.mailpush.push;

import java.time.Duration;
import java.util.Objects;

/**
 * One message for a terminal's push channel (RFC 8030): the payload, encrypted on the way, and the
 * push service's instructions for it.
 *
 * @param payload what the terminal receives, at most {@link #MAX_PAYLOAD_BYTES}
 * @param ttl     how long the push service keeps it for a terminal that is away
 * @param urgency how soon it must reach the terminal, so that a phone saving power can wait
 * @param topic   a newer message with the same topic replaces an older one not yet delivered
 *                (1–32 characters of the base64url alphabet)
 */
public record PushMessage(byte[] payload, Duration ttl, Urgency urgency, String topic) {
    /** The most plaintext one RFC 8291 record of 4096 bytes carries. */
    public static final int MAX_PAYLOAD_BYTES = 3993;

    public PushMessage {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(topic, "topic");
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a push payload is at most " + MAX_PAYLOAD_BYTES + " bytes, got " + payload.length);
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        if (!topic.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("a topic is 1-32 characters of A-Z a-z 0-9 - _, got '" + topic + "'");
        }
    }

    /** RFC 8030 section 5.3. */
    public enum Urgency {
        VERY_LOW("very-low"), LOW("low"), NORMAL("normal"), HIGH("high");

        private final String token;

        Urgency(String token) {
            this.token = token;
        }

        /** As the {@code Urgency} header spells it. */
        public String token() {
            return token;
        }
    }
}
