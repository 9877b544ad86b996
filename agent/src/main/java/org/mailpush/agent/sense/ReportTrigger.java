package org.mailpush.agent.sense;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.mailpush.agent.config.SensingConfig;
import org.mailpush.presence.Location;
import org.mailpush.presence.UsageReport;

/**
 * Which changes are worth a report (SPEC T5a, X7): the server infers "in use" from the last report,
 * so the agent reports only what would change that inference —
 * <ul>
 *   <li>power or proximity changed;</li>
 *   <li>input: the user came back (input after what the server knows, by at least half the input
 *       window), or the server's idea of the last input is about to age out while the user is still
 *       active — at most two reports per input window while the user works, none while idle;</li>
 *   <li>temperature crossed the "carried" band, or appeared or vanished;</li>
 *   <li>location appeared, vanished, or moved at least the minimum move.</li>
 * </ul>
 * Anything else waits for the heartbeat.
 */
public final class ReportTrigger {
    private final Duration inputWindow;
    private final Optional<SensingConfig.Heat> band;
    private final double minimumMove;

    public ReportTrigger(Duration inputWindow, Optional<SensingConfig.Heat> band, double minimumMove) {
        this.inputWindow = inputWindow;
        this.band = band;
        this.minimumMove = minimumMove;
    }

    /** Whether {@code now} differs from what was last sent in a way the server should learn at once. */
    public boolean worthReporting(UsageReport sent, UsageReport now) {
        return sent.power() != now.power()
                || sent.proximity() != now.proximity()
                || input(sent.lastInput(), now.lastInput(), now.reportedAt())
                || heat(sent, now)
                || moved(sent.location(), now.location());
    }

    private boolean input(Optional<Instant> sent, Optional<Instant> now, Instant at) {
        if (now.isEmpty()) {
            return false;
        }
        if (sent.isEmpty() || now.get().isBefore(sent.get())) {
            return true;
        }
        boolean recent = !now.get().isBefore(at.minus(inputWindow));
        boolean newer = Duration.between(sent.get(), now.get()).compareTo(inputWindow.dividedBy(2)) >= 0;
        return recent && newer;
    }

    private boolean heat(UsageReport sent, UsageReport now) {
        if (sent.temperature().isPresent() != now.temperature().isPresent()) {
            return true;
        }
        if (sent.temperature().isEmpty() || band.isEmpty()) {
            return false;
        }
        return band.get().carried(sent.temperature().get()) != band.get().carried(now.temperature().get());
    }

    private boolean moved(Optional<Location> sent, Optional<Location> now) {
        if (sent.isPresent() != now.isPresent()) {
            return true;
        }
        return sent.isPresent() && sent.get().distanceMetres(now.get()) >= Math.max(minimumMove, 1e-9);
    }
}
