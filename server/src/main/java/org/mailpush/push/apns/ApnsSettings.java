package org.mailpush.push.apns;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mailpush.push.webpush.RetryPolicy;

/**
 * The APNs transport's settings: the provider token's signing key and the app it pushes to.
 *
 * @param keyFile     the {@code .p8} file Apple gives for an APNs key (a PKCS#8 P-256 private key, PEM);
 *                    read once at start, never stored elsewhere nor logged
 * @param keyId       the key's id, 10 characters, from the developer account
 * @param teamId      the team's id, 10 characters, the provider token's issuer
 * @param topic       the app's bundle id, such as {@code org.example.mailpush}: every notification's {@code apns-topic}
 * @param environment which of Apple's servers: the development (sandbox) one for builds from Xcode, or production
 * @param retry       when a notification is sent again after a transient failure (429, 5xx, a lost connection)
 */
public record ApnsSettings(Path keyFile, String keyId, String teamId, String topic, Environment environment, RetryPolicy retry) {
    private static final Pattern TEN = Pattern.compile("[A-Z0-9]{10}");
    private static final Pattern BUNDLE = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    public ApnsSettings {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(retry, "retry");
        if (keyId == null || !TEN.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId is the 10 characters A-Z 0-9 of the APNs key's id, got '" + keyId + "'");
        }
        if (teamId == null || !TEN.matcher(teamId).matches()) {
            throw new IllegalArgumentException("teamId is the 10 characters A-Z 0-9 of the team's id, got '" + teamId + "'");
        }
        if (topic == null || !BUNDLE.matcher(topic).matches()) {
            throw new IllegalArgumentException("topic is the app's bundle id, such as org.example.mailpush, got '" + topic + "'");
        }
    }

    /** Apple's two APNs servers. */
    public enum Environment {
        /** For apps built for development (Xcode, {@code aps-environment} development). */
        SANDBOX("api.sandbox.push.apple.com"),
        /** For apps from the App Store, TestFlight or an ad-hoc build. */
        PRODUCTION("api.push.apple.com");

        private final String host;

        Environment(String host) {
            this.host = host;
        }

        public String host() {
            return host;
        }

        /** {@code sandbox} or {@code production}. */
        public static Environment of(String word) {
            return switch (word) {
                case "sandbox", "development" -> SANDBOX;
                case "production" -> PRODUCTION;
                default -> throw new IllegalArgumentException("the APNs environment is sandbox or production, got '" + word + "'");
            };
        }
    }
}
