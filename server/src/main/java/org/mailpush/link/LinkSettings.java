package org.mailpush.link;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The terminal link's settings (docs/protocol.md, docs/configuration.md).
 *
 * @param heartbeat         how often a terminal in heartbeat mode should report when nothing changes
 * @param probeDeadline     how long the server waits for probe answers before it decides
 * @param ackTimeout        a delivery not acknowledged for this long is sent again
 * @param helloTimeout      a connection that has not said hello by then is closed
 * @param maxMessageBytes   the largest message a terminal may send
 * @param messagesPerSecond the average rate a terminal may send at
 * @param burst             how many messages a terminal may send at once
 * @param maxStrikes        refused messages after which the connection is closed
 * @param allowedOrigins    browser origins allowed besides the server's own, e.g. https://mail.example.com
 * @param maxQueuedBytes    the most one connection may have queued and not yet written to the network; a
 *                          terminal that reads so slowly that it would be more has its connection dropped
 */
public record LinkSettings(
        Duration heartbeat, Duration probeDeadline, Duration ackTimeout, Duration helloTimeout,
        int maxMessageBytes, double messagesPerSecond, int burst, int maxStrikes, List<String> allowedOrigins,
        long maxQueuedBytes) {

    /** 4 MiB: room for a few whole mails on their way, yet a thousand stuck terminals hold no more than 4 GiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    public static final LinkSettings DEFAULTS = new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500),
            Duration.ofSeconds(30), Duration.ofSeconds(10), 64 * 1024, 20, 50, 10, List.of());

    /** The settings with the default cap on queued bytes. */
    public LinkSettings(Duration heartbeat, Duration probeDeadline, Duration ackTimeout, Duration helloTimeout,
            int maxMessageBytes, double messagesPerSecond, int burst, int maxStrikes, List<String> allowedOrigins) {
        this(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst, maxStrikes,
                allowedOrigins, DEFAULT_MAX_QUEUED_BYTES);
    }

    public LinkSettings {
        positive("heartbeat", heartbeat);
        positive("probeDeadline", probeDeadline);
        positive("ackTimeout", ackTimeout);
        positive("helloTimeout", helloTimeout);
        if (maxMessageBytes < 1024 || messagesPerSecond <= 0 || burst < 1 || maxStrikes < 1) {
            throw new IllegalArgumentException("link limits must be positive (max message at least 1024 bytes)");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        if (maxQueuedBytes < 64 * 1024) {
            throw new IllegalArgumentException("link.max-queued-bytes must be at least 64 KiB, got " + maxQueuedBytes);
        }
    }

    public LinkSettings withMaxQueuedBytes(long value) {
        return new LinkSettings(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst,
                maxStrikes, allowedOrigins, value);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
