package org.mailpush.push.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.mailpush.push.webpush.RetryPolicy;
import org.mailpush.push.webpush.RetryTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notices to iOS and macOS apps through Apple's push notification service (APNs), with Pushy:
 * HTTP/2 to Apple, a provider token (ES256 JWT) signed with the team's {@code .p8} key.
 *
 * <p>APNs answers each notification with a status and a reason. {@code BadDeviceToken},
 * {@code Unregistered} and {@code DeviceTokenNotForTopic} mean the channel is gone; {@code PayloadTooLarge}
 * that a shorter notice may pass; {@code TooManyRequests}, a 5xx and a lost connection are tried again
 * after the {@link RetryPolicy}'s waits, then {@link PushOutcome.Failed}. Every other refusal is failed
 * at once. A failure is an outcome, never an exception in the returned stage.
 */
public final class ApnsTransport implements PushTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApnsTransport.class);
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Fa-f]{64,200}");
    private static final Set<String> GONE = Set.of("BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic");
    private static final Set<String> TRANSIENT = Set.of("TooManyRequests", "InternalServerError", "ServiceUnavailable", "Shutdown");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final String CLOSED = "the APNs transport was closed";

    private final ApnsSettings settings;
    private final ApnsClient client;
    private final InstantSource clock;
    private final RetryTimer timer;
    private volatile boolean closed;

    /** Takes the client; closing the transport closes it. */
    ApnsTransport(ApnsSettings settings, ApnsClient client, InstantSource clock, RetryTimer timer) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.timer = timer;
    }

    /**
     * A transport to the settings' APNs environment, signing with the key in {@code settings.keyFile()}.
     *
     * @throws IllegalStateException naming the key file when it cannot be read as a P-256 PKCS#8 key
     */
    public static ApnsTransport start(ApnsSettings settings, InstantSource clock, RetryTimer timer) {
        try {
            return new ApnsTransport(settings, clientBuilder(settings).setApnsServer(settings.environment().host()).build(), clock, timer);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for APNs: " + e.getMessage(), e);
        }
    }

    /** A Pushy client builder with the settings' signing key and nothing else: the server is the caller's. */
    static ApnsClientBuilder clientBuilder(ApnsSettings settings) {
        ApnsSigningKey key;
        try {
            key = ApnsSigningKey.loadFromPkcs8File(settings.keyFile().toFile(), settings.teamId(), settings.keyId());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The exception's message may quote the file; its cause is not kept, so no key material travels on.
            throw new IllegalStateException("cannot read the APNs key " + settings.keyFile() + " as a P-256 PKCS#8 key ("
                    + e.getClass().getSimpleName() + ")");
        }
        return new ApnsClientBuilder().setSigningKey(key).setConnectionTimeout(Duration.ofSeconds(10));
    }

    /** Why a channel cannot be an APNs channel, or an empty string when it can. */
    public static String refusal(PushChannel channel) {
        return token(channel).isPresent() ? "" : "an APNs channel is apns:DEVICE-TOKEN, the token in hexadecimal";
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message) {
        Optional<String> token = token(channel);
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(new PushOutcome.Gone("not an APNs device token"));
        }
        if (closed) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed(CLOSED));
        }
        Instant expiration = message.ttl().isZero() ? Instant.EPOCH : clock.instant().plus(message.ttl());
        SimpleApnsPushNotification notification = ApnsNotification.of(token.get(), settings.topic(), message, expiration);
        if (notification.getPayload().getBytes(StandardCharsets.UTF_8).length > ApnsNotification.MAX_PAYLOAD_BYTES) {
            return CompletableFuture.completedFuture(new PushOutcome.TooLarge("the APNs payload is over "
                    + ApnsNotification.MAX_PAYLOAD_BYTES + " bytes"));
        }
        return deliver(notification, 1);
    }

    private CompletableFuture<PushOutcome> deliver(SimpleApnsPushNotification notification, int attempt) {
        if (closed) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed(CLOSED));
        }
        return client.sendNotification(notification).handle(ApnsTransport::outcome).thenCompose(tried -> {
            if (tried instanceof Attempt.Done done) {
                return CompletableFuture.completedFuture(done.outcome());
            }
            String reason = ((Attempt.Again) tried).reason();
            RetryPolicy retry = settings.retry();
            if (closed || attempt >= retry.maxAttempts()) {
                return CompletableFuture.completedFuture(new PushOutcome.Failed(
                        (closed ? CLOSED : "gave up after " + attempt + " attempt(s)") + ": " + reason));
            }
            Duration wait = retry.delay(attempt, Optional.empty());
            LOG.debug("APNs attempt {} failed ({}); again in {}", attempt, reason, wait);
            return CompletableFuture.runAsync(() -> {}, timer.after(wait)).thenCompose(ignored -> deliver(notification, attempt + 1));
        });
    }

    /** What one attempt came to: an outcome, or a transient failure to try again. */
    private sealed interface Attempt {
        record Done(PushOutcome outcome) implements Attempt {}

        record Again(String reason) implements Attempt {}
    }

    private static Attempt outcome(PushNotificationResponse<SimpleApnsPushNotification> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            // Pushy fails the future for a connection that could not be made or was lost: transient, like a 5xx.
            String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            return new Attempt.Again(cause.getClass().getSimpleName() + message);
        }
        if (response.isAccepted()) {
            return new Attempt.Done(new PushOutcome.Delivered());
        }
        String reason = response.getRejectionReason().orElse("");
        String said = "APNs answered " + response.getStatusCode() + (reason.isEmpty() ? "" : " " + reason);
        if (GONE.contains(reason) || response.getStatusCode() == 410) {
            return new Attempt.Done(new PushOutcome.Gone(said));
        }
        if (reason.equals("PayloadTooLarge") || response.getStatusCode() == 413) {
            return new Attempt.Done(new PushOutcome.TooLarge(said));
        }
        if (TRANSIENT.contains(reason) || response.getStatusCode() == 429 || response.getStatusCode() >= 500) {
            return new Attempt.Again(said);
        }
        return new Attempt.Done(new PushOutcome.Failed(said));
    }

    private static Optional<String> token(PushChannel channel) {
        if (channel.kind() != PushChannel.Kind.APNS || !"apns".equals(channel.endpoint().getScheme())) {
            return Optional.empty();
        }
        String token = channel.endpoint().getSchemeSpecificPart();
        return token != null && TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }

    /** Stops: notifications not yet sent end {@link PushOutcome.Failed}; waits briefly for the connections to close. */
    @Override
    public void close() {
        closed = true;
        try {
            client.close().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            LOG.warn("closing the APNs client: {}", e.toString());
        }
    }
}
