package org.mailpush.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;

/**
 * Which node holds which terminal's link, where several nodes share one store: a node that accepts a
 * terminal's {@code hello} holds it with a lease, renews its leases while its links live, and releases
 * a terminal when its link ends. A node that dies stops renewing, and its terminals fall out of the
 * directory when their leases end — by then they have reconnected to another node, which holds them anew.
 *
 * <p>A terminal has one holder: the node it said {@code hello} to last takes it over from any other,
 * and an earlier holder's release or renewal no longer touches it. The directory is a hint for where
 * to signal (docs/cluster.md); nothing is lost when it is wrong, only delayed until the holder's sweep.
 * Leases are compared with the times the nodes pass in, so their clocks must agree to well within a
 * lease (NTP). Implementations are safe for concurrent use, also by several processes on one store.
 */
public interface TerminalDirectory {

    /** Records that {@code node} holds the terminal's link until {@code until}, taking it over from any other node. */
    void hold(NodeId node, DeviceId device, Instant until);

    /**
     * Extends to {@code until} the lease of every terminal the node still holds, and forgets every
     * holder whose lease ended before {@code now}, of any node (so that the directory of a dead node
     * does not stay).
     *
     * @return how many terminals the node holds
     */
    int renew(NodeId node, Instant now, Instant until);

    /** The node's link to the terminal ended: the terminal has no holder, unless another node took it over meanwhile. */
    void release(NodeId node, DeviceId device);

    /** Releases every terminal the node holds (a clean stop). */
    void releaseAll(NodeId node);

    /** The node holding the terminal's link at {@code now}; empty when none holds it or its lease has ended. */
    default Optional<NodeId> holder(DeviceId device, Instant now) {
        return Optional.ofNullable(holders(java.util.List.of(device), now).get(device));
    }

    /** The holders at {@code now} of those of these terminals that have one. */
    Map<DeviceId, NodeId> holders(Collection<DeviceId> devices, Instant now);
}
