package org.mailpush.link;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.PushChannel;
import org.mailpush.device.PushChannels;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.PolicyStore;
import org.mailpush.presence.Reachability;
import org.mailpush.presence.ReportStore;
import org.mailpush.push.EscalationStore;
import org.mailpush.push.Outbox;
import org.mailpush.push.PlanStore;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.mailpush.push.RoutingStore;
import org.mailpush.push.Waker;
import org.mailpush.route.Router;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal link and push, assembled (SPEC T3–T6, S2–S6, M7, X1–X3, X6): routing of new mail,
 * the per-terminal outbox, the connections and their HTTP endpoints, and the timers that re-send
 * unacknowledged deliveries, escalate, and drop connections that never said hello.
 */
public final class Link implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Link.class);
    /** Users whose mail is routed at once; probe rounds wait, so routing runs on virtual threads. */
    private static final int CONCURRENT_ROUTES = 256;
    private static final int RETRY_BATCH = 1000;
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);
    /** How often the wakes in flight are checked for a window that has passed; cheap, as there are few. */
    private static final Duration WAKE_CHECK = Duration.ofMillis(250);

    /** Every store the link uses. */
    public record Stores(DeviceRegistry devices, DeviceTokens tokens, ReportStore reports, PolicyStore policies, MailStore mails,
            PlanStore plans, Outbox outbox, EscalationStore escalations, RoutingStore routings, PushChannels channels,
            org.mailpush.policy.PolicyFromTerminals policyFromTerminals) {
        /** Stores whose users all let their terminals set the policy. */
        public Stores(DeviceRegistry devices, DeviceTokens tokens, ReportStore reports, PolicyStore policies, MailStore mails,
                PlanStore plans, Outbox outbox, EscalationStore escalations, RoutingStore routings, PushChannels channels) {
            this(devices, tokens, reports, policies, mails, plans, outbox, escalations, routings, channels,
                    new org.mailpush.policy.InMemoryPolicyFromTerminals());
        }
    }

    /**
     * How terminals without a link are reached: the push channels' transport, how long a push service
     * keeps a notice for a terminal that is away, and why a channel a terminal registers cannot be
     * used (an empty string when it can).
     */
    public record Pushing(PushTransport transport, Duration ttl, Function<PushChannel, String> refusal, Waking waking) {
        /** No push transport: every channel is refused, and every push fails, so a mail falls over to the plan's next choice. */
        public static final Pushing NONE = new Pushing(
                (channel, message) -> CompletableFuture.completedFuture(new PushOutcome.Failed("no push transport")), Duration.ofHours(24),
                channel -> "no push transport is configured");

        /** Push channels, and no Wake-on-LAN. */
        public Pushing(PushTransport transport, Duration ttl, Function<PushChannel, String> refusal) {
            this(transport, ttl, refusal, Waking.NONE);
        }
    }

    /**
     * How sleeping terminals are woken (SPEC M6, docs/transports.md "Wake-on-LAN").
     *
     * @param waker  sends the wake signal
     * @param window how long a mail waits for the woken terminal's hello before it falls over
     * @param grace  a terminal whose link has been lost this long is woken too, whatever it last reported
     *               (the presence link grace)
     */
    public record Waking(Waker waker, Duration window, Duration grace) {
        /** Wakes nothing: a sleeping terminal gets its mail when it next connects. */
        public static final Waking NONE = new Waking(Waker.NONE, Duration.ofSeconds(20), Duration.ofSeconds(30));

        public Waking {
            Objects.requireNonNull(waker, "waker");
            if (window.isNegative() || window.isZero() || grace.isNegative()) {
                throw new IllegalArgumentException("the wake window must be positive and the grace not negative, got " + window
                        + " and " + grace);
            }
        }

        boolean wakes() {
            return waker != Waker.NONE;
        }
    }

    private final Stores stores;
    private final Peers peers;
    private final Terminals terminals;
    private final Routing mailRouting;
    private final Courier courier;
    private final Probes probes;
    private final LinkEndpoints endpoints;
    private final LinkService service;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private final ExecutorService routes = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore routeSlots = new Semaphore(CONCURRENT_ROUTES);
    /** Each user's mails waiting to be routed, in the order submitted; guarded by itself. */
    private final Map<UserId, ArrayDeque<StoredMail>> queued = new HashMap<>();
    /** Mails being routed right now, so that the retry sweep leaves them alone. */
    private final Set<MailId> inFlight = ConcurrentHashMap.newKeySet();
    /** What the connections have queued for their terminals and not yet written. */
    private final Backlog.Tally backlogs;
    /** The most mails of one user {@link #queued} holds (link.max-routing-queue). */
    private final int maxRoutingQueue;
    /**
     * Users with mail left pending because their queue was full; guarded by {@link #queued}. Their new
     * mail waits in the store too, until the retry sweep has queued everything older, so that it never
     * overtakes what was left behind.
     */
    private final Set<UserId> overflowed = new java.util.HashSet<>();
    /**
     * Whether the store may hold pending mail beyond the last sweep's batch (after a long stop, say);
     * guarded by {@link #queued}. New mail then waits in the store too, behind it, for the sweeps.
     */
    private boolean backlogged;

    /**
     * @param flagListener told of every flag change a terminal makes (separate mode writes it back upstream)
     */
    public Link(Stores stores, Router router, InstantSource clock, LinkSettings settings, Pushing pushing,
            BiConsumer<UserId, StoredMail> flagListener) {
        this(stores, router, clock, settings, pushing, flagListener, new SingleNode(stores.mails()));
    }

    /**
     * A link that is one node of a cluster.
     *
     * @param flagListener told of every flag change a terminal makes (separate mode writes it back upstream)
     * @param peers        the other nodes; what they ask of this one goes to {@link #here()}
     */
    public Link(Stores stores, Router router, InstantSource clock, LinkSettings settings, Pushing pushing,
            BiConsumer<UserId, StoredMail> flagListener, Peers peers) {
        this.stores = stores;
        this.peers = peers;
        this.backlogs = new Backlog.Tally(settings.maxTotalQueuedBytes());
        this.maxRoutingQueue = settings.maxRoutingQueue();
        Wakes wakes = new Wakes(pushing.waking(), stores.devices(), clock, new Wakes.Listener() {
            @Override
            public void woke(UserId owner, MailId mail, DeviceId device, java.time.Instant signalled) {
                mailRouting.woke(owner, mail, device, signalled);
            }

            @Override
            public void slept(UserId owner, MailId mail, DeviceId device, String why) {
                mailRouting.fallOver(owner, mail, device, Optional.of(why));
            }
        });
        this.terminals = new Terminals(clock, wakes::hello, peers);
        var away = new ChannelCourier(stores.outbox(), stores.mails(), stores.devices(), stores.channels(), pushing.transport(),
                new ChannelCourier.Outcomes() {
                    @Override
                    public void unreached(UserId owner, MailId mail, DeviceId device) {
                        mailRouting.fallOver(owner, mail, device, Optional.empty());
                    }

                    @Override
                    public void reached(UserId owner, MailId mail, DeviceId device, String how) {
                        mailRouting.note(owner, mail, device, how);
                    }
                }, clock, pushing.ttl());
        Courier courier = new Courier(stores.outbox(), stores.mails(), stores.devices(), stores.policies(), terminals, clock, settings,
                away, peers);
        this.courier = courier;
        Probes probes = new Probes(stores.reports(), peers);
        this.probes = probes;
        MailboxSync mailbox = new MailboxSync(stores.mails(), stores.outbox(), stores.devices(), stores.escalations(), courier,
                clock, flagListener::accept);
        this.mailRouting = new Routing(new Routing.Ports(stores.devices(), stores.reports(), stores.policies(), stores.mails(),
                stores.plans(), stores.outbox(), stores.escalations(), stores.routings(), stores.channels()),
                router, probes, terminals, courier, pushing.waking().wakes() ? Optional.of(wakes) : Optional.empty(), clock,
                settings.probeDeadline());
        this.service = new LinkService(new LinkService.Ports(stores.devices(), stores.tokens(), stores.reports(),
                stores.policies(), stores.outbox(), stores.channels(), stores.policyFromTerminals()), terminals, courier, probes, mailbox, clock, settings,
                pushing.refusal());
        this.endpoints = new LinkEndpoints(service, terminals, stores.tokens(), stores.devices(), stores.mails(), settings,
                backlogs);
        long resendMillis = Math.max(100, settings.ackTimeout().toMillis() / 2);
        timers.scheduleWithFixedDelay(guarded(courier::resendOverdue), resendMillis, resendMillis, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(guarded(mailRouting::escalateDue), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(guarded(wakes::expire), WAKE_CHECK.toMillis(), WAKE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        long sweepMillis = peers.sweep().toMillis();
        timers.scheduleWithFixedDelay(guarded(this::retryPending), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        if (peers.clustered()) {
            // A signal from another node that was lost: what is due to the terminals here goes out by the next sweep.
            timers.scheduleWithFixedDelay(guarded(courier::flushAll), sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        }
        timers.scheduleWithFixedDelay(guarded(() -> terminals.closeSilentSince(clock.instant().minus(settings.helloTimeout()))),
                1, 1, TimeUnit.SECONDS);
    }

    /** No other nodes: the peers of a server on its own, routing every mail of {@code mails}. */
    public static Peers singleNode(MailStore mails) {
        return new SingleNode(mails);
    }

    /** The HTTP routes of the link, to register on the API server. */
    public Consumer<JavalinConfig> endpoints() {
        return endpoints;
    }

    /**
     * Routes a newly stored mail in the background. Each user's mails are routed one after another,
     * in the order they were submitted — the order they were accepted — so that a terminal's sequence
     * numbers follow that order even when one mail's routing waits (a probe round, a slow store);
     * different users' mails are routed at once, up to {@value #CONCURRENT_ROUTES} users. At most
     * link.max-routing-queue mails of one user wait here; past that a mail stays pending in the store,
     * as does the user's newer mail, until the retry sweep takes them up in order.
     */
    public void submit(StoredMail mail) {
        submit(mail, false);
    }

    /** @param sweeping whether the retry sweep submits it, in the order the store keeps pending mail */
    private boolean submit(StoredMail mail, boolean sweeping) {
        if (!inFlight.add(mail.id())) {
            return true;
        }
        boolean first;
        synchronized (queued) {
            ArrayDeque<StoredMail> queue = queued.computeIfAbsent(mail.owner(), owner -> new ArrayDeque<>());
            if (queue.size() >= maxRoutingQueue || !sweeping && (backlogged || overflowed.contains(mail.owner()))) {
                if (queue.isEmpty()) {
                    queued.remove(mail.owner());
                }
                if (overflowed.add(mail.owner())) {
                    LOG.warn("{} has {} mails waiting to be routed (link.max-routing-queue); newer ones wait in the store "
                            + "for the retry sweep", mail.owner(), queue.size());
                }
                inFlight.remove(mail.id());
                return false;
            }
            queue.add(mail);
            first = queue.size() == 1;
        }
        if (first) {
            routeSlots.acquireUninterruptibly();
            routes.execute(() -> routeInTurn(mail.owner()));
        }
        return true;
    }

    /** How many mails wait in memory to be routed, over all users. */
    int waitingForRouting() {
        synchronized (queued) {
            return queued.values().stream().mapToInt(ArrayDeque::size).sum();
        }
    }

    /** Routes the user's queued mails, oldest first, until none is left. */
    private void routeInTurn(UserId owner) {
        try {
            while (true) {
                StoredMail mail;
                synchronized (queued) {
                    mail = queued.get(owner).peek();
                }
                route(mail);
                synchronized (queued) {
                    ArrayDeque<StoredMail> queue = queued.get(owner);
                    queue.poll();
                    if (queue.isEmpty()) {
                        queued.remove(owner);
                        return;
                    }
                }
            }
        } finally {
            routeSlots.release();
        }
    }

    private void route(StoredMail mail) {
        try {
            if (!peers.claim(mail)) {
                return;
            }
            mailRouting.route(mail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The routing job stays pending in the store; the retry sweep takes it up again.
            LOG.error("routing mail {} of {} failed", mail.id(), mail.owner(), e);
        } finally {
            inFlight.remove(mail.id());
        }
    }

    /**
     * Routes every mail whose routing job is still pending, e.g. after a crash: {@value #RETRY_BATCH}
     * at a time, the oldest first, each batch read when the one before is queued, so that a long
     * backlog is never read into memory at once.
     */
    public void recover() {
        int pending = retryPending();
        if (pending > 0) {
            LOG.info("routing the mail accepted before the last stop: {}{}", pending, pending < RETRY_BATCH ? "" : " and more");
        }
    }

    /**
     * Takes up routing jobs that failed (a store outage, say) or were left in the store, and are not
     * being routed now; when there may be more than one batch, sweeps again a second later.
     *
     * @return how many pending mails the batch held
     */
    int retryPending() {
        List<StoredMail> pending = peers.claimPending(RETRY_BATCH);
        Set<UserId> leftBehind = new java.util.HashSet<>();
        for (StoredMail mail : pending) {
            if (!inFlight.contains(mail.id()) && (leftBehind.contains(mail.owner()) || !submit(mail, true))) {
                leftBehind.add(mail.owner());
            }
        }
        synchronized (queued) {
            if (pending.size() < RETRY_BATCH) {
                // Every pending mail was seen: a user none of whose mail was left behind has all of it queued.
                overflowed.retainAll(leftBehind);
                backlogged = false;
            } else {
                backlogged = true;
            }
        }
        if (pending.size() >= RETRY_BATCH) {
            try {
                timers.schedule(guarded(this::retryPending), 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the link is closing: the next start recovers the rest
            }
        }
        return pending.size();
    }

    /**
     * Replaces a user's policy, as {@code policy.set} from a terminal does, and delivers it to every
     * terminal of the user (SPEC S6: the policy set from a web page).
     */
    public void setPolicy(UserId user, org.mailpush.policy.Policy policy) {
        service.setPolicy(user, policy);
    }

    /** A terminal its push channels did not reach: its mail falls over to the plan's next choice (the courier runs after construction). */
    /** Closes a device's connection at once, e.g. when it is revoked. */
    public void disconnect(DeviceId device) {
        if (terminals.connected(device)) {
            terminals.disconnect(device, Closing.REVOKED);
        } else {
            peers.disconnect(device);
        }
    }

    /** What this node does when another node of the cluster asks ({@link Peers}). */
    public Peers.Here here() {
        return new Peers.Here() {
            @Override
            public void deliveryDue(DeviceId device) {
                terminals.session(device).ifPresent(courier::flush);
            }

            @Override
            public java.util.Map<DeviceId, org.mailpush.presence.UsageReport> probe(UserId user, Duration deadline)
                    throws InterruptedException {
                return probes.askHere(terminals.ofUser(user), deadline);
            }

            @Override
            public void disconnect(DeviceId device) {
                terminals.disconnect(device, Closing.REVOKED);
            }
        };
    }

    /** How many connections have not said hello yet. */
    int connectionsBeforeHello() {
        return terminals.unidentifiedCount();
    }

    /** The devices whose terminals are connected and said hello now. */
    public List<DeviceId> connectedDevices() {
        return terminals.all().stream().flatMap(session -> session.identity().stream()).map(Session.Identity::device).toList();
    }

    public boolean connected(DeviceId device) {
        return terminals.connected(device);
    }

    /** Bytes queued for terminals and not yet written, now and at most on one connection, and connections dropped for it. */
    public Backlogs backlogs() {
        return new Backlogs(backlogs.queued(), backlogs.peak(), backlogs.overflows());
    }

    /** The most all connections together ever had queued (link.max-total-queued-bytes). */
    long totalQueuedPeak() {
        return backlogs.totalPeak();
    }

    /**
     * The link's send queues (link.max-queued-bytes).
     *
     * @param queued    bytes queued now over every connection
     * @param peak      the most one connection ever had queued
     * @param overflows connections dropped because their terminal read too slowly
     */
    public record Backlogs(long queued, long peak, long overflows) {}

    /** How the device can be reached now: its link, connected or since when not, and its push channels. */
    public Reachability reachability(DeviceId device) {
        return terminals.reachability(device, Routing.words(stores.channels().listed(device)));
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("link timer task failed", e);
            }
        };
    }

    @Override
    public void close() {
        timers.shutdownNow();
        routes.shutdown();
        try {
            routes.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminals.all().forEach(session -> session.close(Closing.STOPPING));
        // The close frames go out asynchronously: give the terminals a moment to answer them before the
        // HTTP server stops, so that each sees "server stopping" rather than a dropped connection.
        long deadline = System.nanoTime() + CLOSE_PATIENCE.toNanos();
        while (!terminals.all().isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
