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
 * @param maxTotalQueuedBytes the most all connections together may have queued; a message that would take
 *                          them past it drops the connection with the largest queue
 * @param maxRoutingQueue   the most mails of one user waiting to be routed in memory; more stay pending in
 *                          the store, and the retry sweep routes them in turn
 * @param maxUnidentified   the most WebSocket connections that have not yet said hello at once; one more
 *                          is answered 503 (each lasts no longer than the hello timeout)
 */
public record LinkSettings(
        Duration heartbeat, Duration probeDeadline, Duration ackTimeout, Duration helloTimeout,
        int maxMessageBytes, double messagesPerSecond, int burst, int maxStrikes, List<String> allowedOrigins,
        long maxQueuedBytes, long maxTotalQueuedBytes, int maxRoutingQueue, int maxUnidentified) {

    /** 4 MiB: room for a few whole mails on their way, yet a thousand stuck terminals hold no more than 4 GiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 4L * 1024 * 1024;

    /** 256 MiB over all connections, as smtp.max-data-in-flight bounds SMTP. */
    public static final long DEFAULT_MAX_TOTAL_QUEUED_BYTES = 256L * 1024 * 1024;

    /** A thousand mails of one user waiting for routing; a burst beyond waits in the store. */
    public static final int DEFAULT_MAX_ROUTING_QUEUE = 1000;

    /** A thousand connections waiting for their hello: far more than a reconnect wave of real terminals needs. */
    public static final int DEFAULT_MAX_UNIDENTIFIED = 1000;

    public static final LinkSettings DEFAULTS = new LinkSettings(Duration.ofMinutes(10), Duration.ofMillis(500),
            Duration.ofSeconds(30), Duration.ofSeconds(10), 64 * 1024, 20, 50, 10, List.of());

    /** The settings with the default cap on queued bytes. */
    public LinkSettings(Duration heartbeat, Duration probeDeadline, Duration ackTimeout, Duration helloTimeout,
            int maxMessageBytes, double messagesPerSecond, int burst, int maxStrikes, List<String> allowedOrigins) {
        this(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst, maxStrikes,
                allowedOrigins, DEFAULT_MAX_QUEUED_BYTES);
    }

    /** The settings with the default total cap and routing queue. */
    public LinkSettings(Duration heartbeat, Duration probeDeadline, Duration ackTimeout, Duration helloTimeout,
            int maxMessageBytes, double messagesPerSecond, int burst, int maxStrikes, List<String> allowedOrigins,
            long maxQueuedBytes) {
        this(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst, maxStrikes,
                allowedOrigins, maxQueuedBytes, DEFAULT_MAX_TOTAL_QUEUED_BYTES, DEFAULT_MAX_ROUTING_QUEUE,
                DEFAULT_MAX_UNIDENTIFIED);
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
        if (maxTotalQueuedBytes < 64 * 1024) {
            throw new IllegalArgumentException("link.max-total-queued-bytes must be at least 64 KiB, got " + maxTotalQueuedBytes);
        }
        if (maxUnidentified < 1) {
            throw new IllegalArgumentException("link.max-connections-before-hello must be at least 1, got " + maxUnidentified);
        }
        if (maxRoutingQueue < 1) {
            throw new IllegalArgumentException("link.max-routing-queue must be at least 1, got " + maxRoutingQueue);
        }
    }

    public LinkSettings withMaxQueuedBytes(long value) {
        return new LinkSettings(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst,
                maxStrikes, allowedOrigins, value, maxTotalQueuedBytes, maxRoutingQueue, maxUnidentified);
    }

    public LinkSettings withMaxTotalQueuedBytes(long value) {
        return new LinkSettings(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst,
                maxStrikes, allowedOrigins, maxQueuedBytes, value, maxRoutingQueue, maxUnidentified);
    }

    public LinkSettings withMaxUnidentified(int value) {
        return new LinkSettings(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst,
                maxStrikes, allowedOrigins, maxQueuedBytes, maxTotalQueuedBytes, maxRoutingQueue, value);
    }

    public LinkSettings withMaxRoutingQueue(int value) {
        return new LinkSettings(heartbeat, probeDeadline, ackTimeout, helloTimeout, maxMessageBytes, messagesPerSecond, burst,
                maxStrikes, allowedOrigins, maxQueuedBytes, maxTotalQueuedBytes, value, maxUnidentified);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
