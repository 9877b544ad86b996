package org.mailpush.cluster.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.mailpush.cluster.NodeId;
import org.mailpush.cluster.RoutingClaims;
import org.mailpush.cluster.TerminalDirectory;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.json.LinkJson;
import org.mailpush.link.Peers;
import org.mailpush.mail.StoredMail;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.TerminalMessage;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other nodes of a cluster: routing claims and the directory of terminals in the shared store,
 * signals to the node that holds a terminal over NATS. Each node listens on subjects of its own,
 * {@code mailpush.node.<id>.deliver}, {@code .disconnect} (a device id) and {@code .probe} (a request:
 * user id and deadline in milliseconds; the reply, one line per answer, a device id, a tab and the
 * answer as the link's {@code state} message).
 *
 * <p>While NATS is away, signals wait in the client's reconnect buffer or are lost; nothing depends on
 * them but how soon a delivery goes out, which the sweep bounds. At start the node releases the claims
 * and terminals a former run under its id left; at a clean stop it releases its own.
 */
public final class NatsPeers implements Peers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NatsPeers.class);
    private static final String SUBJECTS = "mailpush.node.";
    /** Of a probe's deadline, what the asked node waits for its terminals: the rest is for the answer to travel. */
    private static final double PROBE_SHARE = 0.8;

    private final ClusterSettings settings;
    private final NodeId node;
    private final RoutingClaims claims;
    private final TerminalDirectory directory;
    private final DeviceRegistry devices;
    private final InstantSource clock;
    private final Supplier<Peers.Here> here;
    private final Connection nats;
    private final Set<DeviceId> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();

    private NatsPeers(ClusterSettings settings, Stores stores, InstantSource clock, Supplier<Peers.Here> here, Connection nats) {
        this.settings = settings;
        this.node = settings.node();
        this.claims = stores.claims();
        this.directory = stores.directory();
        this.devices = stores.devices();
        this.clock = clock;
        this.here = here;
        this.nats = nats;
    }

    /** The stores the cluster keeps its leases in, and the terminals' owners. */
    public record Stores(RoutingClaims claims, TerminalDirectory directory, DeviceRegistry devices) {}

    /**
     * Joins the cluster: releases what a former run of this node left, connects to NATS (and keeps
     * trying in the background when it is away) and listens for the other nodes' signals.
     *
     * @param here what the link does for the other nodes; looked up at each signal, as the link is made after this
     */
    public static NatsPeers join(ClusterSettings settings, Stores stores, InstantSource clock, Supplier<Peers.Here> here) {
        stores.claims().release(settings.node());
        stores.directory().releaseAll(settings.node(), clock.instant());
        Options options = new Options.Builder()
                .server(settings.nats().toString())
                .connectionName("mailpush " + settings.node())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .build();
        Connection nats;
        try {
            nats = Nats.connectReconnectOnConnect(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach NATS at " + settings.nats() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
        NatsPeers peers = new NatsPeers(settings, stores, clock, here, nats);
        peers.listen();
        return peers;
    }

    private void listen() {
        Dispatcher dispatcher = nats.createDispatcher();
        String mine = SUBJECTS + node + ".";
        dispatcher.subscribe(mine + "deliver", message -> here().deliveryDue(device(message)));
        dispatcher.subscribe(mine + "disconnect", message -> here().disconnect(device(message)));
        // A probe round waits for terminals: not on the dispatcher's thread, which the other signals share.
        dispatcher.subscribe(mine + "probe", message -> probes.execute(() -> answerProbe(message)));
        long renewal = settings.terminalLease().toMillis() / 3;
        renewals.scheduleWithFixedDelay(this::renew, renewal, renewal, TimeUnit.MILLISECONDS);
    }

    /** What the link does for a signal; nothing until the link is made (the sweep then catches up). */
    private Peers.Here here() {
        Peers.Here link = here.get();
        return link != null ? link : NOT_YET;
    }

    private static final Peers.Here NOT_YET = new Peers.Here() {
        @Override
        public void deliveryDue(DeviceId device) {}

        @Override
        public Map<DeviceId, UsageReport> probe(UserId user, Duration deadline) {
            return Map.of();
        }

        @Override
        public void disconnect(DeviceId device) {}
    };

    private static DeviceId device(Message message) {
        return new DeviceId(new String(message.getData(), StandardCharsets.US_ASCII));
    }

    /** Renews this node's terminals; those the directory lost (a store outage longer than the lease) are held again. */
    private void renew() {
        try {
            Instant now = clock.instant();
            Instant until = now.plus(settings.terminalLease());
            if (directory.renew(node, now, until) < held.size()) {
                held.forEach(device -> directory.hold(node, device, until));
            }
        } catch (RuntimeException e) {
            LOG.warn("renewing the terminals of node {} failed; trying again in {}: {}", node, settings.terminalLease().dividedBy(3),
                    e.getMessage());
        }
    }

    @Override
    public boolean claim(StoredMail mail) {
        Instant now = clock.instant();
        return claims.claim(node, mail.owner(), mail.id(), now, now.plus(settings.claimLease()));
    }

    @Override
    public List<StoredMail> claimPending(int limit) {
        Instant now = clock.instant();
        // A mail never claimed is its own node's for a lease: that node claims it the moment it stored it, unless it died.
        return claims.claim(node, limit, now.minus(settings.claimLease()), now, now.plus(settings.claimLease()));
    }

    @Override
    public Duration sweep() {
        return settings.sweep();
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public void attached(DeviceId device) {
        held.add(device);
        directory.hold(node, device, clock.instant().plus(settings.terminalLease()));
    }

    @Override
    public void detached(DeviceId device) {
        held.remove(device);
        directory.release(node, device, clock.instant());
    }

    @Override
    public Optional<Elsewhere> elsewhere(DeviceId device) {
        Instant now = clock.instant();
        TerminalDirectory.Lease lease = directory.leases(List.of(device)).get(device);
        if (lease == null || lease.node().equals(node) && lease.heldAt(now)) {
            // Held here by the directory, yet not connected here: this node's own account of the terminal is the better one.
            return Optional.empty();
        }
        return Optional.of(lease.heldAt(now) ? new Elsewhere.Held() : new Elsewhere.Ended(lease.until()));
    }

    @Override
    public boolean deliveryDue(DeviceId device) {
        return signal(device, "deliver");
    }

    @Override
    public void disconnect(DeviceId device) {
        signal(device, "disconnect");
    }

    /** Signals the node that holds the terminal, if another node does; whether one did. */
    private boolean signal(DeviceId device, String what) {
        var holder = directory.holder(device, clock.instant()).filter(n -> !n.equals(node));
        holder.ifPresent(n -> nats.publish(SUBJECTS + n + "." + what, device.value().getBytes(StandardCharsets.US_ASCII)));
        return holder.isPresent();
    }

    @Override
    public Map<DeviceId, UsageReport> probe(UserId user, Duration deadline) throws InterruptedException {
        List<DeviceId> ids = devices.devicesOf(user).stream().map(Device::id).toList();
        Instant now = clock.instant();
        Set<NodeId> nodes = new LinkedHashSet<>();
        directory.leases(ids).values().stream().filter(lease -> lease.heldAt(now) && !lease.node().equals(node))
                .forEach(lease -> nodes.add(lease.node()));
        byte[] body = (user.value() + "\n" + deadline.toMillis()).getBytes(StandardCharsets.UTF_8);
        long end = System.nanoTime() + deadline.toNanos();
        List<CompletableFuture<Message>> replies = nodes.stream()
                .map(n -> nats.requestWithTimeout(SUBJECTS + n + ".probe", body, deadline))
                .toList();
        Map<DeviceId, UsageReport> answers = new HashMap<>();
        for (CompletableFuture<Message> reply : replies) {
            try {
                answers.putAll(read(reply.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // That node's terminals count by their last reports, as a terminal here that does not answer.
                LOG.debug("no probe answers from a node for {}: {}", user, e.getMessage());
            }
        }
        return answers;
    }

    private void answerProbe(Message request) {
        try {
            String[] parts = new String(request.getData(), StandardCharsets.UTF_8).split("\n", 2);
            UserId user = new UserId(parts[0]);
            Duration deadline = Duration.ofMillis((long) (Long.parseLong(parts[1]) * PROBE_SHARE));
            StringBuilder reply = new StringBuilder();
            here().probe(user, deadline).forEach((device, report) -> reply.append(device.value()).append('\t')
                    .append(LinkJson.write(new TerminalMessage.State(report))).append('\n'));
            nats.publish(request.getReplyTo(), reply.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("answering a probe round from another node failed: {}", e.getMessage(), e);
        }
    }

    private static Map<DeviceId, UsageReport> read(Message reply) {
        Map<DeviceId, UsageReport> answers = new HashMap<>();
        for (String line : new String(reply.getData(), StandardCharsets.UTF_8).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && LinkJson.readTerminal(line.substring(tab + 1)) instanceof TerminalMessage.State state) {
                answers.put(new DeviceId(line.substring(0, tab)), state.report());
            }
        }
        return answers;
    }

    /** Releases this node's claims and terminals, so that the other nodes take them up at once, and leaves NATS. */
    @Override
    public void close() {
        renewals.shutdownNow();
        probes.shutdownNow();
        try {
            claims.release(node);
            directory.releaseAll(node, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("releasing the claims and terminals of node {} failed; they end with their leases: {}", node, e.getMessage());
        }
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
