package org.mailpush.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Derives a terminal's {@link Presence} from its latest report and the current time (SPEC T2, X2).
 *
 * <p>A fresh report of a terminal that is on means <em>in use</em> when any of these holds: input
 * within {@link PresenceSettings#inputWindow()}, the proximity sensor detects the user, or the
 * body-contact temperature lies in the body-heat band. Otherwise it is <em>idle</em>. Asleep and off
 * are taken as reported. A report older than {@link PresenceSettings#reportTtl()} — or none at all —
 * gives <em>unknown</em>. Times in the future (clock skew) count as "now".
 *
 * <p>Silence is evidence too: a terminal whose link is lost says so in its evidence ("not connected
 * for 3 min"), and once the loss is older than {@link PresenceSettings#linkGrace()} and it has no
 * push channel, it is not {@link Presence#reachable() reachable}, whatever its last report says.
 */
public final class PresenceInference {
    private final PresenceSettings settings;

    public PresenceInference(PresenceSettings settings) {
        this.settings = settings;
    }

    public PresenceSettings settings() {
        return settings;
    }

    public Presence infer(Optional<UsageReport> latest, Instant now) {
        return infer(latest, Reachability.UNKNOWN, now);
    }

    /** The presence from the latest report and what the server knows of the terminal's link and push channels. */
    public Presence infer(Optional<UsageReport> latest, Reachability reachability, Instant now) {
        Presence reported = fromReport(latest, now);
        if (!(reachability.link() instanceof Reachability.Link.NotConnected lost)) {
            return reported;
        }
        Duration away = since(lost.since(), now);
        boolean unreachable = reachability.channels().isEmpty() && away.compareTo(settings.linkGrace()) >= 0;
        List<Evidence> evidence = new ArrayList<>(reported.evidence());
        evidence.add(new Evidence.NotConnected(away, reachability.channels(), unreachable));
        return new Presence(reported.state(), evidence, reported.reportAge(), reported.location(), !unreachable);
    }

    /**
     * The terminal's states over {@code count} slots of {@code slot} from {@code from} on, inferred from
     * its reports (oldest first, as {@link ReportStore#history} gives them) as {@link #infer} would have
     * at the time: for each slot, the most active state seen at its end and at each report within it —
     * in use before idle before asleep before off before unknown — so that a short use shows.
     */
    public List<UsageState> history(List<UsageReport> reports, Instant from, Duration slot, int count) {
        if (slot.isNegative() || slot.isZero() || count < 0) {
            throw new IllegalArgumentException("slots must be positive and their count not negative, got " + count + " of " + slot);
        }
        List<UsageState> states = new ArrayList<>(count);
        int next = 0; // the first report not yet seen
        Optional<UsageReport> current = Optional.empty();
        for (int i = 0; i < count; i++) {
            Instant end = from.plus(slot.multipliedBy(i + 1));
            UsageState busiest = UsageState.UNKNOWN;
            while (next < reports.size() && reports.get(next).reportedAt().isBefore(end)) {
                current = Optional.of(reports.get(next++));
                if (!current.get().reportedAt().isBefore(end.minus(slot))) {
                    busiest = busier(busiest, fromReport(current, current.get().reportedAt()).state());
                }
            }
            states.add(busier(busiest, fromReport(current, end).state()));
        }
        return List.copyOf(states);
    }

    /** The more active of two states: the order of {@link UsageState}, in use first. */
    private static UsageState busier(UsageState a, UsageState b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private Presence fromReport(Optional<UsageReport> latest, Instant now) {
        if (latest.isEmpty()) {
            return new Presence(UsageState.UNKNOWN, List.of(new Evidence.NoReport()), Optional.empty(), Optional.empty());
        }
        UsageReport report = latest.get();
        Duration age = since(report.reportedAt(), now);
        Optional<Duration> reportAge = Optional.of(age);
        if (age.compareTo(settings.reportTtl()) > 0) {
            return new Presence(UsageState.UNKNOWN, List.of(new Evidence.Stale(age)), reportAge, Optional.empty());
        }
        return switch (report.power()) {
            case OFF -> new Presence(UsageState.OFF, List.of(new Evidence.PoweredOff()), reportAge, report.location());
            case ASLEEP -> new Presence(UsageState.ASLEEP, List.of(new Evidence.Asleep()), reportAge, report.location());
            case ON -> whileOn(report, now, reportAge);
        };
    }

    private Presence whileOn(UsageReport report, Instant now, Optional<Duration> reportAge) {
        List<Evidence> inUse = new ArrayList<>();
        List<Evidence> idle = new ArrayList<>();
        Optional<Duration> inputAgo = report.lastInput().map(at -> since(at, now));
        if (inputAgo.isPresent() && inputAgo.get().compareTo(settings.inputWindow()) <= 0) {
            inUse.add(new Evidence.RecentInput(inputAgo.get()));
        } else {
            idle.add(new Evidence.NoRecentInput(inputAgo));
        }
        switch (report.proximity()) {
            case NEAR -> inUse.add(new Evidence.ProximityDetected());
            case AWAY -> idle.add(new Evidence.UserAway());
            case NOT_SENSED -> { }
        }
        report.temperature().ifPresent(t -> {
            if (settings.bodyHeat(t)) {
                inUse.add(new Evidence.BodyHeat(t));
            } else {
                idle.add(new Evidence.NotCarried(t));
            }
        });
        return inUse.isEmpty()
                ? new Presence(UsageState.IDLE, idle, reportAge, report.location())
                : new Presence(UsageState.IN_USE, inUse, reportAge, report.location());
    }

    private static Duration since(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
