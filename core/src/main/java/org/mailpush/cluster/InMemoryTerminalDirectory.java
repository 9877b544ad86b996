package org.mailpush.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.mailpush.device.DeviceId;

/** A {@link TerminalDirectory} held in memory, for the nodes of one process (tests); one change at a time. */
public final class InMemoryTerminalDirectory implements TerminalDirectory {
    private record Lease(NodeId node, Instant until) {}

    private final Map<DeviceId, Lease> leases = new HashMap<>();

    @Override
    public synchronized void hold(NodeId node, DeviceId device, Instant until) {
        leases.put(device, new Lease(node, until));
    }

    @Override
    public synchronized int renew(NodeId node, Instant now, Instant until) {
        leases.values().removeIf(lease -> lease.until().isBefore(now));
        int held = 0;
        for (Map.Entry<DeviceId, Lease> entry : leases.entrySet()) {
            if (entry.getValue().node().equals(node)) {
                entry.setValue(new Lease(node, until));
                held++;
            }
        }
        return held;
    }

    @Override
    public synchronized void release(NodeId node, DeviceId device) {
        leases.computeIfPresent(device, (id, lease) -> lease.node().equals(node) ? null : lease);
    }

    @Override
    public synchronized void releaseAll(NodeId node) {
        leases.values().removeIf(lease -> lease.node().equals(node));
    }

    @Override
    public synchronized Map<DeviceId, NodeId> holders(Collection<DeviceId> devices, Instant now) {
        Map<DeviceId, NodeId> holders = new HashMap<>();
        for (DeviceId device : devices) {
            Lease lease = leases.get(device);
            if (lease != null && !lease.until().isBefore(now)) {
                holders.put(device, lease.node());
            }
        }
        return holders;
    }
}
