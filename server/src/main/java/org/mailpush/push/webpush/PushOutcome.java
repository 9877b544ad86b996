package org.mailpush.push.webpush;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one push message (RFC 8030 §5, §8.3). The caller acts on it: forgets a subscription
 * that is {@link Gone} or {@link Refused}, schedules a {@link RetryLater} itself, records the rest.
 */
public sealed interface PushOutcome {

    /** The push service accepted the message (201 Created, or another 2xx). */
    record Sent() implements PushOutcome {}

    /** The subscription has expired or never existed (404 or 410): it will never take a message again. */
    record Gone(int status) implements PushOutcome {
        public Gone {
            if (status != 404 && status != 410) {
                throw new IllegalArgumentException("gone is 404 or 410, got " + status);
            }
        }
    }

    /** The push service refused the message as too large (413); a shorter payload may pass. */
    record TooLarge() implements PushOutcome {}

    /**
     * Not sent for now: the push service is overloaded or failing (429, 5xx) or could not be reached.
     * The transport retries these itself; it hands one back only when the service asks for a longer
     * wait than {@link RetryPolicy#longestRetryAfter()}.
     *
     * @param retryAfter the wait the service asked for in {@code Retry-After}, when it did
     */
    record RetryLater(Optional<Duration> retryAfter, String reason) implements PushOutcome {
        public RetryLater {
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Not sent, for good: the service refused the request (another 4xx), or the last attempt failed. */
    record Failed(String reason) implements PushOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Not sent, because mailpush does not send there: the endpoint is not https, or its host resolves
     * to a loopback, private, link-local or otherwise internal address. Nothing was sent to it.
     */
    record Refused(String reason) implements PushOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
