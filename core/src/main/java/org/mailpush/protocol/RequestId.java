package org.mailpush.protocol;

import java.util.Objects;

/**
 * The id a terminal may give a message it sends (docs/protocol.md, "Request ids"): the server's
 * answer to it, and any error about it, carry the id back. It is 1 to 64 visible ASCII characters
 * ({@code !} to {@code ~}), so that it is the same length in every language and safe in a log line.
 */
public record RequestId(String value) {
    public static final int MAX_LENGTH = 64;

    public RequestId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= '!' && c <= '~')) {
            throw new IllegalArgumentException("a request id is 1 to " + MAX_LENGTH + " visible ASCII characters ('!' to '~')");
        }
    }
}
