package org.mailpush.agent.link;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** The URLs of one server, from its base URL ({@code http://host:8025}). */
public record ServerAddress(URI base) {
    public ServerAddress {
        String scheme = base.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the server URL must be http:// or https://, got " + base);
        }
    }

    /**
     * The server at this URL, refusing plain {@code http://} to any host but this machine unless
     * {@code insecure}: over it the user's password (when enrolling) and the device token would cross
     * the network readable by anyone on the way.
     *
     * @throws IllegalArgumentException naming the URL and the {@code --insecure} flag
     */
    public static ServerAddress checked(URI base, boolean insecure) {
        ServerAddress address = new ServerAddress(base);
        if (!insecure && "http".equals(base.getScheme()) && !loopback(base.getHost())) {
            throw new IllegalArgumentException("refusing plain " + base + ": the password and the device token would "
                    + "cross the network unencrypted; use https:// (the server behind a TLS proxy), or give --insecure "
                    + "(server.insecure=on) to use http:// anyway");
        }
        return address;
    }

    /** Whether a host is this machine: localhost, or a loopback address (never looked up in DNS). */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+|\\[?[0-9a-f:.]+]?")) {
            return false;
        }
        try {
            // A literal address only: getByName does not query DNS for one.
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The WebSocket of the terminal link: ws(s)://host:port/api/link. */
    public URI link() {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + "://" + base.getRawAuthority() + path() + "/api/link");
    }

    /** A path on the server, such as {@code /api/devices} or a fetch path. */
    public URI resolve(String absolutePath) {
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path() + absolutePath);
    }

    private String path() {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
