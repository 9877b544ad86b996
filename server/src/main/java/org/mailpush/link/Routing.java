package org.mailpush.link;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.PushChannels;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.Escalation;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyStore;
import org.mailpush.policy.ReportingMode;
import org.mailpush.presence.ReportStore;
import org.mailpush.presence.UsageReport;
import org.mailpush.push.EscalationStore;
import org.mailpush.push.Outbox;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.Payload;
import org.mailpush.push.PlanStore;
import org.mailpush.push.RoutingStore;
import org.mailpush.route.DeviceSnapshot;
import org.mailpush.route.PushAction;
import org.mailpush.route.PushPlan;
import org.mailpush.route.PushTarget;
import org.mailpush.route.Router;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes stored mail (SPEC S2–S5, X1, X3): gathers the user's terminals and their latest reports —
 * after a probe round in probe mode —, asks the {@link Router} for a plan, keeps the plan with the
 * deliveries it makes and the end of the mail's routing job in one step ({@link RoutingStore}), and
 * sends them. A crash before that step leaves the mail pending, with nothing kept, to be routed anew;
 * after it, the deliveries are in the outbox and go out as the terminals connect.
 */
public final class Routing {
    private static final Logger LOG = LoggerFactory.getLogger(Routing.class);
    /** The stores routing reads and writes. */
    public record Ports(DeviceRegistry devices, ReportStore reports, PolicyStore policies, MailStore mails, PlanStore plans,
            Outbox outbox, EscalationStore escalations, RoutingStore routings, PushChannels channels) {}

    private final Ports ports;
    private final Router router;
    private final Probes probes;
    private final Terminals terminals;
    private final Courier courier;
    private final Optional<Wakes> wakes;
    private final InstantSource clock;
    private final Duration probeDeadline;

    /** @param wakes how sleeping terminals are woken (SPEC M6); empty where Wake-on-LAN is not configured */
    Routing(Ports ports, Router router, Probes probes, Terminals terminals, Courier courier, Optional<Wakes> wakes, InstantSource clock,
            Duration probeDeadline) {
        this.ports = ports;
        this.router = router;
        this.probes = probes;
        this.terminals = terminals;
        this.courier = courier;
        this.wakes = wakes;
        this.clock = clock;
        this.probeDeadline = probeDeadline;
    }

    /**
     * Plans one stored mail, keeps the plan and its deliveries, and sends them; nothing for a mail routed already.
     * At DEBUG, one line per mail says how long each stage took ({@code docs/benchmarks.md} reads it).
     */
    public void route(StoredMail mail) throws InterruptedException {
        long begun = System.nanoTime();
        UserId owner = mail.owner();
        Policy policy = ports.policies().policyOf(owner).orElse(Policy.FAIL_OPEN_ONLY);
        if (policy.reporting() == ReportingMode.PROBE) {
            probes.ask(owner, terminals.ofUser(owner), probeDeadline);
        }
        Instant now = clock.instant();
        PushPlan plan = plan(owner, policy, mail, Set.of(), now);
        // The escalation is kept with the deliveries: a terminal may read the mail, and so cancel it, the moment it has it.
        Optional<Instant> escalation = policy.escalation().map(e -> now.plus(e.after()));
        long planned = System.nanoTime();
        var kept = ports.routings().keep(new RoutingStore.Routed(owner, mail.id(), plan, deliveries(plan, mail.id()), escalation, now));
        long keptAt = System.nanoTime();
        kept.ifPresent(entries -> {
            wake(owner, mail.id(), plan);
            send(entries);
        });
        if (LOG.isDebugEnabled()) {
            LOG.debug("mail {} routed: begun at {} ns, plan {} µs, keep {} µs, push {} µs", mail.id().value(), begun,
                    (planned - begun) / 1000, (keptAt - planned) / 1000, (System.nanoTime() - keptAt) / 1000);
        }
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
        replanWithout(policy, mail.get(), haveFull(entries), Optional.empty());
    }

