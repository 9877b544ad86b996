package org.mailpush.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.RoutingStore;
import org.mailpush.route.Decision;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing store, timed: each mail's plan kept is the end of its routing, from its acceptance
 * ({@code mailpush_routing_seconds}); and the one log line per mail, at INFO, with its id, user, plan
 * outcome and latency: {@code mail 42 of alice: full to laptop, hint to phone (rule 1 at-desk); routed
 * 12 ms after acceptance}. In JSON logs the same values are keys of their own.
 */
final class RoutingMeter implements RoutingStore {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingMeter.class);

    private final RoutingStore store;
    private final Acceptances acceptances;
    private final Timer routing;
    private final Counter queued;
    private final InstantSource clock;

    RoutingMeter(RoutingStore store, Acceptances acceptances, MeterRegistry registry, InstantSource clock) {
        this.store = store;
        this.acceptances = acceptances;
        this.clock = clock;
        this.routing = Metrics.timer("mailpush.routing", "from a mail's acceptance to its plan kept and its deliveries queued")
                .register(registry);
        this.queued = OutboxMeter.deliveries("queued", "none", registry);
    }

    @Override
    public Optional<List<OutboxEntry>> keep(Routed routed) {
        Optional<List<OutboxEntry>> kept = store.keep(routed);
        kept.ifPresent(entries -> {
            acceptances.queued(entries);
            queued.increment(entries.size());
            Optional<Instant> accepted = acceptances.acceptedAt(routed.mail());
            Optional<Duration> latency = accepted.map(at -> Duration.between(at, clock.instant()));
            latency.ifPresent(routing::record);
            String outcome = outcome(routed.plan());
            LOG.atInfo()
                    .addKeyValue("mail", routed.mail().toString())
                    .addKeyValue("user", routed.owner().value())
                    .addKeyValue("outcome", outcome)
                    .addKeyValue("latencyMs", latency.map(Duration::toMillis).orElse(null))
                    .log("mail {} of {}: {}; {}", routed.mail(), routed.owner(), outcome,
                            latency.map(d -> "routed " + d.toMillis() + " ms after acceptance").orElse("accepted before this start"));
        });
        return kept;
    }

    /** What the plan gives whom, and the rule that decided: "full to laptop, hint to phone (rule 1 at-desk)". */
    static String outcome(PushPlan plan) {
        String given = List.of(PushAction.FULL, PushAction.HINT).stream()
                .filter(action -> !plan.withAction(action).isEmpty())
                .map(action -> action.name().toLowerCase(java.util.Locale.ROOT) + " to "
                        + plan.withAction(action).stream().map(PushTarget::deviceName).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(", "));
        String decided = switch (plan.decidedBy()) {
            case Decision.ByRule rule -> "rule " + rule.number() + " " + rule.name();
            case Decision.FailOpen failOpen -> "fail-open";
            case Decision.NoReceiver none -> "no receiver";
        };
        return (given.isEmpty() ? "held for no terminal" : given) + " (" + decided + ")";
    }
}
