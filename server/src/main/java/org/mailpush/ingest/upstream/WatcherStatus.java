package org.mailpush.ingest.upstream;

import java.time.Instant;
import java.util.Objects;

/** What an upstream watcher is doing right now, for the operator and for tests. */
public sealed interface WatcherStatus {

    /** Connecting, logging in, or fetching the mail that arrived since the cursor. */
    record Connecting(Instant since) implements WatcherStatus {
        public Connecting {
            Objects.requireNonNull(since, "since");
        }
    }

    /** In an IMAP IDLE (RFC 2177): the server will tell the watcher about new mail. */
    record Idle(Instant since) implements WatcherStatus {
        public Idle {
            Objects.requireNonNull(since, "since");
        }
    }

    /** Waiting for the next poll: POP3, or an IMAP server without IDLE. */
    record Polling(Instant nextPoll) implements WatcherStatus {
        public Polling {
            Objects.requireNonNull(nextPoll, "nextPoll");
        }
    }

    /**
     * The last attempt failed; the next begins at {@code nextAttempt}.
     *
     * @param reason what went wrong, never containing the account's secret
     */
    record Failed(String reason, Instant nextAttempt) implements WatcherStatus {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(nextAttempt, "nextAttempt");
        }
    }

    /**
     * The watcher gave up after {@code attempts} failed connections in a row ({@code upstream.max-attempts}),
     * or after failing for {@code upstream.give-up-after}; it tries again when the server restarts or the
     * account is added again.
     *
     * @param reason what went wrong the last time, never containing the account's secret
     */
    record GaveUp(String reason, int attempts, Instant since) implements WatcherStatus {
        public GaveUp {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * Paused, because the owner's mailbox is full (quota.max-mails, quota.max-bytes): nothing is
     * fetched until {@code nextAttempt}, when it tries again from where it stopped.
     *
     * @param reason which limit the mailbox is at
     */
    record Paused(String reason, Instant nextAttempt) implements WatcherStatus {
        public Paused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(nextAttempt, "nextAttempt");
        }
    }

    /** Closed: the watcher does nothing any more. */
    record Stopped(Instant since) implements WatcherStatus {
        public Stopped {
            Objects.requireNonNull(since, "since");
        }
    }
}