    /**
     * A terminal that its push channels could not reach is left out: the plan is made again without it
     * and without the terminals that have the mail, and its new choices get the mail too, as in an
     * escalation. The terminal keeps its delivery for when it connects.
     *
     * @param why why the terminal was not reached, for the plan's trail ("woken by Wake-on-LAN, no hello
     *            within 20 s"); empty when its push channels say so in the log
     */
    void fallOver(UserId owner, MailId mailId, DeviceId unreached, Optional<String> why) {
        var mail = ports.mails().find(owner, mailId);
        if (mail.isEmpty() || mail.get().flags().deleted()) {
            return;
        }
        Set<DeviceId> without = new HashSet<>(haveFull(ports.outbox().ofMail(mailId)));
        without.add(unreached);
        Optional<String> note = why.map(reason -> ports.devices().find(unreached).map(Device::name).orElse(unreached.value()) + ": " + reason);
        replanWithout(ports.policies().policyOf(owner).orElse(Policy.FAIL_OPEN_ONLY), mail.get(), without, note);
    }

    /**
     * A terminal woken for a mail said hello, and gets the mail on its link: the plan that chose it is
     * kept again with that in its reasons ("desk: woken by Wake-on-LAN at 10:02:03, delivered on its link").
     */
    void woke(UserId owner, MailId mail, DeviceId device, Instant signalled) {
        String at = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(signalled);
        note(owner, mail, device, "woken by Wake-on-LAN at " + at + ", delivered on its link");
    }

    /**
     * Adds how the mail reached the terminal to the reasons of the mail's latest plan: "phone: FULL by APNs".
     * One note at a time, so that two terminals reached at once both stay in the plan.
     */
    synchronized void note(UserId owner, MailId mail, DeviceId device, String how) {
        var plans = ports.plans().plansOf(owner, mail);
        if (plans.isEmpty()) {
            return;
        }
        PushPlan plan = plans.getLast().plan();
        List<PushTarget> targets = plan.targets().stream()
                .map(t -> t.device().equals(device)
                        ? new PushTarget(t.device(), t.deviceName(), t.action(), t.address(), t.state(), t.reason() + "; " + how, t.pushedTo())
                        : t)
                .toList();
        String name = ports.devices().find(device).map(Device::name).orElse(device.value());
        List<String> trail = new ArrayList<>(plan.trail());
        trail.add(name + ": " + how);
        ports.plans().save(mail, new PushPlan(plan.user(), plan.decidedBy(), targets, trail), clock.instant());
    }

    private static Set<DeviceId> haveFull(List<OutboxEntry> entries) {
        return entries.stream().filter(e -> e.payload() instanceof Payload.Full).map(OutboxEntry::device).collect(Collectors.toSet());
    }

    /**
     * Plans the mail again without these terminals, keeps the plan and sends its FULL choices the mail;
     * a note on why ends the plan's trail, with where the mail went: "…; fell over to phone".
     */
    private void replanWithout(Policy policy, StoredMail mail, Set<DeviceId> without, Optional<String> note) {
        Instant now = clock.instant();
        PushPlan next = plan(mail.owner(), policy, mail, without, now);
        if (next.devicesWith(PushAction.FULL).isEmpty()) {
            return;
        }
        if (note.isPresent()) {
            String to = String.join(", ", next.withAction(PushAction.FULL).stream().map(PushTarget::deviceName).toList());
            List<String> trail = new ArrayList<>(next.trail());
            trail.add(note.get() + "; fell over to " + to);
            next = new PushPlan(next.user(), next.decidedBy(), next.targets(), trail);
        }
        ports.plans().save(mail.id(), next, now);
        List<OutboxEntry.Addressed> deliveries = next.devicesWith(PushAction.FULL).stream()
                .map(id -> new OutboxEntry.Addressed(id, new Payload.Full(mail.id())))
                .toList();
        List<OutboxEntry> appended = ports.outbox().append(deliveries, now);
        wake(mail.owner(), mail.id(), next);
        send(appended);
    }

