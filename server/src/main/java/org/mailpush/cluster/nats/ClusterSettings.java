package org.mailpush.cluster.nats;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.mailpush.cluster.NodeId;

/**
 * How this server runs as one node of a cluster (config keys {@code cluster.*}, docs/configuration.md).
 *
 * @param node          this node's name, unique among the nodes running at once
 * @param nats          the NATS server the nodes signal through ({@code nats://host:4222})
 * @param sweep         how often the node sweeps for pending routing jobs and for what is due to its terminals, so
 *                      that a lost signal only delays by this much
 * @param claimLease    how long a routing claim holds; a dead node's jobs are routed by another once it has passed
 * @param terminalLease how long a node holds a terminal in the directory without renewing it (renewed every third of it)
 */
public record ClusterSettings(NodeId node, URI nats, Duration sweep, Duration claimLease, Duration terminalLease) {
    public static final Duration DEFAULT_SWEEP = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TERMINAL_LEASE = Duration.ofSeconds(15);

    public ClusterSettings {
        Objects.requireNonNull(node, "node");
        if (!"nats".equals(nats.getScheme()) && !"tls".equals(nats.getScheme())) {
            throw new IllegalArgumentException("the NATS url must be nats://host:port or tls://host:port, got " + nats);
        }
        for (Duration d : new Duration[] {sweep, claimLease, terminalLease}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the sweep and the leases must be positive, got " + d);
            }
        }
        if (terminalLease.compareTo(sweep) < 0 || claimLease.compareTo(sweep) < 0) {
            throw new IllegalArgumentException("the leases (" + claimLease + ", " + terminalLease + ") must not be shorter than the sweep "
                    + sweep);
        }
    }
}
