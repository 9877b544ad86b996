package org.mailpush.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a policy: a target, the condition under which it applies, and optionally the moment it
 * expires (an override such as "laptop primary until 18:00", SPEC X5).
 */
public record Rule(String name, Target target, Condition when, Optional<Instant> until) {
    public Rule {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(until, "until");
        name = name == null || name.isBlank() ? target.describe() : name.strip();
        if (name.length() > 100) {
            throw new IllegalArgumentException("rule name must be at most 100 characters, got " + name.length());
        }
    }

    public static Rule of(Target target) {
        return new Rule(null, target, Condition.ALWAYS, Optional.empty());
    }

    public Rule named(String name) {
        return new Rule(name, target, when, until);
    }

    public Rule when(Condition condition) {
        return new Rule(name, target, condition, until);
    }

    public Rule until(Instant expiry) {
        return new Rule(name, target, when, Optional.of(expiry));
    }

    public boolean expiredAt(Instant now) {
        return until.map(expiry -> !now.isBefore(expiry)).orElse(false);
    }
}
