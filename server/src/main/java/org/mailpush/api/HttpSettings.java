package org.mailpush.api;

import java.util.List;

/**
 * Where the HTTP API listens.
 *
 * @param host           the address to bind, e.g. 127.0.0.1 or 0.0.0.0
 * @param port           the port; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted
 * @param trustedProxies  whose forwarding headers name the client's address (for login throttling)
 * @param serverNames    the host names requests may be addressed to (their {@code Host}); empty for
 *                       the addresses the server listens on and the loopback names ({@link ServerNames})
 */
public record HttpSettings(String host, int port, long maxRequestBytes, TrustedProxies trustedProxies, List<String> serverNames) {
    public static final HttpSettings DEFAULTS = new HttpSettings("127.0.0.1", 8025, 1024 * 1024);

    /** Settings that trust no proxy and answer to the default names. */
    public HttpSettings(String host, int port, long maxRequestBytes) {
        this(host, port, maxRequestBytes, TrustedProxies.NONE);
    }

    /** Settings answering to the default names. */
    public HttpSettings(String host, int port, long maxRequestBytes, TrustedProxies trustedProxies) {
        this(host, port, maxRequestBytes, trustedProxies, List.of());
    }

    public HttpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("http host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http port must be 0-65535, got " + port);
        }
        java.util.Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("http max request size must be at least 1024 bytes, got " + maxRequestBytes);
        }
        serverNames = List.copyOf(serverNames);
        for (String name : serverNames) {
            if (!name.matches("[A-Za-z0-9.:\\[\\]-]+")) {
                throw new IllegalArgumentException("a server name is a host name or an address, without port, got '" + name + "'");
            }
        }
    }
}
