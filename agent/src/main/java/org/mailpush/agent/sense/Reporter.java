package org.mailpush.agent.sense;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.UsageReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to report (SPEC T5a, X7): when the agent looks at its sensors it sends a report only
 * when the {@link ReportTrigger} says a change is worth it, or when nothing was sent for the
 * server's heartbeat interval; on (re)connect and on power changes at once. Not thread-safe: the
 * agent calls it from one thread.
 */
public final class Reporter {
    private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

    private final Sensing sensing;
    private final ReportTrigger trigger;
    private final InstantSource clock;
    private final ReportSink sink;
    private Duration heartbeat = Duration.ofMinutes(10);
    private PowerState power = PowerState.ON;
    private UsageReport lastSent;
    private Instant lastSentAt;

    public Reporter(Sensing sensing, ReportTrigger trigger, InstantSource clock, ReportSink sink) {
        this.sensing = sensing;
        this.trigger = trigger;
        this.clock = clock;
        this.sink = sink;
    }

    /** Reads the sensors and reports if a change is worth it or the heartbeat is due; returns the reading. */
    public UsageReport look() {
        Instant now = clock.instant();
        UsageReport report = sensing.read(now, power);
        boolean due = lastSent == null || !now.isBefore(lastSentAt.plus(heartbeat));
        if (due || trigger.worthReporting(lastSent, report)) {
            send(report, now);
        }
        return report;
    }

    /** The server welcomed the agent: adopt its heartbeat and report at once. */
    public void connected(Duration heartbeat) {
        this.heartbeat = heartbeat;
        Instant now = clock.instant();
        send(sensing.read(now, power), now);
    }

    /** Going to sleep, waking, shutting down: reported at once. */
    public void power(PowerState state) {
        if (state != power) {
            LOG.info("power: {}", state.name().toLowerCase(java.util.Locale.ROOT));
            power = state;
            Instant now = clock.instant();
            send(sensing.read(now, power), now);
        }
    }

    /** A fresh reading for a probe's answer; the server records it as the latest report. */
    public UsageReport probe() {
        Instant now = clock.instant();
        UsageReport report = sensing.read(now, power);
        lastSent = report;
        lastSentAt = now;
        return report;
    }

    /** The report last sent, if any. */
    public Optional<UsageReport> lastSent() {
        return Optional.ofNullable(lastSent);
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    private void send(UsageReport report, Instant now) {
        if (sink.send(report)) {
            lastSent = report;
            lastSentAt = now;
        }
    }
}
