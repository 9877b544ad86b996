package org.mailpush.bench.capacity;

import java.time.Duration;
import org.mailpush.bench.host.Workspace;

/**
 * The sizes of a capacity run.
 *
 * @param terminals             terminals to connect (fewer when the open-file limit of either process is lower)
 * @param heartbeat             the heartbeat interval: the server's {@code link.heartbeat}, and how often each terminal reports
 * @param window                how long the CPU is measured idle, then with heartbeats after as long again of heartbeats unmeasured
 * @param connectionsPerAddress terminals per loopback source address
 * @param inFlight              connections being opened at once
 */
public record CapacityOptions(int terminals, int devicesPerUser, Duration heartbeat, Duration window, int connectionsPerAddress,
        int inFlight, Workspace workspace) {
    public CapacityOptions {
        if (terminals < devicesPerUser || devicesPerUser < 1 || inFlight < 1) {
            throw new IllegalArgumentException("need at least one user's terminals and one connection at a time");
        }
    }
}
