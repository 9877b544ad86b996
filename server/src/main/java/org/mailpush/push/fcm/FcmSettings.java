package org.mailpush.push.fcm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mailpush.push.webpush.RetryPolicy;

/**
 * The FCM transport's settings.
 *
 * @param serviceAccountFile the Firebase project's service-account key (JSON), read once at start, never
 *                           stored elsewhere nor logged
 * @param projectId          the Firebase project's id, as in {@code projects/PROJECT/messages:send}
 * @param endpoint           where FCM's HTTP v1 API is: {@link #GOOGLE}, or a local fake in tests
 * @param timeout            for opening a connection, and again for the answer
 * @param retry              when a message is sent again after a transient failure (429, 5xx, a network error)
 */
public record FcmSettings(Path serviceAccountFile, String projectId, URI endpoint, Duration timeout, RetryPolicy retry) {
    /** FCM's own endpoint. */
    public static final URI GOOGLE = URI.create("https://fcm.googleapis.com");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{3,62}");

    public FcmSettings {
        Objects.requireNonNull(serviceAccountFile, "serviceAccountFile");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retry, "retry");
        if (projectId == null || !PROJECT.matcher(projectId).matches()) {
            throw new IllegalArgumentException("projectId is a Firebase project id (a-z 0-9 -), got '" + projectId + "'");
        }
        String scheme = endpoint.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme)) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint is an https URL such as " + GOOGLE + ", got '" + endpoint + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** The URL messages are posted to. */
    URI send() {
        String base = endpoint.toString().replaceAll("/+$", "");
        return URI.create(base + "/v1/projects/" + projectId + "/messages:send");
    }
}
