package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mailpush.push.webpush.FakePushService.Reply;

/**
 * The transport against a push service faked at the wire on loopback: what it sends is read the way
 * a push service and a browser read it — the VAPID token verified with the key in {@code k}, the body
 * decrypted with the subscriber's private key — and each answer the service gives becomes its outcome.
 * Waits between attempts run at once and move the clock instead.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebPushTransportIT {
    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final URI CONTACT = URI.create("mailto:postmaster@mail.example.org");
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10));
    private static final WebPushSettings SETTINGS = new WebPushSettings(CONTACT, Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 8,
            RETRY, true);

    private final MutableClock clock = new MutableClock(NOW);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final RetryTimer timer = delay -> {
        waits.add(delay);
        clock.advance(delay);
        return Runnable::run;
    };
    private final VapidKeys keys = VapidKeys.of(P256.generate(new SecureRandom()));
    private final Subscriber subscriber = new Subscriber();
    private FakePushService service;
    private WebPushTransport transport;

    @BeforeEach
    void start() throws Exception {
        service = FakePushService.start();
        transport = new WebPushTransport(SETTINGS, keys, clock, timer);
    }

    @AfterEach
    void stop() {
        transport.close();
        service.close();
    }

    @Test
    void aMessageArrivesSignedWithVapidAndEncryptedForTheSubscriber() throws Exception {
        var message = new WebPushMessage(utf8("{\"mail\":42,\"from\":\"Ann\",\"fetch\":\"https://mail.example.org/m/42\"}"),
                Duration.ofHours(1), Urgency.HIGH, Optional.of(Topic.of("device 7")));

        PushOutcome outcome = transport.send(subscriber.subscription(service.endpoint("/push/sub-1")), message).get();

        assertThat(outcome).isEqualTo(new PushOutcome.Sent());
        FakePushService.Received request = service.take();
        assertThat(request.path()).isEqualTo("/push/sub-1");
        assertThat(request.header("TTL")).isEqualTo("3600");
        assertThat(request.header("Urgency")).isEqualTo("high");
        assertThat(request.header("Topic")).isEqualTo(Topic.of("device 7").value());
        assertThat(request.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(request.header("Content-Type")).isEqualTo("application/octet-stream");

        VapidCheck vapid = VapidCheck.verify(request.header("Authorization"));
        assertThat(vapid.key()).isEqualTo(keys.publicKey());
        assertThat(vapid.header().get("typ").asText()).isEqualTo("JWT");
        assertThat(vapid.header().get("alg").asText()).isEqualTo("ES256");
        assertThat(vapid.claims().get("aud").asText()).isEqualTo(service.origin());
        assertThat(Instant.ofEpochSecond(vapid.claims().get("exp").asLong()))
                .isAfter(NOW).isBeforeOrEqualTo(NOW.plus(Duration.ofHours(24))).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(vapid.claims().get("sub").asText()).isEqualTo(CONTACT.toString());

        assertThat(request.body().length).isLessThanOrEqualTo(4096);
        assertThat(new String(subscriber.decrypt(request.body()), StandardCharsets.UTF_8)).isEqualTo(new String(message.payload(),
                StandardCharsets.UTF_8));
    }

    @Test
    void eachAnswerOfThePushServiceBecomesItsOutcome() throws Exception {
        Subscription subscription = subscriber.subscription(service.endpoint("/push/sub-2"));
        service.reply(Reply.status(201), Reply.status(410), Reply.status(404), Reply.status(413),
                new Reply(429, Map.of("Retry-After", "30"), "too many"),
                new Reply(429, Map.of("Retry-After", "Sun, 01 Jun 2025 08:02:00 GMT"), ""),
                new Reply(500, Map.of(), "internal error"),
                new Reply(400, Map.of(), "{\"errno\":109,\"message\":\"bad VAPID\"}"));
        List<PushOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            outcomes.add(transport.attempt(subscription, message("attempt " + i)).get());
        }

        assertThat(outcomes).containsExactly(
                new PushOutcome.Sent(),
                new PushOutcome.Gone(410),
                new PushOutcome.Gone(404),
                new PushOutcome.TooLarge(),
                new PushOutcome.RetryLater(Optional.of(Duration.ofSeconds(30)), "HTTP 429: too many"),
                new PushOutcome.RetryLater(Optional.of(Duration.ofMinutes(2)), "HTTP 429"),
                new PushOutcome.RetryLater(Optional.empty(), "HTTP 500: internal error"),
                new PushOutcome.Failed("HTTP 400: {\"errno\":109,\"message\":\"bad VAPID\"}"));
        assertThat(waits).as("single attempts never wait").isEmpty();
    }

    @Test
    void transientFailuresAreSentAgainAfterABackoffThatHonoursRetryAfter() throws Exception {
        service.reply(new Reply(503, Map.of("Retry-After", "7"), ""), Reply.status(500), Reply.status(201));

        PushOutcome outcome = transport.send(subscriber.subscription(service.endpoint("/push/sub-3")), message("again")).get();

        assertThat(outcome).isEqualTo(new PushOutcome.Sent());
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
        assertThat(List.of(service.take(), service.take(), service.take()))
                .extracting(request -> request.header("TTL"))
                .as("the TTL left shrinks by the time spent waiting")
                .containsExactly("3600", "3593", "3591");
    }

    @Test
    void afterTheLastAttemptTheMessageHasFailed() throws Exception {
        service.reply(Reply.status(502), Reply.status(503), new Reply(500, Map.of(), "still broken"));

        PushOutcome outcome = transport.send(subscriber.subscription(service.endpoint("/push/sub-4")), message("doomed")).get();

        assertThat(outcome).isEqualTo(new PushOutcome.Failed("gave up after 3 attempt(s): HTTP 500: still broken"));
        assertThat(service.requests()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanThePolicyWaitsGoesBackToTheCaller() throws Exception {
        service.reply(new Reply(429, Map.of("Retry-After", "3600"), ""));

        PushOutcome outcome = transport.send(subscriber.subscription(service.endpoint("/push/sub-5")), message("later")).get();

        assertThat(outcome).isEqualTo(new PushOutcome.RetryLater(Optional.of(Duration.ofHours(1)), "HTTP 429"));
        assertThat(service.requests()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aServiceThatCannotBeReachedIsTriedAgainThenFailed() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        PushOutcome outcome = transport.send(subscriber.subscription(URI.create("http://127.0.0.1:" + closedPort + "/push")),
                message("nobody home")).get();

        assertThat(outcome).isInstanceOfSatisfying(PushOutcome.Failed.class, failed ->
                assertThat(failed.reason()).startsWith("gave up after 3 attempt(s): ").contains("ConnectException"));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsATransientFailure() throws Exception {
        var answer = new CountDownLatch(1);
        service.onRequest(request -> answer.await());
        var settings = new WebPushSettings(CONTACT, Duration.ofSeconds(5), Duration.ofMillis(300), 2, 8,
                new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10)), true);
        try (var impatient = new WebPushTransport(settings, keys, clock, timer)) {
            PushOutcome outcome = impatient.send(subscriber.subscription(service.endpoint("/push/slow")), message("slow")).get();

            assertThat(outcome).isInstanceOfSatisfying(PushOutcome.Failed.class, failed ->
                    assertThat(failed.reason()).startsWith("gave up after 2 attempt(s): HttpTimeoutException"));
        } finally {
            answer.countDown();
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void onlyTheStartOfALongErrorBodyIsReadIntoTheReason() throws Exception {
        service.reply(new Reply(400, Map.of(), "e".repeat(100_000)));

        PushOutcome outcome = transport.send(subscriber.subscription(service.endpoint("/push/verbose")), message("x")).get();

        assertThat(outcome).isEqualTo(new PushOutcome.Failed("HTTP 400: " + "e".repeat(200) + "…"));
    }

    @Test
    void plainHttpIsRefusedUnlessTheTestSettingAllowsIt() throws Exception {
        var settings = new WebPushSettings(CONTACT, Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 8, RETRY, false);
        try (var httpsOnly = new WebPushTransport(settings, keys, clock, timer)) {
            PushOutcome outcome = httpsOnly.send(subscriber.subscription(service.endpoint("/push/sub-6")), message("plain")).get();

            assertThat(outcome).isEqualTo(new PushOutcome.Refused("only https push endpoints are used, not http"));
        }
        assertThat(service.requests()).isZero();
        assertThat(waits).isEmpty();
    }

    @Test
    void endpointsOnInternalAddressesAreRefusedWithoutBeingContacted() throws Exception {
        var settings = new WebPushSettings(CONTACT, Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 8, RETRY, false);
        try (var httpsOnly = new WebPushTransport(settings, keys, clock, timer)) {
            for (String endpoint : List.of("https://10.20.30.40/push", "https://192.168.1.1/push", "https://169.254.169.254/latest",
                    "https://[fd00::1]/push", "https://[::1]:8443/push", "https://0.0.0.0/push", "https://localhost/push",
                    service.endpoint("/push").toString().replace("http:", "https:"))) {
                PushOutcome outcome = httpsOnly.send(subscriber.subscription(URI.create(endpoint)), message("probe")).get();

                assertThat(outcome).as(endpoint).isInstanceOfSatisfying(PushOutcome.Refused.class, refused ->
                        assertThat(refused.reason()).contains("resolves to").contains("address"));
            }
        }
        assertThat(service.requests()).isZero();
    }

    @Test
    void atMostTheSettingsShareOfRequestsIsInFlightToOneOrigin() throws Exception {
        var inFlight = new AtomicInteger();
        var most = new AtomicInteger();
        var firstTwo = new CountDownLatch(2);
        var open = new CountDownLatch(1);
        service.onRequest(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            firstTwo.countDown();
            try {
                open.await();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        List<CompletableFuture<PushOutcome>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(transport.send(subscriber.subscription(service.endpoint("/push/sub-" + i)), message("burst " + i)));
        }

        assertThat(firstTwo.await(10, TimeUnit.SECONDS)).as("two requests arrive").isTrue();
        // Every send took its place in line before returning, so the other four wait now and cannot pass.
        assertThat(transport.limits().active(service.origin())).isEqualTo(2);
        assertThat(transport.limits().waiting(service.origin())).isEqualTo(4);
        assertThat(service.requests()).isEqualTo(2);
        open.countDown();

        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
        assertThat(sent).extracting(CompletableFuture::join).containsOnly(new PushOutcome.Sent());
        assertThat(service.requests()).isEqualTo(6);
        assertThat(most).hasValue(2);
    }

    @Test
    void closingEndsTheMessagesInFlightAsFailed() throws Exception {
        var arrived = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        service.onRequest(request -> {
            arrived.countDown();
            never.await();
        });
        CompletableFuture<PushOutcome> held = transport.send(subscriber.subscription(service.endpoint("/push/held")), message("held"));
        CompletableFuture<PushOutcome> first = transport.send(subscriber.subscription(service.endpoint("/push/a")), message("a"));
        CompletableFuture<PushOutcome> waiting = transport.send(subscriber.subscription(service.endpoint("/push/b")), message("b"));
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

        transport.close();

        for (CompletableFuture<PushOutcome> future : List.of(held, first, waiting)) {
            assertThat(future.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(PushOutcome.Failed.class, failed ->
                    assertThat(failed.reason()).startsWith("the Web Push transport was closed"));
        }
    }

    private static WebPushMessage message(String text) {
        return new WebPushMessage(utf8(text), Duration.ofHours(1), Urgency.NORMAL, Optional.empty());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A browser: its key pair and auth secret, from which it makes subscriptions and reads what arrives. */
    private static final class Subscriber {
        private final KeyPair keys = P256.generate(new SecureRandom());
        private final byte[] publicKey = P256.encode((ECPublicKey) keys.getPublic());
        private final byte[] auth = new byte[16];

        Subscriber() {
            new SecureRandom().nextBytes(auth);
        }

        Subscription subscription(URI endpoint) {
            return new Subscription(endpoint, publicKey, auth);
        }

        byte[] decrypt(byte[] body) {
            return MessageDecryption.decrypt(body, (ECPrivateKey) keys.getPrivate(), publicKey, auth);
        }
    }
}
