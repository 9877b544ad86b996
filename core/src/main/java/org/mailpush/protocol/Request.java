package org.mailpush.protocol;

import java.util.Objects;
import java.util.Optional;

/** A terminal's message with the id the terminal gave it, if it gave one (docs/protocol.md, "Request ids"). */
public record Request(Optional<RequestId> id, TerminalMessage message) {
    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
    }

    /** A message without an id, as every message of protocol 1.0 is. */
    public static Request of(TerminalMessage message) {
        return new Request(Optional.empty(), message);
    }

    public static Request of(RequestId id, TerminalMessage message) {
        return new Request(Optional.of(id), message);
    }
}
