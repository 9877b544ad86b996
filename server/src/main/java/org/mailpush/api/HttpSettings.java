package org.mailpush.api;

/**
 * Where the HTTP API listens.
 *
 * @param host           the address to bind, e.g. 127.0.0.1 or 0.0.0.0
 * @param port           the port; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted
 */
public record HttpSettings(String host, int port, long maxRequestBytes) {
    public static final HttpSettings DEFAULTS = new HttpSettings("127.0.0.1", 8025, 1024 * 1024);

    public HttpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("http host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http port must be 0-65535, got " + port);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("http max request size must be at least 1024 bytes, got " + maxRequestBytes);
        }
    }
}
