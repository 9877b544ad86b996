package org.mailpush.presence;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A terminal's inferred usage state with the evidence for it.
 *
 * @param reportAge how old the report behind it is; empty when there was none
 * @param location  where the terminal is, from a report that is still fresh
 */
public record Presence(UsageState state, List<Evidence> evidence, Optional<Duration> reportAge, Optional<Location> location) {
    public Presence {
        Objects.requireNonNull(state, "state");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(reportAge, "reportAge");
        Objects.requireNonNull(location, "location");
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a presence needs at least one piece of evidence");
        }
    }

    /** The evidence as one phrase: "input 12 s ago, 36.4 °C (carried)". */
    public String describe() {
        if (evidence.size() == 1) {
            return evidence.get(0).describe();
        }
        var phrase = new StringJoiner(", ");
        evidence.forEach(e -> phrase.add(e.describe()));
        return phrase.toString();
    }
}