    /** Wakes the plan's FULL choices that sleep, where they can be woken (SPEC M6). */
    private void wake(UserId owner, MailId mail, PushPlan plan) {
        wakes.ifPresent(w -> plan.withAction(PushAction.FULL)
                .forEach(target -> w.wakeIfAsleep(owner, mail, target, terminals.reachability(target.device(), List.of()).link())));
    }

    /** Runs every escalation that is due. */
    void escalateDue() {
        ports.escalations().dueBy(clock.instant()).forEach(this::escalate);
    }

    private PushPlan plan(UserId owner, Policy policy, StoredMail mail, Set<DeviceId> without, Instant now) {
        List<Device> devices = ports.devices().devicesOf(owner).stream().filter(device -> !without.contains(device.id())).toList();
        List<DeviceId> ids = devices.stream().map(Device::id).toList();
        Map<DeviceId, UsageReport> reports = ports.reports().latest(ids);
        Map<DeviceId, List<PushChannels.Listed>> channels = ports.channels().listed(ids);
        List<DeviceSnapshot> snapshots = devices.stream()
                .map(device -> new DeviceSnapshot(device, Optional.ofNullable(reports.get(device.id())),
                        terminals.reachability(device.id(), reachedBy(device, channels.getOrDefault(device.id(), List.of())))))
                .toList();
        return router.plan(owner, snapshots, policy, mail.summary(), now);
    }

    /** How a terminal without its link can be reached: its working push channels, and Wake-on-LAN where it has a MAC address and waking is on. */
    private List<String> reachedBy(Device device, List<PushChannels.Listed> channels) {
        boolean wakeable = wakes.isPresent() && device.addresses().stream().anyMatch(a -> a instanceof DeviceAddress.MacAddress);
        List<String> words = words(channels);
        return wakeable ? Stream.concat(words.stream(), Stream.of("Wake-on-LAN")).toList() : words;
    }

    /** The kinds of the working channels, as reasons name them: "Web Push". */
    static List<String> words(List<PushChannels.Listed> channels) {
        return channels.stream().filter(PushChannels.Listed::working).map(c -> c.channel().kind().word()).distinct().toList();
    }

    private static List<OutboxEntry.Addressed> deliveries(PushPlan plan, MailId mail) {
        List<OutboxEntry.Addressed> deliveries = new ArrayList<>();
        for (PushTarget target : plan.targets()) {
            switch (target.action()) {
                case FULL -> deliveries.add(new OutboxEntry.Addressed(target.device(), new Payload.Full(mail)));
                case HINT -> deliveries.add(new OutboxEntry.Addressed(target.device(), new Payload.Hint(mail, target.pushedTo())));
                case NONE -> { }
            }
        }
        return deliveries;
    }

    /**
     * Sends the deliveries, the terminals that get the whole mail first, then the others (the hints)
     * together, a virtual thread each: each terminal's turn is a few store round trips, and neither
     * the terminal in use nor a hint should wait for the hints before it. Returns once every turn
     * is done; the first failure is thrown then (the deliveries are kept: the resend timer tries again).
     */
    private void send(List<OutboxEntry> entries) {
        List<DeviceId> whole = entries.stream().filter(e -> e.payload() instanceof Payload.Full).map(OutboxEntry::device).distinct().toList();
        List<DeviceId> others = entries.stream().map(OutboxEntry::device).distinct().filter(device -> !whole.contains(device)).toList();
        whole.forEach(courier::flush);
        if (others.size() < 2) {
            others.forEach(courier::flush);
            return;
        }
        try (var turns = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = others.stream().<Future<?>>map(device -> turns.submit(() -> courier.flush(device))).toList();
            for (Future<?> turn : sent) {
                waitFor(turn);
            }
        }
    }

    private static void waitFor(Future<?> turn) {
        try {
            turn.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing a mail", e);
        }
    }
}
