package org.mailpush.push.apns;

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
import java.security.spec.ECGenParameterSpec;
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
import org.mailpush.push.apns.FakeApns.Answer;
import org.mailpush.push.webpush.RetryPolicy;
import org.mailpush.push.webpush.RetryTimer;

/**
 * The APNs transport against Pushy's mock APNs server on loopback: what the device would get (the
 * alert, the notice's fields, the headers APNs acts on), a provider token that verifies with the team
 * key, and each of Apple's answers as its outcome. Waits between attempts run at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ApnsTransportIT implements PushTransportContract {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final String LIVE = "a".repeat(64);
    private static final String BAD = "b".repeat(64);
    private static final String UNREGISTERED = "c".repeat(64);
    private static final String BUSY = "d".repeat(64);
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10));

    @TempDir
    Path directory;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    /** Runs before each wait between attempts: where a test brings APNs back. */
    private volatile Runnable whileWaiting = () -> {};
    private final RetryTimer timer = delay -> {
        waits.add(delay);
        whileWaiting.run();
        return Runnable::run;
    };
    private KeyPair teamKey;
    private FakeApns apns;
    private ApnsTransport transport;

    @BeforeEach
    void start() throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        teamKey = generator.generateKeyPair();
        Path keyFile = directory.resolve("AuthKey_ABCDE12345.p8");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(teamKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        apns = FakeApns.start(directory, teamKey.getPublic());
        apns.answer(BAD, Answer.BAD_DEVICE_TOKEN);
        apns.answer(UNREGISTERED, Answer.UNREGISTERED);
        apns.answer(BUSY, Answer.TOO_MANY_REQUESTS);
        var settings = new ApnsSettings(keyFile, "ABCDE12345", "TEAM123456", "org.example.mailpush", ApnsSettings.Environment.SANDBOX,
                RETRY);
        var client = ApnsTransport.clientBuilder(settings).setApnsServer("localhost", apns.port())
                .setTrustedServerCertificateChain(apns.certificate()).build();
        transport = new ApnsTransport(settings, client, InstantSource.fixed(NOW), timer);
    }

    @AfterEach
    void stop() throws Exception {
        transport.close();
        apns.close();
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
        return channel(BAD);
    }

    @Override
    public PushChannel failingChannel() {
        return channel(BUSY);
    }

    private static PushChannel channel(String token) {
        return PushChannel.unkeyed(new DeviceId("phone"), PushChannel.Kind.APNS, URI.create("apns:" + token));
    }

    private PushOutcome send(String token, PushMessage message) throws Exception {
        return transport.send(channel(token), message).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aMailArrivesAsAnAlertWithTheNoticeBesideIt() throws Exception {
        assertThat(send(LIVE, notice())).isEqualTo(new PushOutcome.Delivered());

        FakeApns.Received request = apns.take();
        assertThat(request.header(":method")).isEqualTo("POST");
        assertThat(request.header(":path")).isEqualTo("/3/device/" + LIVE);
        assertThat(request.header("apns-topic")).isEqualTo("org.example.mailpush");
        assertThat(request.header("apns-push-type")).isEqualTo("alert");
        assertThat(request.header("apns-priority")).isEqualTo("10");
        assertThat(request.header("apns-collapse-id")).isEqualTo("mail-1234");
        assertThat(request.header("apns-expiration")).isEqualTo(Long.toString(NOW.plus(Duration.ofHours(1)).getEpochSecond()));
        JsonNode payload = request.payload();
        assertThat(payload.at("/aps/alert/title").asText()).isEqualTo("Lunch on Friday?");
        assertThat(payload.at("/aps/alert/body").asText()).isEqualTo("carol@example.org: Are you free at one?");
        assertThat(payload.path("type").asText()).isEqualTo("mail");
        assertThat(payload.path("mail").asText()).isEqualTo("1234");
        assertThat(payload.path("fetch").asText()).isEqualTo("/api/link/mails/1234/raw");
    }

    @Test
    void theProviderTokenNamesTheKeyAndTheTeam() throws Exception {
        send(LIVE, notice());

        String[] jwt = apns.take().header("authorization").substring("bearer ".length()).split("\\.");
        var json = new ObjectMapper();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(jwt[0])).path("kid").asText()).isEqualTo("ABCDE12345");
        assertThat(json.readTree(Base64.getUrlDecoder().decode(jwt[0])).path("alg").asText()).isEqualTo("ES256");
        assertThat(json.readTree(Base64.getUrlDecoder().decode(jwt[1])).path("iss").asText()).isEqualTo("TEAM123456");
    }

    @Test
    void aLowUrgencyHintWaitsForThePhoneToWake() throws Exception {
        String hint = "{\"type\":\"hint\",\"mail\":\"1234\",\"seq\":18,\"from\":\"carol@example.org\",\"subject\":\"Lunch\","
                + "\"pushedTo\":[\"laptop\"],\"url\":\"/terminal.html#mail-1234\"}";
        send(LIVE, new PushMessage(hint.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), PushMessage.Urgency.LOW, "mail-1234"));

        FakeApns.Received request = apns.take();
        assertThat(request.header("apns-priority")).isEqualTo("5");
        assertThat(request.header("apns-push-type")).isEqualTo("alert");
        assertThat(request.payload().at("/aps/alert/body").asText()).isEqualTo("carol@example.org");
        assertThat(request.payload().path("pushedTo").get(0).asText()).isEqualTo("laptop");
    }

    @Test
    void aRetractionIsASilentBackgroundNotificationWithTheMailsCollapseId() throws Exception {
        String retract = "{\"type\":\"retract\",\"mail\":\"1234\",\"seq\":19,\"url\":\"/terminal.html#mail-1234\"}";
        send(LIVE, new PushMessage(retract.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1), PushMessage.Urgency.NORMAL,
                "mail-1234"));

        FakeApns.Received request = apns.take();
        assertThat(request.header("apns-push-type")).isEqualTo("background");
        assertThat(request.header("apns-priority")).isEqualTo("5");
        assertThat(request.header("apns-collapse-id")).isEqualTo("mail-1234");
        assertThat(request.payload().at("/aps/content-available").asInt()).isEqualTo(1);
        assertThat(request.payload().at("/aps/alert").isMissingNode()).isTrue();
        assertThat(request.payload().path("type").asText()).isEqualTo("retract");
    }

    @Test
    void badDeviceTokenIsGone() throws Exception {
        assertThat(send(BAD, notice())).isEqualTo(new PushOutcome.Gone("APNs answered 400 BadDeviceToken"));
    }

    @Test
    void unregisteredIsGone() throws Exception {
        assertThat(send(UNREGISTERED, notice())).isEqualTo(new PushOutcome.Gone("APNs answered 410 Unregistered"));
    }

    @Test
    void tooManyRequestsIsTriedAgainAfterGrowingWaitsThenFailed() throws Exception {
        PushOutcome outcome = send(BUSY, notice());

        assertThat(outcome).isEqualTo(new PushOutcome.Failed("gave up after 3 attempt(s): APNs answered 429 TooManyRequests"));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(apns.requests()).isEqualTo(3);
    }

    @Test
    void payloadTooLargeIsTooLarge() throws Exception {
        String large = "e".repeat(64);
        apns.answer(large, Answer.PAYLOAD_TOO_LARGE);

        assertThat(send(large, notice())).isInstanceOf(PushOutcome.TooLarge.class);
    }

    @Test
    void aTokenThatIsNotHexadecimalIsGoneWithoutAsking() throws Exception {
        var channel = PushChannel.unkeyed(new DeviceId("phone"), PushChannel.Kind.APNS, URI.create("apns:not-a-token"));

        assertThat(transport.send(channel, notice()).toCompletableFuture().get()).isInstanceOf(PushOutcome.Gone.class);
        assertThat(ApnsTransport.refusal(channel)).contains("apns:DEVICE-TOKEN");
        assertThat(apns.requests()).isZero();
    }

    @Test
    void aKeyFileThatCannotBeReadIsNamedButItsContentIsNotShown() throws Exception {
        Path broken = directory.resolve("broken.p8");
        Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----\n");
        var settings = new ApnsSettings(broken, "ABCDE12345", "TEAM123456", "org.example.mailpush", ApnsSettings.Environment.SANDBOX,
                RETRY);

        assertThatThrownBy(() -> ApnsTransport.clientBuilder(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString())
                .hasNoCause()
                .message().doesNotContain("TOPSECRET");
    }

    @Test
    void afterClosingANoticeFails() throws Exception {
        transport.close();

        assertThat(send(LIVE, notice())).isInstanceOf(PushOutcome.Failed.class);
    }

    @Test
    void aConnectionAPNsDroppedIsMadeAgainForTheNextNotice() throws Exception {
        assertThat(send(LIVE, notice())).isEqualTo(new PushOutcome.Delivered());
        apns.take();
        int port = apns.port();
        apns.close();
        apns = FakeApns.start(directory, teamKey.getPublic(), port);

        assertThat(send(LIVE, notice())).isEqualTo(new PushOutcome.Delivered());
        assertThat(apns.take().header(":path")).isEqualTo("/3/device/" + LIVE);
    }

    @Test
    void aNoticeSentWhileAPNsIsAwayIsSentAgainOnceItIsBack() throws Exception {
        int port = apns.port();
        apns.close();
        whileWaiting = () -> {
            whileWaiting = () -> {};
            try {
                apns = FakeApns.start(directory, teamKey.getPublic(), port);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };

        assertThat(send(LIVE, notice())).isEqualTo(new PushOutcome.Delivered());
        assertThat(waits).hasSize(1);
        assertThat(apns.take().header(":path")).isEqualTo("/3/device/" + LIVE);
        assertThat(apns.requests()).isEqualTo(1);
    }
}
