package org.mailpush.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.mailpush.push.PushTransportContract;
import org.mailpush.push.fcm.FakeFcm.Answer;
import org.mailpush.push.webpush.RetryPolicy;
import org.mailpush.push.webpush.RetryTimer;

/**
 * The FCM transport against FCM and Google's token endpoint faked on loopback: the service account's
 * JWT assertion verified with its public key, the message as FCM gets it, the access token reused and
 * renewed, and each of FCM's answers as its outcome. Waits between attempts run at once and move the
 * clock instead.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FcmTransportIT implements PushTransportContract {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    static final String EMAIL = "mailpush@mailpush-demo.iam.gserviceaccount.com";
    private static final String LIVE = "fLiVe-token:APA91b" + "x".repeat(40);
    private static final String UNREGISTERED = "fGone-token:APA91b" + "y".repeat(40);
    private static final String INVALID = "fBad-token:APA91b" + "z".repeat(40);
    private static final String BUSY = "fBusy-token:APA91b" + "w".repeat(40);
    private static final String QUOTA = "fQuota-token:APA91b" + "v".repeat(40);
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10));

    @TempDir
    Path directory;
    private final MutableClock clock = new MutableClock(NOW);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final RetryTimer timer = delay -> {
        waits.add(delay);
        clock.advance(delay);
        return Runnable::run;
    };
    private FakeFcm fcm;
    private FcmTransport transport;

    @BeforeEach
    void start() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        fcm = FakeFcm.start(key.getPublic(), EMAIL);
        fcm.answer(UNREGISTERED, Answer.UNREGISTERED);
        fcm.answer(INVALID, Answer.INVALID_TOKEN);
        fcm.answer(BUSY, Answer.UNAVAILABLE);
        fcm.answer(QUOTA, Answer.QUOTA_EXCEEDED);
        Path account = serviceAccount(directory, key, fcm.tokenUri());
        transport = new FcmTransport(new FcmSettings(account, FakeFcm.PROJECT, fcm.base(), Duration.ofSeconds(5), RETRY), clock, timer);
    }

    /** A service-account key file as the Firebase console gives one, with the test's key and token endpoint. */
    static Path serviceAccount(Path directory, KeyPair key, URI tokenUri) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        var json = new ObjectMapper().createObjectNode()
                .put("type", "service_account")
                .put("project_id", FakeFcm.PROJECT)
                .put("private_key_id", "0123456789abcdef")
                .put("private_key", pem)
                .put("client_email", EMAIL)
                .put("token_uri", tokenUri.toString());
        Path file = directory.resolve("service-account.json");
        Files.writeString(file, json.toString());
        return file;
    }

    @AfterEach
    void stop() {
        transport.close();
        fcm.close();
    }

    @Override
    public PushTransport transport() {
        return transport;
    }

    @Override
    public PushChannel liveChannel() {
        return channel(LIVE);
    }

    @Override
    public PushChannel goneChannel() {
        return channel(UNREGISTERED);
    }

    @Override
    public PushChannel failingChannel() {
        return channel(BUSY);
    }

    private static PushChannel channel(String token) {
        return PushChannel.unkeyed(new DeviceId("phone"), PushChannel.Kind.FCM, URI.create("fcm:" + token));
    }

    private PushOutcome send(String token, PushMessage message) throws Exception {
        return transport.send(channel(token), message).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aMailArrivesAsANotificationWithTheNoticeAsData() throws Exception {
        assertThat(send(LIVE, notice())).isEqualTo(new PushOutcome.Delivered());

        JsonNode message = fcm.takeMessage().path("message");
        assertThat(message.path("token").asText()).isEqualTo(LIVE);
        assertThat(message.at("/notification/title").asText()).isEqualTo("Lunch on Friday?");
        assertThat(message.at("/notification/body").asText()).isEqualTo("carol@example.org: Are you free at one?");
        assertThat(message.at("/data/type").asText()).isEqualTo("mail");
        assertThat(message.at("/data/seq").isTextual()).isTrue();
        assertThat(message.at("/data/seq").asText()).isEqualTo("17");
        assertThat(message.at("/data/fetch").asText()).isEqualTo("/api/link/mails/1234/raw");
        assertThat(message.at("/android/collapse_key").asText()).isEqualTo("mail-1234");
        assertThat(message.at("/android/priority").asText()).isEqualTo("high");
        assertThat(message.at("/android/ttl").asText()).isEqualTo("3600s");
    }

    @Test
    void theAssertionIsTheServiceAccountsAskingForTheMessagingScope() throws Exception {
        send(LIVE, notice());

        JsonNode claims = fcm.takeAssertion();
        assertThat(claims.path("iss").asText()).isEqualTo(EMAIL);
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.plusSeconds(3600).getEpochSecond());
    }

    @Test
    void theAccessTokenIsReusedThenRenewedBeforeItExpires() throws Exception {
        send(LIVE, notice());
        send(LIVE, notice());
        assertThat(fcm.tokensGiven()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(55));
        assertThat(send(LIVE, notice())).isEqualTo(new PushOutcome.Delivered());

        assertThat(fcm.tokensGiven()).isEqualTo(2);
    }

    @Test
    void aRetractionIsDataOnlyAndNotUrgent() throws Exception {
        String retract = "{\"type\":\"retract\",\"mail\":\"1234\",\"seq\":19,\"url\":\"/terminal.html#mail-1234\"}";
        send(LIVE, new PushMessage(retract.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1), PushMessage.Urgency.NORMAL, "mail-1234"));

        JsonNode message = fcm.takeMessage().path("message");
        assertThat(message.has("notification")).isFalse();
        assertThat(message.at("/data/type").asText()).isEqualTo("retract");
        assertThat(message.at("/android/priority").asText()).isEqualTo("normal");
        assertThat(message.at("/android/collapse_key").asText()).isEqualTo("mail-1234");
    }

    @Test
    void unregisteredIsGone() throws Exception {
        assertThat(send(UNREGISTERED, notice())).isEqualTo(new PushOutcome.Gone("FCM answered 404 UNREGISTERED: Requested entity was not found."));
    }

    @Test
    void anInvalidRegistrationTokenIsGone() throws Exception {
        assertThat(send(INVALID, notice())).isInstanceOf(PushOutcome.Gone.class);
    }

    @Test
    void unavailableIsTriedAgainAfterRetryAfterThenFailed() throws Exception {
        PushOutcome outcome = send(BUSY, notice());

        assertThat(outcome).isInstanceOf(PushOutcome.Failed.class);
        assertThat(((PushOutcome.Failed) outcome).reason()).startsWith("gave up after 3 attempt(s): FCM answered 503 UNAVAILABLE");
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(fcm.sends()).isEqualTo(3);
    }

    @Test
    void quotaExceededBacksOffThenFails() throws Exception {
        assertThat(send(QUOTA, notice())).isInstanceOf(PushOutcome.Failed.class);

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void retriesTakeTheTimeTheyUsedOffTheTtl() throws Exception {
        send(BUSY, notice());

        assertThat(fcm.takeMessage().at("/message/android/ttl").asText()).isEqualTo("3600s");
        assertThat(fcm.takeMessage().at("/message/android/ttl").asText()).isEqualTo("3593s");
    }

    @Test
    void aServiceAccountFileThatCannotBeReadIsNamedButItsContentIsNotShown() throws Exception {
        Path broken = directory.resolve("broken.json");
        Files.writeString(broken, "{\"client_email\":\"x@y\",\"private_key\":\"TOPSECRETMATERIAL\"}");
        var settings = new FcmSettings(broken, FakeFcm.PROJECT, fcm.base(), Duration.ofSeconds(5), RETRY);

        assertThatThrownBy(() -> new FcmTransport(settings, InstantSource.fixed(NOW), timer))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString())
                .hasNoCause()
                .message().doesNotContain("TOPSECRET");
    }

    @Test
    void aTokenEndpointThatRefusesTheAssertionFailsTheMessage() throws Exception {
        var other = KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);
        Path wrongKey = serviceAccount(Files.createDirectory(directory.resolve("other")), other.generateKeyPair(), fcm.tokenUri());
        try (var wrong = new FcmTransport(new FcmSettings(wrongKey, FakeFcm.PROJECT, fcm.base(), Duration.ofSeconds(5), RETRY), clock,
                timer)) {
            PushOutcome outcome = wrong.send(channel(LIVE), notice()).toCompletableFuture().get(30, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(PushOutcome.Failed.class);
            assertThat(((PushOutcome.Failed) outcome).reason()).contains("400").contains("invalid_grant");
            assertThat(fcm.sends()).isZero();
        }
    }

    @Test
    void aChannelThatIsNotAnFcmTokenIsGoneWithoutAsking() throws Exception {
        var channel = PushChannel.unkeyed(new DeviceId("phone"), PushChannel.Kind.FCM, URI.create("fcm:x"));

        assertThat(transport.send(channel, notice()).toCompletableFuture().get()).isInstanceOf(PushOutcome.Gone.class);
        assertThat(FcmTransport.refusal(channel)).contains("fcm:REGISTRATION-TOKEN");
    }

    /** A clock the test moves by hand. */
    static final class MutableClock implements InstantSource {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }
}
