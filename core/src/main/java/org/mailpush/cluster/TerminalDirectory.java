package org.mailpush.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;

/**
 * Which node holds which terminal's link, where several nodes share one store: a node that accepts a
 * terminal's {@code hello} holds it with a lease, renews its leases while its links live, and releases
 * a terminal when its link ends. A node that dies stops renewing, and its terminals fall out of the
 * directory when their leases end — by then they have reconnected to another node, which holds them anew.
 *
 * <p>A terminal has one entry: the node it said {@code hello} to last takes it over from any other,
 * and an earlier holder's release or renewal no longer touches it. A released or lapsed entry stays,
 * for {@link #FORGET_AFTER}, as when the terminal's link ended, so that every node's routing sees a
 * terminal that just lost its link on another node as it would one that lost it here: absent for
 * seconds, within the presence grace, not since the node started. The directory is a hint for where
 * to signal (docs/cluster.md); nothing is lost when it is wrong, only delayed until the holder's sweep.
 * Leases are compared with the times the nodes pass in, so their clocks must agree to well within a
 * lease (NTP). Implementations are safe for concurrent use, also by several processes on one store.
 */
public interface TerminalDirectory {
    /** How long the end of a terminal's link is remembered. */
    Duration FORGET_AFTER = Duration.ofDays(1);

    /** A terminal's entry: the node that holds or held its link, and until when. */
    record Lease(NodeId node, Instant until) {
        /** Whether the node holds the link at {@code now}: before the lease ends. */
        public boolean heldAt(Instant now) {
            return now.isBefore(until);
        }
    }

    /** Records that {@code node} holds the terminal's link until {@code until}, taking it over from any other node. */
    void hold(NodeId node, DeviceId device, Instant until);

    /**
     * Extends to {@code until} the lease of every terminal the node holds at {@code now}, and forgets
     * entries that ended more than {@link #FORGET_AFTER} before {@code now}.
     *
     * @return how many terminals the node holds
     */
    int renew(NodeId node, Instant now, Instant until);

    /** The node's link to the terminal ended at {@code at}: its lease ends then, unless another node took the terminal over meanwhile. */
    void release(NodeId node, DeviceId device, Instant at);

    /** Releases every terminal the node holds, at {@code at} (a clean stop). */
    void releaseAll(NodeId node, Instant at);

    /** The entries of those of these terminals that have one, held or ended. */
    Map<DeviceId, Lease> leases(Collection<DeviceId> devices);

    /** The node holding the terminal's link at {@code now}; empty when none holds it or its lease has ended. */
    default Optional<NodeId> holder(DeviceId device, Instant now) {
        return Optional.ofNullable(leases(List.of(device)).get(device)).filter(lease -> lease.heldAt(now)).map(Lease::node);
    }
}
