package org.mailpush.push.webpush;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * A push subscription as a browser's {@code PushSubscription.toJSON()} gives it: the push resource to
 * send to (RFC 8030 §4) and the user agent's keys for message encryption (RFC 8291 §2).
 *
 * <p>Validated on construction, so that a subscription that cannot be used is refused when it is
 * registered rather than at its first message. Whether its host may be contacted is decided at each
 * send, since that depends on what the name resolves to then.
 *
 * @param endpoint an absolute {@code https} (or, for tests, {@code http}) URL of at most 2048 characters
 * @param p256dh   the user agent's public key: an uncompressed P-256 point, 65 octets
 * @param auth     the user agent's authentication secret, 16 octets
 */
public record Subscription(URI endpoint, byte[] p256dh, byte[] auth) {
    /** The longest endpoint taken; browsers' are a few hundred characters. */
    public static final int MAX_ENDPOINT_LENGTH = 2048;

    public Subscription {
        Objects.requireNonNull(endpoint, "endpoint");
        String text = endpoint.toString();
        if (text.length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("a push endpoint is at most " + MAX_ENDPOINT_LENGTH + " characters, got " + text.length());
        }
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("a push endpoint must be an https URL, got scheme '" + scheme + "'");
        }
        if (endpoint.getHost() == null || endpoint.getRawUserInfo() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("a push endpoint needs a host and has neither user info nor fragment");
        }
        try {
            P256.publicKey(Objects.requireNonNull(p256dh, "p256dh"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("p256dh: " + e.getMessage(), e);
        }
        if (Objects.requireNonNull(auth, "auth").length != MessageEncryption.AUTH_SECRET_BYTES) {
            throw new IllegalArgumentException("auth: the secret must be 16 octets, got " + auth.length);
        }
        p256dh = p256dh.clone();
        auth = auth.clone();
    }

    /**
     * The subscription of the three strings a browser gives: {@code endpoint}, {@code keys.p256dh}
     * and {@code keys.auth}, the keys in base64url (RFC 4648 §5), padded or not.
     *
     * @throws IllegalArgumentException naming the value that is malformed
     */
    public static Subscription of(String endpoint, String p256dh, String auth) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(endpoint, "endpoint"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a push endpoint must be a URL: " + e.getMessage(), e);
        }
        return new Subscription(uri, base64Url("p256dh", p256dh), base64Url("auth", auth));
    }

    @Override
    public byte[] p256dh() {
        return p256dh.clone();
    }

    @Override
    public byte[] auth() {
        return auth.clone();
    }

    /** The endpoint's origin, {@code scheme://host[:port]}: the VAPID audience and the unit of concurrency. */
    public String origin() {
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subscription that && endpoint.equals(that.endpoint)
                && Arrays.equals(p256dh, that.p256dh) && Arrays.equals(auth, that.auth);
    }

    @Override
    public int hashCode() {
        return endpoint.hashCode();
    }

    /** The origin only: the endpoint's path lets anyone holding it push to the user, and auth is a secret. */
    @Override
    public String toString() {
        return "Subscription[" + origin() + "/…]";
    }

    private static byte[] base64Url(String name, String value) {
        try {
            return Base64.getUrlDecoder().decode(Objects.requireNonNull(value, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64url: " + e.getMessage(), e);
        }
    }
}
