package org.mailpush.push.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a push endpoint may be contacted. A subscription's endpoint comes from a browser, that is,
 * from whoever registers it; sent to without a check it would let a user make the server post to
 * its own network (server-side request forgery). So only {@code https} is used, and only when every
 * address the host resolves to is a public one: not loopback, unspecified, link-local, private
 * (RFC 1918 and the old site-local fec0::/10), unique local (fc00::/7), shared (100.64.0.0/10),
 * "this network" (0.0.0.0/8), reserved (240.0.0.0/4) or multicast. For tests, {@code http} to a
 * loopback address may be allowed.
 *
 * <p>The push request resolves the name again; a name whose answer changes in between (DNS
 * rebinding) is not caught, which the JDK's HTTP client, having no resolver of its own to plug in,
 * leaves open. Redirects are never followed, so a push service cannot send the request elsewhere.
 */
public final class EndpointCheck {

    /** Resolves a host name; the JDK's resolver in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowInsecureLoopback;
    private final Resolver resolver;

    public EndpointCheck(boolean allowInsecureLoopback) {
        this(allowInsecureLoopback, InetAddress::getAllByName);
    }

    EndpointCheck(boolean allowInsecureLoopback, Resolver resolver) {
        this.allowInsecureLoopback = allowInsecureLoopback;
        this.resolver = resolver;
    }

    /**
     * Why the endpoint may not be contacted, or empty when it may. Resolves its host, which blocks.
     *
     * @throws UnknownHostException when the host does not resolve, which may pass
     */
    public Optional<String> refusal(URI endpoint) throws UnknownHostException {
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowInsecureLoopback)) {
            return Optional.of("only https push endpoints are used, not " + scheme);
        }
        String host = endpoint.getHost();
        for (InetAddress address : resolver.resolve(host)) {
            if (scheme.equals("http") && !address.isLoopbackAddress()) {
                return Optional.of("http is allowed to loopback addresses only, and " + host + " is " + address.getHostAddress());
            }
            Optional<String> internal = scheme.equals("http") ? Optional.empty() : internal(address);
            if (internal.isPresent()) {
                return Optional.of(host + " resolves to " + address.getHostAddress() + ", " + internal.get() + " address");
            }
        }
        return Optional.empty();
    }

    /** What kind of non-public address this is, if it is one. */
    static Optional<String> internal(InetAddress address) {
        byte[] octets = address.getAddress();
        int first = Byte.toUnsignedInt(octets[0]);
        String kind;
        if (address.isLoopbackAddress()) {
            kind = "a loopback";
        } else if (address.isAnyLocalAddress()) {
            kind = "an unspecified";
        } else if (address.isLinkLocalAddress()) {
            kind = "a link-local";
        } else if (address.isSiteLocalAddress()) {
            kind = "a private";
        } else if (address.isMulticastAddress()) {
            kind = "a multicast";
        } else if (address instanceof Inet4Address) {
            int second = Byte.toUnsignedInt(octets[1]);
            kind = first == 0 ? "a 'this network'"
                    : first == 100 && (second & 0xc0) == 64 ? "a shared (carrier-grade NAT)"
                    : first >= 240 ? "a reserved"
                    : null;
        } else {
            kind = (first & 0xfe) == 0xfc ? "a unique local" : null;
        }
        return Optional.ofNullable(kind);
    }
}
