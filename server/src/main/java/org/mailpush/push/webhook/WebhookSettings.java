package org.mailpush.push.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook transport's settings (docs/configuration.md, {@code webhook.*}).
 *
 * @param connectTimeout        opening a connection to the hook's host
 * @param requestTimeout        waiting for the answer; reading its body is bounded by both together
 * @param perOriginInFlight     requests in flight to one origin
 * @param maxInFlight           requests in flight in all
 * @param maxAttempts           attempts in all for a transient failure (429, 5xx, network)
 * @param initialBackoff        the wait after the first failed attempt, doubled after each
 * @param publicUrl             the server's address as people's browsers reach it, for the {@code Click}
 *                              header; none, none sent
 * @param allowInsecureLoopback also post to {@code http} URLs on loopback: for tests only
 */
public record WebhookSettings(Duration connectTimeout, Duration requestTimeout, int perOriginInFlight, int maxInFlight,
        int maxAttempts, Duration initialBackoff, Optional<URI> publicUrl, boolean allowInsecureLoopback) {

    public static final WebhookSettings DEFAULTS = new WebhookSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 4, 64, 3,
            Duration.ofSeconds(1), Optional.empty(), false);

    public WebhookSettings {
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        positive("initialBackoff", initialBackoff);
        Objects.requireNonNull(publicUrl, "publicUrl");
        if (perOriginInFlight < 1 || maxInFlight < perOriginInFlight || maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("webhook limits: 1 <= per origin <= in all, 1 to 10 attempts; got " + perOriginInFlight
                    + ", " + maxInFlight + ", " + maxAttempts);
        }
        publicUrl.ifPresent(url -> {
            if (!url.isAbsolute() || url.getHost() == null) {
                throw new IllegalArgumentException("the public URL must be absolute, like https://mail.example.com, got " + url);
            }
        });
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
