package org.mailpush.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * "If the mail is not acknowledged (or not read) within {@code after}, also send it to the next
 * choice" (SPEC X3). Reading the mail anywhere cancels it.
 */
public record Escalation(Duration after, Unless unless) {
    public Escalation {
        Objects.requireNonNull(unless, "unless");
        if (after == null || after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("escalation 'after' must be a positive duration, got " + after);
        }
        if (after.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("escalation 'after' must be at most 7 days, got " + after);
        }
    }

    /** What stops the escalation. */
    public enum Unless {
        /** A terminal that got the mail acknowledged it. */
        ACKNOWLEDGED,
        /** The user read the mail on some terminal. */
        READ;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
