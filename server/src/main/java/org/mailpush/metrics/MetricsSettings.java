package org.mailpush.metrics;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code /metrics} is served.
 *
 * @param listen empty: on the HTTP API's port, behind the admin token; else a listener of its own on
 *               this address, without a token (with {@code /health/live} and {@code /health/ready}),
 *               for a Prometheus that scrapes a private network
 */
public record MetricsSettings(Optional<InetSocketAddress> listen) {
    /** On the HTTP API's port, behind the admin token. */
    public static final MetricsSettings DEFAULTS = new MetricsSettings(Optional.empty());

    public MetricsSettings {
        Objects.requireNonNull(listen, "listen");
    }

    /**
     * Reads {@code host:port} ({@code [::1]:9464} for IPv6); an empty text is the default.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static MetricsSettings parse(String listen) {
        if (listen.isBlank()) {
            return DEFAULTS;
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + listen + "' is not host:port, such as 127.0.0.1:9464");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + listen + "' has no port number after the last ':'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + listen + "': the port is from 0 to 65535");
        }
        return new MetricsSettings(Optional.of(new InetSocketAddress(host, port)));
    }
}
