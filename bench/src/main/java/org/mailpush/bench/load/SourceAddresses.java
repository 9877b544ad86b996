package org.mailpush.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The loopback addresses client sockets are bound to, so that more connections than one address has
 * ephemeral ports (about 28 000 on Linux) can reach one server port: Linux routes all of 127/8 to
 * the loopback interface. Connection {@code i} comes from address {@code i / perAddress}: 127.0.0.1,
 * 127.0.0.2, …
 */
public record SourceAddresses(int perAddress) {
    public SourceAddresses {
        if (perAddress < 1) {
            throw new IllegalArgumentException("connections per source address must be at least 1, got " + perAddress);
        }
    }

    /** The index of the source address of connection {@code i}. */
    public int indexOf(int connection) {
        return connection / perAddress;
    }

    /** The {@code index}-th loopback address: 127.0.0.1 … 127.0.0.253, then 127.0.1.1 …. */
    public static InetAddress address(int index) {
        if (index < 0 || index >= 253 * 255) {
            throw new IllegalArgumentException("no loopback address number " + index);
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (index / 253), (byte) (index % 253 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many addresses {@code connections} connections use. */
    public int count(int connections) {
        return connections == 0 ? 0 : indexOf(connections - 1) + 1;
    }
}
