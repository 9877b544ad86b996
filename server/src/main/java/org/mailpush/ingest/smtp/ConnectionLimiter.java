package org.mailpush.ingest.smtp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Counts the connections being served, in all and per client address, and admits new ones within the limits. */
final class ConnectionLimiter {
    private final int maxConnections;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    ConnectionLimiter(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Whether a new connection may be served; an admitted one must be {@link #release released}. */
    enum Admission {
        ADMITTED,
        SERVER_FULL,
        ADDRESS_FULL
    }

    synchronized Admission admit(InetAddress client) {
        if (total >= maxConnections) {
            return Admission.SERVER_FULL;
        }
        int fromClient = perAddress.getOrDefault(client, 0);
        if (fromClient >= maxPerAddress) {
            return Admission.ADDRESS_FULL;
        }
        perAddress.put(client, fromClient + 1);
        total++;
        return Admission.ADMITTED;
    }

    synchronized void release(InetAddress client) {
        perAddress.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
        total--;
    }
}
