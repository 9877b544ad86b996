package org.mailpush.push.fcm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where FCM is and who sends to it.
 *
 * @param serviceAccount the service account's JSON key file (from the Firebase console); its project is the one sent for
 * @param endpoint       FCM's base URL, {@code https://fcm.googleapis.com}; another for tests
 * @param timeout        how long a request to FCM or to the token endpoint may take
 * @param maxAttempts    attempts in all for a message FCM asks to send again (429, 5xx)
 */
public record FcmSettings(Path serviceAccount, URI endpoint, Duration timeout, int maxAttempts) {
    public static final URI ENDPOINT = URI.create("https://fcm.googleapis.com");

    public FcmSettings {
        Objects.requireNonNull(serviceAccount, "serviceAccount");
        Objects.requireNonNull(endpoint, "endpoint");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1-10, got " + maxAttempts);
        }
    }
}
