package org.mailpush.agent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the agent holds its connection to the server.
 *
 * @param reconnectMin the first wait before reconnecting; it doubles per failed attempt, with jitter
 * @param reconnectMax the longest wait between attempts
 * @param keepalive    how often the agent pings the server to notice a dead network; it waits as long for the pong
 */
public record LinkConfig(Duration reconnectMin, Duration reconnectMax, Duration keepalive) {
    public LinkConfig {
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(keepalive, "keepalive");
        if (reconnectMin.compareTo(reconnectMax) > 0) {
            throw new IllegalArgumentException("reconnect-min (" + reconnectMin + ") must not exceed reconnect-max ("
                    + reconnectMax + ")");
        }
    }
}
