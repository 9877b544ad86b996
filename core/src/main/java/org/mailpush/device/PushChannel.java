package org.mailpush.device;

import java.net.URI;
import java.util.Objects;

/**
 * A way to reach a terminal that needs no open connection: a push service endpoint the terminal
 * subscribed to, with the keys that encrypt messages for it (RFC 8030, RFC 8291).
 *
 * @param p256dh the terminal's P-256 public key, base64url as the subscription gives it
 * @param auth   the terminal's authentication secret, base64url
 */
public record PushChannel(DeviceId device, Kind kind, URI endpoint, String p256dh, String auth) {
    /** Longest endpoint URL kept. */
    public static final int MAX_ENDPOINT_LENGTH = 2048;
    private static final int MAX_KEY_LENGTH = 128;

    public PushChannel {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(p256dh, "p256dh");
        Objects.requireNonNull(auth, "auth");
        if (endpoint.toString().length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalArgumentException("a push endpoint is at most " + MAX_ENDPOINT_LENGTH + " characters");
        }
        if (!endpoint.isAbsolute() || endpoint.getHost() == null) {
            throw new IllegalArgumentException("a push endpoint is an absolute URL with a host, got '" + endpoint + "'");
        }
        if (p256dh.isEmpty() || p256dh.length() > MAX_KEY_LENGTH || auth.isEmpty() || auth.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a push subscription's keys p256dh and auth are 1-" + MAX_KEY_LENGTH + " characters");
        }
    }

    /** Which protocol the channel speaks; both carry the same RFC 8291 message. */
    public enum Kind {
        /** A browser's push subscription (the Push API). */
        WEB_PUSH("Web Push", "web-push"),
        /** An endpoint from a UnifiedPush distributor, such as ntfy. */
        UNIFIED_PUSH("UnifiedPush", "unifiedpush");

        private final String word;
        private final String token;

        Kind(String word, String token) {
            this.word = word;
            this.token = token;
        }

        /** As people name it: "Web Push". */
        public String word() {
            return word;
        }

        /** As JSON and the database spell it: "web-push". */
        public String token() {
            return token;
        }

        /** @throws IllegalArgumentException naming the kinds there are */
        public static Kind of(String token) {
            for (Kind kind : values()) {
                if (kind.token.equals(token)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("a push channel is 'web-push' or 'unifiedpush', got '" + token + "'");
        }
    }
}
