package org.mailpush.policy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's push policy (SPEC M4, S6): rules tried in order — the first that picks a terminal decides —
 * and what the terminals it did not pick get. When no rule picks one, the fail-open fallback applies
 * (SPEC X2, see {@code docs/policy.md}).
 *
 * @param zone       the time zone of the rules' time windows
 * @param others     what terminals not picked get: nothing, or a hint naming where the mail went
 * @param reporting  how presence is learnt: from heartbeats, or by probing on each mail
 * @param escalation when to send a mail that was not acknowledged or read to the next choice
 */
public record Policy(ZoneId zone, List<Rule> rules, Others others, ReportingMode reporting, Optional<Escalation> escalation) {
    /** At most this many rules: enough for anyone, small enough to plan in microseconds. */
    public static final int MAX_RULES = 50;
    /** No rules: every mail goes by the fail-open fallback to all terminals that may be on. */
    public static final Policy FAIL_OPEN_ONLY = new Policy(ZoneOffset.UTC, List.of(), Others.NOTHING);

    public Policy {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(others, "others");
        Objects.requireNonNull(reporting, "reporting");
        Objects.requireNonNull(escalation, "escalation");
        rules = List.copyOf(rules);
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("a policy has at most " + MAX_RULES + " rules, got " + rules.size());
        }
    }

    /** A heartbeat policy without escalation. */
    public Policy(ZoneId zone, List<Rule> rules, Others others) {
        this(zone, rules, others, ReportingMode.HEARTBEAT, Optional.empty());
    }

    public static Policy of(Rule... rules) {
        return new Policy(ZoneOffset.UTC, List.of(rules), Others.NOTHING);
    }

    public Policy withOthers(Others others) {
        return new Policy(zone, rules, others, reporting, escalation);
    }

    public Policy withZone(ZoneId zone) {
        return new Policy(zone, rules, others, reporting, escalation);
    }

    public Policy withReporting(ReportingMode reporting) {
        return new Policy(zone, rules, others, reporting, escalation);
    }

    public Policy withEscalation(Escalation escalation) {
        return new Policy(zone, rules, others, reporting, Optional.of(escalation));
    }

    /** What the terminals a rule did not pick receive. */
    public enum Others {
        NOTHING,
        HINT
    }
}
