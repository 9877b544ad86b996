package org.mailpush.push.webpush;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One push message: what it carries and how the push service should treat it (RFC 8030 §5.2–5.4).
 * It is encrypted as it is sent; the payload is a notice, never the mail itself.
 *
 * @param payload the plaintext, at most 3993 octets (one 4096-octet record, RFC 8291 §4)
 * @param ttl     how long the push service keeps the message for a user agent that is away; zero
 *                asks it to deliver only to one connected now. Sent in whole seconds.
 * @param urgency how urgent the message is
 * @param topic   when present, a newer message with the same topic replaces this one while it waits
 */
public record WebPushMessage(byte[] payload, Duration ttl, Urgency urgency, Optional<Topic> topic) {
    /** The largest payload: what one record of 4096 octets leaves after header, delimiter and tag. */
    public static final int MAX_PAYLOAD_BYTES = MessageEncryption.MAX_PLAINTEXT_BYTES;

    public WebPushMessage {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(topic, "topic");
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("a Web Push payload holds at most " + MAX_PAYLOAD_BYTES + " octets, got " + payload.length);
        }
        if (ttl.isNegative() || ttl.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a push message's ttl must be 0 to " + Integer.MAX_VALUE + " seconds, got " + ttl);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebPushMessage that && Arrays.equals(payload, that.payload) && ttl.equals(that.ttl)
                && urgency == that.urgency && topic.equals(that.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(payload), ttl, urgency, topic);
    }

    @Override
    public String toString() {
        return "WebPushMessage[" + payload.length + " octets, ttl=" + ttl + ", urgency=" + urgency + ", topic=" + topic + "]";
    }
}
