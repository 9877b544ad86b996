package org.mailpush.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The proxies whose word on the client's address is believed ({@code http.trusted-proxies}): addresses
 * or CIDR blocks. A request from one of them is taken to come from the address its
 * {@code Forwarded} (RFC 7239) or, without that, {@code X-Forwarded-For} header names — the right-most
 * one that is not itself a trusted proxy, since a client can put anything to the left. A request from
 * anyone else comes from its socket's address, whatever its headers say. The same holds for the scheme
 * ({@code proto=} or {@code X-Forwarded-Proto}), which decides the session cookie's Secure flag. None by
 * default.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<String> written;
    private final List<Block> blocks;

    /** One block: the network's address bytes and the length of its prefix. */
    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
        }
    }

    /** @throws IllegalArgumentException naming an item that is not an IP address or CIDR block */
    public TrustedProxies(List<String> blocks) {
        this.written = List.copyOf(blocks);
        this.blocks = written.stream().map(TrustedProxies::block).toList();
    }

    /** The blocks as written. */
    public List<String> blocks() {
        return written;
    }

    private static Block block(String text) {
        String[] parts = text.strip().split("/", -1);
        Optional<byte[]> address = parts.length <= 2 ? literal(parts[0]) : Optional.empty();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8");
        }
        int bits = address.get().length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bits);
            }
        }
        return new Block(address.get(), prefix);
    }

    /**
     * The client's address for a request from {@code peer} with these header values (each header
     * may come several times, each value may list several hops).
     */
    public String client(String peer, List<String> forwarded, List<String> forwardedFor) {
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = forwarded.isEmpty() ? split(forwardedFor) : forwardedHops(forwarded);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                // "unknown", an obfuscated name or garbage: nothing behind it can be believed either.
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /**
     * The scheme the client used for a request that reached this server by {@code socketScheme} from
     * {@code peer}: what a trusted proxy says in the last {@code proto=} of {@code Forwarded} (RFC 7239)
     * or, without that, the last {@code X-Forwarded-Proto} value — the proxy nearest to us appends; from
     * anyone else, or when the proxy says neither {@code http} nor {@code https}, the socket's.
     */
    public String scheme(String peer, String socketScheme, List<String> forwarded, List<String> forwardedProto) {
        if (!trusted(peer)) {
            return socketScheme;
        }
        String said = forwarded.isEmpty() ? last(split(forwardedProto)) : forwardedParameter(forwarded, "proto");
        String scheme = said.toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") ? scheme : socketScheme;
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? "" : values.getLast();
    }

    /** A parameter of the last element of RFC 7239 {@code Forwarded} headers; empty when it lacks one. */
    private static String forwardedParameter(List<String> values, String name) {
        String[] elements = String.join(",", values).split(",");
        for (String pair : elements[elements.length - 1].split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return pair.substring(equals + 1).strip().replace("\"", "");
            }
        }
        return "";
    }

    boolean trusted(String address) {
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return false;
        }
        return blocks.stream().anyMatch(b -> b.contains(bytes.get()));
    }

    private static List<String> split(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",")) {
                hops.add(hostOf(hop.strip()));
            }
        }
        return hops;
    }

    /** The {@code for=} of each element of RFC 7239 {@code Forwarded} headers, in order. */
    private static List<String> forwardedHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",")) {
                String found = "";
                for (String pair : element.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
                        found = hostOf(pair.substring(equals + 1).strip().replace("\"", ""));
                    }
                }
                hops.add(found);
            }
        }
        return hops;
    }

    /** The address without brackets or port: {@code [2001:db8::1]:4711} → {@code 2001:db8::1}, {@code 192.0.2.1:80} → {@code 192.0.2.1}. */
    private static String hostOf(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close > 0 ? hop.substring(1, close) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    /** The bytes of an IP address literal; empty for anything else (never a DNS query). */
    private static Optional<byte[]> literal(String text) {
        if (text != null && text.length() > 2 && text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text == null || text.isEmpty() || !text.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0 && !text.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "TrustedProxies" + written;
    }
}
