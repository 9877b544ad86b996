package org.mailpush.ingest.upstream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamServer;

/**
 * Keeps upstream accounts from turning the server into a client of its own network (server-side request
 * forgery): a host whose name resolves to a loopback, link-local, private (RFC 1918, RFC 4193, shared
 * RFC 6598), unspecified or multicast address is refused unless the administrator allows private
 * addresses ({@code upstream.allow-private-addresses}). Checked when an account is added and again
 * before every connection, since a name may resolve elsewhere later. A login in plain text
 * ({@code tls none}) is allowed to a local host only, or when the user confirms it.
 */
public final class UpstreamGuard {
    private final boolean allowPrivateAddresses;

    public UpstreamGuard(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /**
     * Why an account may not be added, or empty when it may.
     *
     * @param plaintextConfirmed the user confirmed that the password may cross the network in clear
     */
    public Optional<String> refusal(UpstreamServer server, boolean plaintextConfirmed) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(server.host());
        } catch (UnknownHostException e) {
            // DNS may be down for a while: the watcher checks the name again before each connection
            addresses = new InetAddress[0];
        }
        Optional<String> refused = refusal(server.host(), addresses);
        if (refused.isPresent()) {
            return refused;
        }
        boolean local = addresses.length > 0 && java.util.Arrays.stream(addresses).allMatch(UpstreamGuard::internal);
        if (server.tls() == TlsMode.NONE && !local && !plaintextConfirmed) {
            return Optional.of("tls none would send the password to " + server.host()
                    + " in clear text; use starttls or implicit, or confirm it with insecure (--insecure)");
        }
        return Optional.empty();
    }

    /**
     * Checks the host again just before a connection.
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws RefusedAddressException when it resolves to an address this server does not connect to
     */
    void beforeConnecting(UpstreamServer server) throws UnknownHostException, RefusedAddressException {
        Optional<String> refused = refusal(server.host(), InetAddress.getAllByName(server.host()));
        if (refused.isPresent()) {
            throw new RefusedAddressException(refused.get());
        }
    }

    private Optional<String> refusal(String host, InetAddress[] addresses) {
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of("host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, link-local or private address, which upstream.allow-private-addresses does not allow");
            }
        }
        return Optional.empty();
    }

    /** Loopback, link-local, private, shared (CGNAT), unspecified or multicast. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128; // "this network", RFC 6598 shared
        }
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // RFC 4193 unique local fc00::/7
        }
        return false;
    }

    /** The host of an upstream account resolves to an address this server does not connect to. */
    static final class RefusedAddressException extends java.io.IOException {
        RefusedAddressException(String message) {
            super(message);
        }
    }
}
