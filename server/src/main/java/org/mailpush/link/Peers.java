package org.mailpush.link;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailpush.device.DeviceId;
import org.mailpush.mail.StoredMail;
import org.mailpush.presence.UsageReport;
import org.mailpush.user.UserId;

/**
 * The other nodes of a cluster, as the link sees them (docs/cluster.md): who routes which mail, which
 * node holds which terminal, and the signals sent to that node. On a single node there are none
 * ({@link SingleNode}). Signals are hints: a node's sweep, every {@link #sweep()}, finds whatever a lost
 * one missed, so that a lost signal only delays.
 */
public interface Peers {

    /** Claims, for this node, the routing of a mail it is about to route; false when another node routes it. */
    boolean claim(StoredMail mail);

    /** Claims, for this node's sweep, pending routing jobs no node is about to route, oldest first, at most {@code limit}. */
    List<StoredMail> claimPending(int limit);

    /** How often this node sweeps for pending jobs and for what is due to its terminals. */
    Duration sweep();

    /** Whether there are other nodes at all: on a single node the link's timers are as they always were. */
    boolean clustered();

    /** This node now holds the terminal's link. */
    void attached(DeviceId device);

    /** This node's link to the terminal ended. */
    void detached(DeviceId device);

    /** What the other nodes know of the terminal's link; empty when none knows more than this node. */
    Optional<Elsewhere> elsewhere(DeviceId device);

    /** A terminal's link as the other nodes know it. */
    sealed interface Elsewhere {
        /** Another node holds the terminal's link now. */
        record Held() implements Elsewhere {}

        /** The terminal's link to a node ended at this moment, and no node holds it now. */
        record Ended(Instant at) implements Elsewhere {}
    }

    /** Tells the node holding the terminal that it has deliveries due; false when no other node holds it. */
    boolean deliveryDue(DeviceId device);

    /**
     * Asks the nodes holding the user's other terminals to probe them (SPEC S5), and returns, by the
     * deadline, the answers that came back.
     */
    Map<DeviceId, UsageReport> probe(UserId user, Duration deadline) throws InterruptedException;

    /** Tells the node holding the terminal to close its link (the terminal was revoked). */
    void disconnect(DeviceId device);

    /** What the link does for the other nodes' signals. */
    interface Here {
        /** Sends the terminal what is due, if it is connected here. */
        void deliveryDue(DeviceId device);

        /** Probes the user's terminals connected here; the answers by the deadline. */
        Map<DeviceId, UsageReport> probe(UserId user, Duration deadline) throws InterruptedException;

        /** Closes the terminal's link, if it is connected here. */
        void disconnect(DeviceId device);
    }
}
