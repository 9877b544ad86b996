package org.mailpush.device;

import java.net.URI;
import java.util.Objects;

/**
 * A way to reach a terminal that needs no open connection: where its push service, phone network or
 * hook takes messages for it, and for Web Push and UnifiedPush the keys that encrypt them (RFC 8030,
 * RFC 8291).
 *
 * @param endpoint where messages go, as a URI: an {@code https} push resource or hook, {@code apns:TOKEN},
 *                 {@code fcm:TOKEN}, {@code tel:+E164}
 * @param p256dh   the terminal's P-256 public key, base64url as the subscription gives it; empty for the
 *                 kinds that take no keys
 * @param auth     the terminal's authentication secret, base64url; empty likewise
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
        if (!endpoint.isAbsolute() || (kind.web() && endpoint.getHost() == null)) {
            throw new IllegalArgumentException("a " + kind.token() + " endpoint is an absolute URL with a host, got '" + endpoint + "'");
        }
        boolean keyed = kind == Kind.WEB_PUSH || kind == Kind.UNIFIED_PUSH;
        if (keyed && (p256dh.isEmpty() || p256dh.length() > MAX_KEY_LENGTH || auth.isEmpty() || auth.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("a push subscription's keys p256dh and auth are 1-" + MAX_KEY_LENGTH + " characters");
        }
        if (!keyed && !(p256dh.isEmpty() && auth.isEmpty())) {
            throw new IllegalArgumentException("a " + kind.token() + " channel takes no keys");
        }
    }

    /** A channel of a kind that takes no keys: APNs, FCM, SMS, a webhook. */
    public static PushChannel unkeyed(DeviceId device, Kind kind, URI endpoint) {
        return new PushChannel(device, kind, endpoint, "", "");
    }

    /** Which service the channel goes through; Web Push and UnifiedPush carry the same RFC 8291 message. */
    public enum Kind {
        /** A browser's push subscription (the Push API). */
        WEB_PUSH("Web Push", "web-push", true),
        /** An endpoint from a UnifiedPush distributor, such as ntfy. */
        UNIFIED_PUSH("UnifiedPush", "unifiedpush", true),
        /** Apple's push service for an iOS or macOS app: {@code apns:DEVICE-TOKEN}. */
        APNS("APNs", "apns", false),
        /** Firebase Cloud Messaging for an Android app: {@code fcm:REGISTRATION-TOKEN}. */
        FCM("FCM", "fcm", false),
        /** A short message to a phone number through a carrier's SMSC: {@code tel:+E164}. */
        SMS("SMS", "sms", false),
        /** An HTTP POST of a documented JSON body to the user's URL. */
        WEBHOOK("webhook", "webhook", true);

        private final String word;
        private final String token;
        private final boolean web;

        Kind(String word, String token, boolean web) {
            this.word = word;
            this.token = token;
            this.web = web;
        }

        /** As people name it: "Web Push". */
        public String word() {
            return word;
        }

        /** As JSON and the database spell it: "web-push". */
        public String token() {
            return token;
        }

        /** Whether the endpoint is an http(s) URL on the open internet, checked as such before it is contacted. */
        public boolean web() {
            return web;
        }

        /** @throws IllegalArgumentException naming the kinds there are */
        public static Kind of(String token) {
            for (Kind kind : values()) {
                if (kind.token.equals(token)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("a push channel's kind is one of web-push, unifiedpush, apns, fcm, sms, webhook; got '"
                    + token + "'");
        }
    }
}
