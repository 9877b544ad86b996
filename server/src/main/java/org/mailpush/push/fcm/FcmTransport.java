package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.mailpush.push.webpush.RetryPolicy;
import org.mailpush.push.webpush.RetryTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notices to Android apps through Firebase Cloud Messaging's HTTP v1 API, with the JDK's HTTP
 * client: {@code POST /v1/projects/PROJECT/messages:send} with an OAuth 2 access token of the project's
 * service account ({@link AccessTokens}).
 *
 * <p>FCM's answers: 200 delivered; 404, {@code UNREGISTERED}, {@code SENDER_ID_MISMATCH} and an
 * {@code INVALID_ARGUMENT} about the token mean the channel is gone; 429, 5xx and network failures
 * are tried again after the {@link RetryPolicy}'s waits or a longer {@code Retry-After}, then failed;
 * a 401 drops the access token and tries again with a new one. A failure is an outcome, never an
 * exception in the returned stage.
 */
public final class FcmTransport implements PushTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FcmTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_:.-]{20,4096}");
    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,9}");
    private static final String CLOSED = "the FCM transport was closed";

    private final FcmSettings settings;
    private final InstantSource clock;
    private final RetryTimer timer;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fcm-", 0).factory());
    private final HttpClient http;
    private final AccessTokens tokens;
    private volatile boolean closed;

    /**
     * @throws IllegalStateException naming the service-account file when it cannot be read
     */
    public FcmTransport(FcmSettings settings, InstantSource clock, RetryTimer timer) {
        this.settings = settings;
        this.clock = clock;
        this.timer = timer;
        ServiceAccount account = ServiceAccount.load(settings.serviceAccountFile());
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor).build();
        this.tokens = new AccessTokens(account, http, clock, settings.timeout());
    }

    /** Why a channel cannot be an FCM channel, or an empty string when it can. */
    public static String refusal(PushChannel channel) {
        return token(channel).isPresent() ? "" : "an FCM channel is fcm:REGISTRATION-TOKEN";
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message) {
        Optional<String> token = token(channel);
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(new PushOutcome.Gone("not an FCM registration token"));
        }
        if (FcmMessage.size(FcmMessage.body(token.get(), message, message.ttl())) > FcmMessage.MAX_PAYLOAD_BYTES) {
            return CompletableFuture.completedFuture(new PushOutcome.TooLarge("the FCM message is over "
                    + FcmMessage.MAX_PAYLOAD_BYTES + " bytes"));
        }
        return deliver(token.get(), message, clock.instant(), 1);
    }

    /** What one attempt came to: an outcome, or a transient failure to try again after at least {@code retryAfter}. */
    private sealed interface Attempt {
        record Done(PushOutcome outcome) implements Attempt {}

        record Again(String reason, Optional<Duration> retryAfter) implements Attempt {}
    }

    private CompletableFuture<PushOutcome> deliver(String token, PushMessage message, Instant first, int attempt) {
        if (closed) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed(CLOSED));
        }
        return attempt(token, message, first).thenCompose(tried -> {
            if (tried instanceof Attempt.Done done) {
                return CompletableFuture.completedFuture(done.outcome());
            }
            var again = (Attempt.Again) tried;
            RetryPolicy retry = settings.retry();
            if (closed || attempt >= retry.maxAttempts()) {
                return CompletableFuture.completedFuture(new PushOutcome.Failed(
                        (closed ? CLOSED : "gave up after " + attempt + " attempt(s)") + ": " + again.reason()));
            }
            if (again.retryAfter().filter(wait -> wait.compareTo(retry.longestRetryAfter()) > 0).isPresent()) {
                return CompletableFuture.completedFuture(new PushOutcome.Failed("FCM asks to wait " + again.retryAfter().get()
                        + ": " + again.reason()));
            }
            Duration wait = retry.delay(attempt, again.retryAfter());
            LOG.debug("FCM attempt {} failed ({}); again in {}", attempt, again.reason(), wait);
            return CompletableFuture.runAsync(() -> {}, timer.after(wait)).thenCompose(ignored -> deliver(token, message, first, attempt + 1));
        });
    }

    private CompletableFuture<Attempt> attempt(String token, PushMessage message, Instant first) {
        return tokens.token().thenCompose(access -> {
            // FCM keeps the message for the TTL from when it gets it; what the retries used is gone.
            Duration left = message.ttl().minus(Duration.between(first, clock.instant()));
            ObjectNode body = FcmMessage.body(token, message, left);
            var request = HttpRequest.newBuilder(settings.send()).timeout(settings.timeout())
                    .header("Authorization", "Bearer " + access)
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> answer(response, access));
        }).exceptionally(FcmTransport::failure);
    }

    private Attempt answer(HttpResponse<String> response, String access) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Attempt.Done(new PushOutcome.Delivered());
        }
        JsonNode error = error(response.body());
        String code = errorCode(error);
        String said = "FCM answered " + status + (code.isEmpty() ? "" : " " + code)
                + (error.path("message").asText("").isEmpty() ? "" : ": " + cut(error.path("message").asText()));
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(this::retryAfter);
        if (status == 401) {
            tokens.refused(access);
            return new Attempt.Again(said, Optional.empty());
        }
        if (status == 404 || code.equals("UNREGISTERED") || code.equals("SENDER_ID_MISMATCH")
                || (code.equals("INVALID_ARGUMENT") && aboutTheToken(error))) {
            return new Attempt.Done(new PushOutcome.Gone(said));
        }
        if (code.equals("INVALID_ARGUMENT") && error.path("message").asText("").toLowerCase(java.util.Locale.ROOT).contains("too big")) {
            return new Attempt.Done(new PushOutcome.TooLarge(said));
        }
        if (status == 429 || status >= 500) {
            return new Attempt.Again(said, retryAfter);
        }
        return new Attempt.Done(new PushOutcome.Failed(said));
    }

    private static Attempt failure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof AccessTokens.TokenException token) {
            return token.transientFailure() ? new Attempt.Again(token.getMessage(), Optional.empty())
                    : new Attempt.Done(new PushOutcome.Failed(token.getMessage()));
        }
        if (cause instanceof IOException) {
            String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            return new Attempt.Again(cause.getClass().getSimpleName() + message, Optional.empty());
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
    }

    /** FCM's {@code error} object, or a missing node when the body is not one. */
    private static JsonNode error(String body) {
        try {
            return JSON.readTree(body).path("error");
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /** The {@code FcmError}'s {@code errorCode} in the details, else the status word. */
    private static String errorCode(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.has("errorCode")) {
                return detail.path("errorCode").asText();
            }
        }
        return error.path("status").asText("");
    }

    /** Whether an INVALID_ARGUMENT names the registration token, rather than something mailpush built. */
    private static boolean aboutTheToken(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            for (JsonNode violation : detail.path("fieldViolations")) {
                if (violation.path("field").asText().equals("message.token")) {
                    return true;
                }
            }
        }
        return error.path("message").asText("").toLowerCase(java.util.Locale.ROOT).contains("registration token");
    }

    /** Delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    private Optional<Duration> retryAfter(String value) {
        String trimmed = value.trim();
        if (DELTA_SECONDS.matcher(trimmed).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Instant now = clock.instant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String cut(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static Optional<String> token(PushChannel channel) {
        if (channel.kind() != PushChannel.Kind.FCM || !"fcm".equals(channel.endpoint().getScheme())) {
            return Optional.empty();
        }
        String token = channel.endpoint().getSchemeSpecificPart();
        return token != null && TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }

    /** Stops: requests in flight are abandoned, and messages not yet sent end {@link PushOutcome.Failed}. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
        executor.shutdownNow();
    }
}
