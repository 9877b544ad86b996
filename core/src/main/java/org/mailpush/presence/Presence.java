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
 * @param reachable whether the server can reach the terminal now: its link is connected, or lost for
 *                  less than the grace, or it has a push channel ({@link Reachability})
 */
public record Presence(
        UsageState state, List<Evidence> evidence, Optional<Duration> reportAge, Optional<Location> location, boolean reachable) {
    public Presence {
        Objects.requireNonNull(state, "state");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(reportAge, "reportAge");
        Objects.requireNonNull(location, "location");
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a presence needs at least one piece of evidence");
        }
    }

    /** A presence of a terminal whose reachability is not known, and so is not held against it. */
    public Presence(UsageState state, List<Evidence> evidence, Optional<Duration> reportAge, Optional<Location> location) {
        this(state, evidence, reportAge, location, true);
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
