package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VapidTest {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final URI CONTACT = URI.create("mailto:postmaster@mail.example.org");

    private final VapidKeys keys = VapidKeys.of(P256.generate(new SecureRandom()));
    private final MutableClock clock = new MutableClock(NOW);
    private final Vapid vapid = new Vapid(keys, CONTACT, clock);

    @Test
    void theTokenIsAnEs256JwtForThePushServicesOrigin() {
        VapidCheck check = VapidCheck.verify(vapid.authorization(subscription("https://Push.Example.NET:443/wpush/v2/abc?x=1")));

        assertThat(check.key()).isEqualTo(keys.publicKey());
        assertThat(check.header().toString()).isEqualTo("{\"typ\":\"JWT\",\"alg\":\"ES256\"}");
        assertThat(check.claims().get("aud").asText()).isEqualTo("https://push.example.net");
        assertThat(check.claims().get("exp").asLong()).isEqualTo(NOW.plus(Duration.ofHours(12)).getEpochSecond());
        assertThat(check.claims().get("sub").asText()).isEqualTo("mailto:postmaster@mail.example.org");
    }

    @Test
    void theAudienceKeepsAPortThatIsNotTheDefault() {
        VapidCheck check = VapidCheck.verify(vapid.authorization(subscription("http://127.0.0.1:8443/p")));

        assertThat(check.claims().get("aud").asText()).isEqualTo("http://127.0.0.1:8443");
    }

    @Test
    void aTokenIsReusedPerAudienceUntilAnHourBeforeItExpires() {
        Subscription first = subscription("https://push.example.net/a");
        String token = vapid.authorization(first);

        clock.advance(Duration.ofHours(10).plusMinutes(59));
        assertThat(vapid.authorization(subscription("https://push.example.net/b"))).as("same audience").isEqualTo(token);
        assertThat(vapid.authorization(subscription("https://other.example.com/a"))).as("another audience").isNotEqualTo(token);

        clock.advance(Duration.ofMinutes(1));
        String renewed = vapid.authorization(first);
        assertThat(renewed).isNotEqualTo(token);
        assertThat(VapidCheck.verify(renewed).claims().get("exp").asLong())
                .isEqualTo(clock.instant().plus(Vapid.LIFETIME).getEpochSecond());
    }

    static Subscription subscription(String endpoint) {
        byte[] point = P256.encode((ECPublicKey) P256.generate(new SecureRandom()).getPublic());
        return new Subscription(URI.create(endpoint), point, Base64.getUrlDecoder().decode("BTBZMqHH6r4Tts7J_aSIgg"));
    }
}
