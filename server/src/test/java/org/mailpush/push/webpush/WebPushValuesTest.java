package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The values a caller hands the transport validate themselves, naming what is wrong. */
class WebPushValuesTest {
    private static final String P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";

    @Test
    void aSubscriptionIsWhatABrowserGives() {
        var subscription = Subscription.of("https://fcm.googleapis.com/fcm/send/abc:def", P256DH, AUTH);

        assertThat(subscription.origin()).isEqualTo("https://fcm.googleapis.com");
        assertThat(subscription.p256dh()).hasSize(65);
        assertThat(subscription.auth()).hasSize(16);
        assertThat(subscription).isEqualTo(Subscription.of("https://fcm.googleapis.com/fcm/send/abc:def", P256DH + "=", AUTH + "=="));
        assertThat(subscription.toString()).isEqualTo("Subscription[https://fcm.googleapis.com/…]").doesNotContain("abc");
    }

    @Test
    void aSubscriptionThatCannotBeUsedIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Subscription.of("https://push.example/" + "p".repeat(2048), P256DH, AUTH)).hasMessageContaining("2048");
        assertThatThrownBy(() -> Subscription.of("ftp://push.example/p", P256DH, AUTH)).hasMessageContaining("https");
        assertThatThrownBy(() -> Subscription.of("/relative", P256DH, AUTH)).hasMessageContaining("https");
        assertThatThrownBy(() -> Subscription.of("https://user@push.example/p", P256DH, AUTH)).hasMessageContaining("user info");
        assertThatThrownBy(() -> Subscription.of("https://push.example/p", P256DH.substring(1), AUTH)).hasMessageContaining("p256dh");
        assertThatThrownBy(() -> Subscription.of("https://push.example/p", "BA" + P256DH.substring(2), AUTH)).hasMessageContaining("curve");
        assertThatThrownBy(() -> Subscription.of("https://push.example/p", P256DH, "AAAA")).hasMessageContaining("auth");
        assertThatThrownBy(() -> Subscription.of("https://push.example/p", P256DH, "*")).hasMessageContaining("auth");
    }

    @Test
    void aTopicIsAtMost32Base64UrlCharactersAndAHashOfAKeyIsOne() {
        assertThat(Topic.of("device 7, mail 42").value()).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(Topic.of("device 7, mail 42")).isEqualTo(Topic.of("device 7, mail 42")).isNotEqualTo(Topic.of("device 7, mail 43"));
        assertThatThrownBy(() -> new Topic("a".repeat(33))).hasMessageContaining("32");
        assertThatThrownBy(() -> new Topic("new mail")).hasMessageContaining("base64url");
    }

    @Test
    void aMessageHoldsOneRecordAtMost() {
        var largest = new WebPushMessage(new byte[3993], Duration.ofHours(1), Urgency.HIGH, Optional.empty());
        assertThat(largest.payload()).hasSize(3993);
        assertThatThrownBy(() -> new WebPushMessage(new byte[3994], Duration.ofHours(1), Urgency.HIGH, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3993");
        assertThatThrownBy(() -> new WebPushMessage(new byte[1], Duration.ofSeconds(-1), Urgency.HIGH, Optional.empty()))
                .hasMessageContaining("ttl");
        assertThat(Urgency.VERY_LOW.token()).isEqualTo("very-low");
    }

    @Test
    void settingsValidateAndNameTheirKey() {
        var defaults = WebPushSettings.defaults(URI.create("mailto:postmaster@example.org"));
        assertThat(defaults.perOriginInFlight()).isEqualTo(4);
        assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.allowInsecureLoopback()).isFalse();
        assertThat(WebPushSettings.defaults(URI.create("https://mail.example.org/contact")).subject()).hasToString("https://mail.example.org/contact");

        assertThatThrownBy(() -> WebPushSettings.defaults(URI.create("http://mail.example.org/"))).hasMessageContaining("subject");
        assertThatThrownBy(() -> WebPushSettings.defaults(URI.create("mailto:nobody"))).hasMessageContaining("subject");
        assertThatThrownBy(() -> new WebPushSettings(defaults.subject(), Duration.ZERO, Duration.ofSeconds(1), 4, 64, RetryPolicy.DEFAULTS, false))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new WebPushSettings(defaults.subject(), Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 3, RetryPolicy.DEFAULTS, false))
                .hasMessageContaining("maxInFlight");
    }
}
