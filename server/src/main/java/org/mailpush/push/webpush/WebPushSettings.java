package org.mailpush.push.webpush;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The Web Push transport's settings.
 *
 * @param subject               the operator's contact for push services, VAPID's {@code sub}
 *                              (RFC 8292 §2.1): a {@code mailto:} or {@code https:} URL
 * @param connectTimeout        how long a connection to a push service may take to open
 * @param requestTimeout        how long a request may wait for its response, after the connection
 * @param perOriginInFlight     requests in flight at once to one push service origin
 * @param maxInFlight           requests in flight at once in all
 * @param retry                 when a message is sent again after a transient failure
 * @param allowInsecureLoopback also send to {@code http} endpoints on a loopback address: for tests
 *                              against a local push service, never in production
 */
public record WebPushSettings(
        URI subject, Duration connectTimeout, Duration requestTimeout, int perOriginInFlight, int maxInFlight,
        RetryPolicy retry, boolean allowInsecureLoopback) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_PER_ORIGIN_IN_FLIGHT = 4;
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    public WebPushSettings {
        Objects.requireNonNull(subject, "subject");
        String scheme = subject.getScheme() == null ? "" : subject.getScheme().toLowerCase(Locale.ROOT);
        boolean contact = switch (scheme) {
            case "mailto" -> subject.getSchemeSpecificPart() != null && subject.getSchemeSpecificPart().contains("@");
            case "https" -> subject.getHost() != null;
            default -> false;
        };
        if (!contact) {
            throw new IllegalArgumentException("subject must be a mailto: address or an https: URL, got '" + subject + "'");
        }
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        if (perOriginInFlight < 1 || maxInFlight < perOriginInFlight) {
            throw new IllegalArgumentException("perOriginInFlight must be at least 1 and maxInFlight at least perOriginInFlight, got "
                    + perOriginInFlight + " and " + maxInFlight);
        }
        Objects.requireNonNull(retry, "retry");
    }

    /** The defaults: 10 s timeouts, 4 requests per origin and 64 in all, {@link RetryPolicy#DEFAULTS}, https only. */
    public static WebPushSettings defaults(URI subject) {
        return new WebPushSettings(subject, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_PER_ORIGIN_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT,
                RetryPolicy.DEFAULTS, false);
    }

    static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
