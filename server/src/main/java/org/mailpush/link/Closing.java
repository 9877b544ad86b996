package org.mailpush.link;

/**
 * Why the server closes a terminal's WebSocket, with the close code (RFC 6455 §7.4.1) and the reason
 * it sends: the table in docs/protocol.md, "Closing" (the WebSocket layer's own closes are there too).
 * Over SSE the event stream just ends; the {@code error} before it, if any, says why.
 */
enum Closing {
    UNAUTHORIZED(Closing.POLICY_VIOLATION, "unauthorized"),
    UNSUPPORTED_VERSION(Closing.POLICY_VIOLATION, "unsupported protocol version"),
    NO_HELLO(Closing.POLICY_VIOLATION, "no hello"),
    TOO_MANY_STRIKES(Closing.POLICY_VIOLATION, "too many refused messages"),
    REPLACED(Closing.GOING_AWAY, "replaced by a newer connection of this device"),
    REVOKED(Closing.GOING_AWAY, "device revoked"),
    STOPPING(Closing.GOING_AWAY, "server stopping");

    /** The terminal must change something (its token, its version, its messages) before it connects again. */
    static final int POLICY_VIOLATION = 1008;
    /** The connection ends on the server's side; the terminal may connect again, unless it was replaced or revoked. */
    static final int GOING_AWAY = 1001;

    private final int code;
    private final String reason;

    Closing(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }
}
