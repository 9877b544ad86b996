package org.mailpush.push.webpush;

import java.io.IOException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushTransport;
import org.mailpush.push.http.BoundedBody;
import org.mailpush.push.http.EndpointCheck;
import org.mailpush.push.http.InFlightLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends push messages to browsers' push services (RFC 8030 §5): each message encrypted for its
 * subscription (RFC 8291), the request signed with VAPID (RFC 8292), the endpoint checked before it
 * is contacted ({@link EndpointCheck}), the requests in flight bounded per push service origin and in
 * all, transient failures retried by the {@link RetryPolicy}.
 *
 * <p>Thread-safe and non-blocking: {@link #send} returns at once, its future completes on the
 * transport's own threads. Environmental failures (timeouts, unreachable hosts) become outcomes here;
 * a failed future means a bug.
 */
public final class WebPushTransport implements PushTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebPushTransport.class);
    /** How much of an error response's body goes into the reason. */
    private static final int REASON_BYTES = 512;
    private static final String CLOSED = "the Web Push transport was closed";

    private final WebPushSettings settings;
    private final InstantSource clock;
    private final RetryTimer timer;
    private final Vapid vapid;
    private final MessageEncryption encryption = new MessageEncryption(new SecureRandom());
    private final EndpointCheck endpoints;
    private final InFlightLimits limits;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webpush-", 0).factory());
    private final HttpClient http;
    private volatile boolean closed;

    /**
     * @param keys  the server's VAPID key pair, whose public key the browsers subscribed with
     * @param clock the time for VAPID expiry, {@code Retry-After} dates and the TTL left
     * @param timer the waits between attempts; {@link RetryTimer#system()} in production
     */
    public WebPushTransport(WebPushSettings settings, VapidKeys keys, InstantSource clock, RetryTimer timer) {
        this.settings = settings;
        this.clock = clock;
        this.timer = timer;
        this.vapid = new Vapid(keys, settings.subject(), clock);
        this.endpoints = new EndpointCheck(settings.allowInsecureLoopback());
        this.limits = new InFlightLimits(settings.perOriginInFlight(), settings.maxInFlight());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * Sends the message to the subscription, again after a transient failure as the retry policy
     * allows. The outcome is never {@link PushOutcome.RetryLater} unless the push service asked for a
     * wait longer than the policy's {@code longestRetryAfter}; when the attempts run out it is
     * {@link PushOutcome.Failed}.
     *
     * @throws IllegalStateException once the transport is closed
     */
    public CompletableFuture<PushOutcome> send(Subscription subscription, WebPushMessage message) {
        if (closed) {
            throw new IllegalStateException(CLOSED);
        }
        // Encrypted once: every attempt sends the same body.
        var delivery = new Delivery(subscription, message, encryption.encrypt(message.payload(), subscription), clock.instant());
        return deliver(delivery, 1);
    }

    /**
     * Sends a message to a terminal's push channel, as routing does: the channel's subscription and the
     * message in this package's terms, the outcome in routing's. A subscription that cannot be used,
     * or an endpoint that may not be contacted, is gone for routing: it drops the channel.
     */
    @Override
    public CompletionStage<org.mailpush.push.PushOutcome> send(PushChannel channel, PushMessage message) {
        Subscription subscription;
        try {
            subscription = Subscription.of(channel.endpoint().toString(), channel.p256dh(), channel.auth());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new org.mailpush.push.PushOutcome.Gone("unusable subscription: " + e.getMessage()));
        }
        var web = new WebPushMessage(message.payload(), message.ttl(), Urgency.valueOf(message.urgency().name()),
                Optional.of(Topic.of(message.topic())));
        return send(subscription, web).thenApply(WebPushTransport::routingOutcome);
    }

    private static org.mailpush.push.PushOutcome routingOutcome(PushOutcome outcome) {
        return switch (outcome) {
            case PushOutcome.Sent sent -> new org.mailpush.push.PushOutcome.Delivered();
            case PushOutcome.Gone gone -> new org.mailpush.push.PushOutcome.Gone("the push service answered " + gone.status());
            case PushOutcome.TooLarge large -> new org.mailpush.push.PushOutcome.TooLarge("the push service answered 413");
            case PushOutcome.Refused refused -> new org.mailpush.push.PushOutcome.Gone("refused: " + refused.reason());
            case PushOutcome.RetryLater later -> new org.mailpush.push.PushOutcome.Failed("the push service asks to wait "
                    + later.retryAfter().map(Duration::toString).orElse("") + ": " + later.reason());
            case PushOutcome.Failed failed -> new org.mailpush.push.PushOutcome.Failed(failed.reason());
        };
    }

    /**
     * Why a terminal's subscription cannot be used — its keys, or an endpoint this transport will not
     * contact — or an empty string when it can. Resolves the endpoint's host, which blocks.
     */
    public String refusal(PushChannel channel) {
        try {
            Subscription.of(channel.endpoint().toString(), channel.p256dh(), channel.auth());
            return endpoints.refusal(channel.endpoint()).orElse("");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            return "the host " + channel.endpoint().getHost() + " does not resolve";
        }
    }

    /** Stops: requests in flight are abandoned, and every message not yet sent ends {@link PushOutcome.Failed}. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
        executor.shutdownNow();
    }

    /** One try at one message, without retries: what the push service said, or why it was not asked. */
    CompletableFuture<PushOutcome> attempt(Subscription subscription, WebPushMessage message) {
        return attempt(new Delivery(subscription, message, encryption.encrypt(message.payload(), subscription), clock.instant()));
    }

    InFlightLimits limits() {
        return limits;
    }

    private record Delivery(Subscription subscription, WebPushMessage message, byte[] body, Instant firstAttempt) {}

    private CompletableFuture<PushOutcome> deliver(Delivery delivery, int attempt) {
        if (closed) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed(CLOSED));
        }
        return attempt(delivery).exceptionally(failure -> {
            // Closing stops the transport's threads under the requests still waiting for them.
            if (closed) {
                return new PushOutcome.Failed(CLOSED);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        }).thenCompose(outcome -> {
            if (!(outcome instanceof PushOutcome.RetryLater later)) {
                return CompletableFuture.completedFuture(outcome);
            }
            RetryPolicy retry = settings.retry();
            if (closed || attempt >= retry.maxAttempts()) {
                String why = closed ? CLOSED : "gave up after " + attempt + " attempt(s)";
                LOG.debug("push to {}: {}: {}", delivery.subscription, why, later.reason());
                return CompletableFuture.completedFuture(new PushOutcome.Failed(why + ": " + later.reason()));
            }
            if (later.retryAfter().filter(wait -> wait.compareTo(retry.longestRetryAfter()) > 0).isPresent()) {
                return CompletableFuture.completedFuture(later);
            }
            Duration wait = retry.delay(attempt, later.retryAfter());
            LOG.debug("push to {}: attempt {} failed ({}); again in {}", delivery.subscription, attempt, later.reason(), wait);
            return CompletableFuture.runAsync(() -> {}, timer.after(wait)).thenCompose(ignored -> deliver(delivery, attempt + 1));
        });
    }

    private CompletableFuture<PushOutcome> attempt(Delivery delivery) {
        // The permit is taken before anything else, so the limit also covers the name lookup.
        return limits.acquire(delivery.subscription.origin()).thenComposeAsync(permit -> {
            CompletableFuture<PushOutcome> exchange;
            try {
                exchange = exchange(delivery);
            } catch (RuntimeException e) {
                permit.release();
                throw e;
            }
            return exchange.whenComplete((outcome, failure) -> permit.release());
        }, executor);
    }

    /** Checks the endpoint, then posts the message; on a thread of the transport's, as the lookup blocks. */
    private CompletableFuture<PushOutcome> exchange(Delivery delivery) {
        var endpoint = delivery.subscription.endpoint();
        try {
            Optional<String> refusal = endpoints.refusal(endpoint);
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(new PushOutcome.Refused(refusal.get()));
            }
        } catch (UnknownHostException e) {
            return CompletableFuture.completedFuture(new PushOutcome.RetryLater(Optional.empty(), "unknown host " + endpoint.getHost()));
        }
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request(delivery), info -> new BoundedBody(REASON_BYTES));
        // The request's timeout ends at the response's head; this one also bounds reading its body.
        Duration bound = settings.connectTimeout().plus(settings.requestTimeout());
        return response.copy().orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS).handle((received, failure) -> {
            if (failure == null) {
                return PushResponses.outcome(received.statusCode(), received.headers().firstValue("Retry-After"), received.body(),
                        clock.instant());
            }
            response.cancel(true);
            return networkFailure(failure);
        });
    }

    private HttpRequest request(Delivery delivery) {
        WebPushMessage message = delivery.message;
        // The push service keeps the message for the TTL from when it gets it; what the retries used is gone.
        Duration left = message.ttl().minus(Duration.between(delivery.firstAttempt, clock.instant()));
        var request = HttpRequest.newBuilder(delivery.subscription.endpoint())
                .timeout(settings.requestTimeout())
                .header("TTL", Long.toString(Math.max(0, left.getSeconds())))
                .header("Urgency", message.urgency().token())
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", vapid.authorization(delivery.subscription))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body));
        message.topic().ifPresent(topic -> request.header("Topic", topic.value()));
        return request.build();
    }

    /** A network failure or timeout is transient; anything else is a bug and stays an exception. */
    private static PushOutcome networkFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IOException || cause instanceof TimeoutException) {
            String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            return new PushOutcome.RetryLater(Optional.empty(), cause.getClass().getSimpleName() + message);
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
