package org.mailpush.ingest.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits the SMTP receiver enforces on its clients. Every limit has a default ({@link #DEFAULTS});
 * a bad value fails at start-up with an {@link IllegalArgumentException} naming its key.
 *
 * @param maxMessageBytes          the largest message accepted, in bytes as transmitted after
 *                                 dot-unstuffing (advertised as SIZE, RFC 1870); larger ones get
 *                                 552 5.3.4 and are read to their end and discarded without being kept
 * @param maxRecipients            accepted recipients per message; one more gets 452 4.5.3
 *                                 (RFC 5321 4.5.3.1.10); RFC 5321 4.5.3.1.8 asks for at least 100
 * @param maxLineLength            the longest command or text line, in octets including CRLF
 *                                 (RFC 5321 4.5.3.1.4–6); a longer command line gets 500 5.5.2, a
 *                                 message with a longer text line is rejected whole with 554 5.6.0
 * @param commandTimeout           how long the receiver waits for the next command line, whole (RFC 5321
 *                                 4.5.3.2.7: at least 5 minutes): a client that trickles a line in a
 *                                 byte at a time gets no longer than one that sends nothing
 * @param dataTimeout              how long it waits for more message data after 354 (RFC 5321
 *                                 4.5.3.2.5: 3 minutes per data block)
 * @param dataDeadline             how long the whole message data may take, from 354 to the final
 *                                 dot, however steadily it trickles in
 * @param maxConnections           connections served at once; one more gets 421 4.7.0 and is closed
 * @param maxConnectionsPerAddress connections served at once from one client IP address
 * @param maxErrors                5xx replies one session may earn; the one that reaches the limit is
 *                                 followed by 421 4.7.0 and the connection is closed
 * @param maxDataBytesInFlight     the message data all connections together may hold in memory at once
 *                                 (a message takes up to about twice its size while it is read and
 *                                 stored); a message past it gets 452 4.3.1 and is tried again later
 *                                 by its client. At least twice the largest message, so that one always fits
 */
public record SmtpLimits(
        int maxMessageBytes,
        int maxRecipients,
        int maxLineLength,
        Duration commandTimeout,
        Duration dataTimeout,
        Duration dataDeadline,
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxErrors,
        long maxDataBytesInFlight) {

    /** The default bound on message data in memory: 256 MiB, or room for two of the largest messages if that is more. */
    public static long defaultMaxDataBytesInFlight(int maxMessageBytes) {
        return Math.max(256L * 1024 * 1024, leastDataBytesInFlight(maxMessageBytes));
    }

    /** Room for one message of the largest size: its buffer, its copy, and the Received header. */
    static long leastDataBytesInFlight(int maxMessageBytes) {
        return 2L * maxMessageBytes + 2 * 64 * 1024;
    }

    /** The limits with the default bound on message data in memory. */
    public SmtpLimits(int maxMessageBytes, int maxRecipients, int maxLineLength, Duration commandTimeout, Duration dataTimeout,
            Duration dataDeadline, int maxConnections, int maxConnectionsPerAddress, int maxErrors) {
        this(maxMessageBytes, maxRecipients, maxLineLength, commandTimeout, dataTimeout, dataDeadline, maxConnections,
                maxConnectionsPerAddress, maxErrors, defaultMaxDataBytesInFlight(maxMessageBytes));
    }

    /** 25 MiB, 100 recipients, 1000-octet lines, 5 min / 3 min / 10 min, 100 connections, 10 per address, 10 errors. */
    public static final SmtpLimits DEFAULTS = new SmtpLimits(
            25 * 1024 * 1024, 100, 1000, Duration.ofMinutes(5), Duration.ofMinutes(3), Duration.ofMinutes(10), 100, 10, 10);

    /** Leaves room below the largest Java array for the Received header the receiver prepends. */
    static final int LARGEST_MESSAGE = Integer.MAX_VALUE - 64 * 1024;

    public SmtpLimits {
        Objects.requireNonNull(commandTimeout, "smtp.command-timeout");
        Objects.requireNonNull(dataTimeout, "smtp.data-timeout");
        Objects.requireNonNull(dataDeadline, "smtp.data-deadline");
        require(maxMessageBytes >= 1 && maxMessageBytes <= LARGEST_MESSAGE, "max-message-size",
                "must be 1-" + LARGEST_MESSAGE, maxMessageBytes);
        require(maxRecipients >= 1, "max-recipients", "must be at least 1", maxRecipients);
        require(maxLineLength >= 512, "max-line-length", "must be at least 512 octets (RFC 5321 4.5.3.1.4)", maxLineLength);
        require(positiveMillis(commandTimeout), "command-timeout", "must be at least 1 ms", commandTimeout);
        require(positiveMillis(dataTimeout), "data-timeout", "must be at least 1 ms", dataTimeout);
        require(positiveMillis(dataDeadline), "data-deadline", "must be at least 1 ms", dataDeadline);
        require(maxConnections >= 1, "max-connections", "must be at least 1", maxConnections);
        require(maxConnectionsPerAddress >= 1 && maxConnectionsPerAddress <= maxConnections, "max-connections-per-address",
                "must be 1-smtp.max-connections (" + maxConnections + ")", maxConnectionsPerAddress);
        require(maxErrors >= 1, "max-errors", "must be at least 1", maxErrors);
        require(maxDataBytesInFlight >= leastDataBytesInFlight(maxMessageBytes), "max-data-in-flight",
                "must be at least twice smtp.max-message-size and 128 KiB (" + leastDataBytesInFlight(maxMessageBytes) + ")",
                maxDataBytesInFlight);
    }

    public SmtpLimits withMaxDataBytesInFlight(long value) {
        return new SmtpLimits(maxMessageBytes, maxRecipients, maxLineLength, commandTimeout, dataTimeout, dataDeadline,
                maxConnections, maxConnectionsPerAddress, maxErrors, value);
    }

    private static boolean positiveMillis(Duration timeout) {
        return timeout.toMillis() >= 1 && timeout.toMillis() <= Integer.MAX_VALUE;
    }

    private static void require(boolean valid, String key, String rule, Object value) {
        if (!valid) {
            throw new IllegalArgumentException("smtp." + key + " " + rule + ", got " + value);
        }
    }

    /** Raises the bound on message data in memory too, where it would leave no room for one message of the new size. */
    public SmtpLimits withMaxMessageBytes(int value) {
        return new SmtpLimits(value, maxRecipients, maxLineLength, commandTimeout, dataTimeout, dataDeadline,
                maxConnections, maxConnectionsPerAddress, maxErrors, Math.max(maxDataBytesInFlight, leastDataBytesInFlight(value)));
    }

    public SmtpLimits withMaxRecipients(int value) {
        return new SmtpLimits(maxMessageBytes, value, maxLineLength, commandTimeout, dataTimeout, dataDeadline,
                maxConnections, maxConnectionsPerAddress, maxErrors, maxDataBytesInFlight);
    }

    public SmtpLimits withMaxLineLength(int value) {
        return new SmtpLimits(maxMessageBytes, maxRecipients, value, commandTimeout, dataTimeout, dataDeadline,
                maxConnections, maxConnectionsPerAddress, maxErrors, maxDataBytesInFlight);
    }

    public SmtpLimits withCommandTimeout(Duration value) {
        return new SmtpLimits(maxMessageBytes, maxRecipients, maxLineLength, value, dataTimeout, dataDeadline,
                maxConnections, maxConnectionsPerAddress, maxErrors, maxDataBytesInFlight);
    }

    public SmtpLimits withDataTimeout(Duration value) {
        return new SmtpLimits(maxMessageBytes, maxRecipients, maxLineLength, commandTimeout, value, dataDeadline,
                maxConnections, maxConnectionsPerAddress, maxErrors, maxDataBytesInFlight);
    }

    public SmtpLimits withDataDeadline(Duration value) {
        return new SmtpLimits(maxMessageBytes, maxRecipients, maxLineLength, commandTimeout, dataTimeout, value,
                maxConnections, maxConnectionsPerAddress, maxErrors, maxDataBytesInFlight);
    }

    public SmtpLimits withMaxConnections(int total, int perAddress) {
        return new SmtpLimits(maxMessageBytes, maxRecipients, maxLineLength, commandTimeout, dataTimeout, dataDeadline,
                total, perAddress, maxErrors, maxDataBytesInFlight);
    }

    public SmtpLimits withMaxErrors(int value) {
        return new SmtpLimits(maxMessageBytes, maxRecipients, maxLineLength, commandTimeout, dataTimeout, dataDeadline,
                maxConnections, maxConnectionsPerAddress, value, maxDataBytesInFlight);
    }
}
