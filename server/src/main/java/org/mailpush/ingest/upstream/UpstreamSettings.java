package org.mailpush.ingest.upstream;

import java.time.Duration;

/**
 * How upstream watchers pace themselves and how long they wait for a server.
 *
 * @param idleRenewal    how long one IMAP IDLE lasts before it is ended and issued again; under 29
 *                       minutes, because a server may log out a client idle for 30 (RFC 2177)
 * @param pollInterval   the time between two polls: POP3, and IMAP servers that lack IDLE
 * @param backoffInitial the longest wait before the first reconnect; it doubles with each further
 *                       failure up to {@code backoffMax}, and the actual wait is drawn uniformly
 *                       below it ("full jitter")
 * @param backoffMax     the longest wait between two reconnects
 * @param connectTimeout how long opening a connection may take
 * @param readTimeout    how long a command may wait for the server's answer; an IDLE in progress is
 *                       not subject to it
 * @param allowPrivateAddresses whether accounts may name hosts on loopback, link-local or private
 *                       addresses ({@link UpstreamGuard}): for tests and trusted networks only
 * @param maxAttempts    failed connections in a row after which a watcher gives up (status
 *                       {@link WatcherStatus.GaveUp}) until the server restarts or the account is added again
 * @param giveUpAfter    how long a watcher may go on failing, from its first failure since it last caught
 *                       up, before it gives up likewise; whichever of the two limits comes first ends it.
 *                       A paused watcher (the owner's mailbox full) is not failing and never gives up
 * @param maxMessageBytes the largest upstream mail a watcher reads; a larger one is left upstream, unstored,
 *                       whether the server says its size beforehand or sends more than it said
 */
public record UpstreamSettings(
        Duration idleRenewal,
        Duration pollInterval,
        Duration backoffInitial,
        Duration backoffMax,
        Duration connectTimeout,
        Duration readTimeout,
        boolean allowPrivateAddresses,
        int maxAttempts,
        Duration giveUpAfter,
        long maxMessageBytes) {

    /** How many failed connections in a row a watcher makes before it gives up, unless configured. */
    public static final int MAX_ATTEMPTS = 20;

    /** How long a watcher goes on failing before it gives up, unless configured. */
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    /** As SMTP's smtp.max-message-size: 25 MiB. */
    public static final long MAX_MESSAGE_BYTES = 25L * 1024 * 1024;

    /** RFC 2177: a server may drop a client that stays in IDLE for 30 minutes; stay clear of it. */
    public static final Duration IDLE_LIMIT = Duration.ofMinutes(29);

    /** IDLE renewed every 25 minutes, polls every 60 s, backoff 1 s to 5 min, 30 s / 60 s timeouts. */
    public static final UpstreamSettings DEFAULTS = new UpstreamSettings(
            Duration.ofMinutes(25), Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofSeconds(30), Duration.ofSeconds(60), false, MAX_ATTEMPTS, GIVE_UP_AFTER, MAX_MESSAGE_BYTES);

    /** Settings that refuse private addresses and give up after {@link #MAX_ATTEMPTS} or {@link #GIVE_UP_AFTER}. */
    public UpstreamSettings(Duration idleRenewal, Duration pollInterval, Duration backoffInitial, Duration backoffMax,
            Duration connectTimeout, Duration readTimeout) {
        this(idleRenewal, pollInterval, backoffInitial, backoffMax, connectTimeout, readTimeout, false, MAX_ATTEMPTS, GIVE_UP_AFTER, MAX_MESSAGE_BYTES);
    }

    public UpstreamSettings {
        positive("idleRenewal", idleRenewal);
        positive("pollInterval", pollInterval);
        positive("backoffInitial", backoffInitial);
        positive("backoffMax", backoffMax);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        if (maxMessageBytes < 1024 || maxMessageBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxMessageBytes must be 1 KiB to 2 GiB, got " + maxMessageBytes);
        }
        if (giveUpAfter == null || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("giveUpAfter must be a positive duration, got " + giveUpAfter);
        }
        if (idleRenewal.compareTo(IDLE_LIMIT) >= 0) {
            throw new IllegalArgumentException(
                    "idleRenewal must be under 29 minutes (RFC 2177), got " + idleRenewal);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException(
                    "backoffMax must not be below backoffInitial, got " + backoffMax + " < " + backoffInitial);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
        if (value.compareTo(Duration.ofDays(24)) > 0) {
            // Jakarta Mail takes timeouts as int milliseconds.
            throw new IllegalArgumentException(name + " must be at most 24 days, got " + value);
        }
    }

    public UpstreamSettings withIdleRenewal(Duration renewal) {
        return new UpstreamSettings(renewal, pollInterval, backoffInitial, backoffMax, connectTimeout, readTimeout, allowPrivateAddresses, maxAttempts, giveUpAfter, maxMessageBytes);
    }

    public UpstreamSettings withPollInterval(Duration interval) {
        return new UpstreamSettings(idleRenewal, interval, backoffInitial, backoffMax, connectTimeout, readTimeout, allowPrivateAddresses, maxAttempts, giveUpAfter, maxMessageBytes);
    }

    /** With private addresses allowed or not: tests run their mail servers on loopback. */
    public UpstreamSettings withPrivateAddresses(boolean allowed) {
        return new UpstreamSettings(idleRenewal, pollInterval, backoffInitial, backoffMax, connectTimeout, readTimeout, allowed, maxAttempts, giveUpAfter, maxMessageBytes);
    }

    public UpstreamSettings withMaxAttempts(int attempts) {
        return new UpstreamSettings(idleRenewal, pollInterval, backoffInitial, backoffMax, connectTimeout, readTimeout,
                allowPrivateAddresses, attempts, giveUpAfter, maxMessageBytes);
    }

    /** Gives up after {@code after} of failing (and after {@code attempts} failures in a row). */
    public UpstreamSettings withGiveUp(int attempts, Duration after) {
        return new UpstreamSettings(idleRenewal, pollInterval, backoffInitial, backoffMax, connectTimeout, readTimeout,
                allowPrivateAddresses, attempts, after, maxMessageBytes);
    }

    public UpstreamSettings withMaxMessageBytes(long bytes) {
        return new UpstreamSettings(idleRenewal, pollInterval, backoffInitial, backoffMax, connectTimeout, readTimeout,
                allowPrivateAddresses, maxAttempts, giveUpAfter, bytes);
    }

    public UpstreamSettings withBackoff(Duration initial, Duration max) {
        return new UpstreamSettings(idleRenewal, pollInterval, initial, max, connectTimeout, readTimeout, allowPrivateAddresses, maxAttempts, giveUpAfter, maxMessageBytes);
    }
}
