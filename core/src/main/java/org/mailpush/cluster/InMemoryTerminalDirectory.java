package org.mailpush.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.mailpush.device.DeviceId;

/** A {@link TerminalDirectory} held in memory, for the nodes of one process (tests); one change at a time. */
public final class InMemoryTerminalDirectory implements TerminalDirectory {
    private final Map<DeviceId, Lease> leases = new HashMap<>();

    @Override
    public synchronized void hold(NodeId node, DeviceId device, Instant until) {
        leases.put(device, new Lease(node, until));
    }

    @Override
    public synchronized int renew(NodeId node, Instant now, Instant until) {
        leases.values().removeIf(lease -> lease.until().isBefore(now.minus(FORGET_AFTER)));
        int held = 0;
        for (Map.Entry<DeviceId, Lease> entry : leases.entrySet()) {
            if (entry.getValue().node().equals(node) && entry.getValue().heldAt(now)) {
                entry.setValue(new Lease(node, until));
                held++;
            }
        }
        return held;
    }

    @Override
    public synchronized void release(NodeId node, DeviceId device, Instant at) {
        leases.computeIfPresent(device, (id, lease) -> lease.node().equals(node) ? ended(lease, at) : lease);
    }

    @Override
    public synchronized void releaseAll(NodeId node, Instant at) {
        leases.replaceAll((device, lease) -> lease.node().equals(node) ? ended(lease, at) : lease);
    }

    /** A lease that ends at {@code at}, or when it ended already. */
    private static Lease ended(Lease lease, Instant at) {
        return lease.until().isBefore(at) ? lease : new Lease(lease.node(), at);
    }

    @Override
    public synchronized Map<DeviceId, Lease> leases(Collection<DeviceId> devices) {
        Map<DeviceId, Lease> found = new HashMap<>();
        for (DeviceId device : devices) {
            Lease lease = leases.get(device);
            if (lease != null) {
                found.put(device, lease);
            }
        }
        return found;
    }
}
