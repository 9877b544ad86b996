package org.mailpush.push.webpush;

/**
 * How urgent a push message is (RFC 8030 §5.3): a user agent on battery may hold back the less urgent
 * ones until it wakes anyway.
 */
public enum Urgency {
    VERY_LOW("very-low"),
    LOW("low"),
    NORMAL("normal"),
    HIGH("high");

    private final String token;

    Urgency(String token) {
        this.token = token;
    }

    /** The value of the {@code Urgency} header field. */
    public String token() {
        return token;
    }
}
