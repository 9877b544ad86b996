package org.mailpush.link;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Escalation;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyStore;
import org.mailpush.policy.ReportingMode;
import org.mailpush.presence.ReportStore;
import org.mailpush.push.EscalationStore;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.push.PlanStore;
import org.mailpush.route.DeviceSnapshot;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.Router;
import org.mailpush.user.UserId;

/**
 * Routes stored mail (SPEC S2–S5, X1, X3): gathers the user's terminals and their latest reports —
 * after a probe round in probe mode —, asks the {@link Router} for a plan, keeps the plan, queues the
 * deliveries and sends them. Each step is safe to repeat after a crash: a mail whose plan is kept but
 * whose deliveries are not queued gets them from the kept plan, never from a new one.
 */
public final class Routing {
    /** The stores routing reads and writes. */
    public record Ports(DeviceRegistry devices, ReportStore reports, PolicyStore policies, MailStore mails, PlanStore plans,
            Outbox outbox, EscalationStore escalations) {}

    private final Ports ports;
    private final Router router;
    private final Probes probes;
    private final Terminals terminals;
    private final Courier courier;
    private final InstantSource clock;
    private final Duration probeDeadline;

    Routing(Ports ports, Router router, Probes probes, Terminals terminals, Courier courier, InstantSource clock, Duration probeDeadline) {
        this.ports = ports;
        this.router = router;
        this.probes = probes;
        this.terminals = terminals;
        this.courier = courier;
        this.clock = clock;
        this.probeDeadline = probeDeadline;
    }

    /** Plans and delivers one stored mail, then marks its routing job done. */
    public void route(StoredMail mail) throws InterruptedException {
        UserId owner = mail.owner();
        Policy policy = ports.policies().policyOf(owner).orElse(Policy.FAIL_OPEN_ONLY);
        var kept = ports.plans().firstPlan(owner, mail.id());
        PushPlan plan;
        if (kept.isPresent()) {
            plan = kept.get().plan();
        } else {
            if (policy.reporting() == ReportingMode.PROBE) {
                probes.ask(terminals.ofUser(owner), probeDeadline);
            }
            plan = plan(owner, policy, mail, Set.of());
            ports.plans().save(mail.id(), plan, clock.instant());
        }
        if (!queued(mail.id())) {
            // Scheduled first: a terminal may read the mail, and so cancel the escalation, the moment it is delivered.
            policy.escalation().ifPresent(e -> ports.escalations().schedule(owner, mail.id(), clock.instant().plus(e.after())));
            deliver(plan, mail.id());
        }
        ports.mails().routed(owner, mail.id());
    }

    /**
     * Escalates a mail nobody acknowledged (or read) in time (SPEC X3): the plan is made again without
     * the terminals that already have the mail, and its new choices get it too.
     */
    public void escalate(EscalationStore.Scheduled due) {
        try {
            escalateOnce(due);
        } finally {
            ports.escalations().cancel(due.mail());
        }
    }

    private void escalateOnce(EscalationStore.Scheduled due) {
        var mail = ports.mails().find(due.owner(), due.mail());
        Policy policy = ports.policies().policyOf(due.owner()).orElse(Policy.FAIL_OPEN_ONLY);
        if (mail.isEmpty() || policy.escalation().isEmpty()) {
            return;
        }
        List<OutboxEntry> entries = ports.outbox().ofMail(due.mail());
        boolean settled = policy.escalation().get().unless() == Escalation.Unless.READ
                ? mail.get().flags().seen()
                : entries.stream().anyMatch(e -> e.payload() instanceof Payload.Full && e.acknowledged());
        if (settled || mail.get().flags().deleted()) {
            return;
        }
        Set<DeviceId> haveIt = entries.stream().filter(e -> e.payload() instanceof Payload.Full)
                .map(OutboxEntry::device).collect(Collectors.toSet());
        PushPlan next = plan(due.owner(), policy, mail.get(), haveIt);
        if (next.devicesWith(PushAction.FULL).isEmpty()) {
            return;
        }
        ports.plans().save(due.mail(), next, clock.instant());
        List<OutboxEntry.Addressed> deliveries = next.devicesWith(PushAction.FULL).stream()
                .map(id -> new OutboxEntry.Addressed(id, new Payload.Full(due.mail())))
                .toList();
        ports.outbox().append(deliveries, clock.instant());
        deliveries.forEach(d -> courier.flush(d.device()));
    }

    /** Runs every escalation that is due. */
    void escalateDue() {
        ports.escalations().dueBy(clock.instant()).forEach(this::escalate);
    }

    private PushPlan plan(UserId owner, Policy policy, StoredMail mail, Set<DeviceId> without) {
        List<DeviceSnapshot> snapshots = ports.devices().devicesOf(owner).stream()
                .filter(device -> !without.contains(device.id()))
                .map(device -> new DeviceSnapshot(device, ports.reports().latest(device.id())))
                .toList();
        Instant now = clock.instant();
        return router.plan(owner, snapshots, policy, mail.summary(), now);
    }

    private boolean queued(MailId mail) {
        return ports.outbox().ofMail(mail).stream()
                .anyMatch(e -> e.payload() instanceof Payload.Full || e.payload() instanceof Payload.Hint);
    }

    private void deliver(PushPlan plan, MailId mail) {
        List<OutboxEntry.Addressed> deliveries = new ArrayList<>();
        plan.targets().forEach(target -> {
            switch (target.action()) {
                case FULL -> deliveries.add(new OutboxEntry.Addressed(target.device(), new Payload.Full(mail)));
                case HINT -> deliveries.add(new OutboxEntry.Addressed(target.device(), new Payload.Hint(mail, target.pushedTo())));
                case NONE -> { }
            }
        });
        ports.outbox().append(deliveries, clock.instant());
        deliveries.forEach(d -> courier.flush(d.device()));
    }
}
