package org.mailpush.agent.link;

import java.net.URI;

/** The URLs of one server, from its base URL ({@code http://host:8025}). */
public record ServerAddress(URI base) {
    public ServerAddress {
        String scheme = base.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("the server URL must be http:// or https://, got " + base);
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
