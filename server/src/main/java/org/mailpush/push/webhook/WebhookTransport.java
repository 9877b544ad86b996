package org.mailpush.push.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.mailpush.push.http.BoundedBody;
import org.mailpush.push.http.EndpointCheck;
import org.mailpush.push.http.InFlightLimits;
import org.mailpush.push.webpush.RetryTimer;

/**
 * Posts each notice to a webhook channel's URL: the notice's JSON as the body, signed with
 * HMAC-SHA256 under the server's secret ({@value #SIGNATURE} {@code sha256=<hex>}), with ntfy's
 * {@code Title}, {@code Priority}, {@code Tags} and {@code Click} headers. The URL is checked before
 * each attempt (https only, no internal address); requests in flight are bounded per origin and in
 * all; 429, 5xx and network failures are tried again after a doubling wait, up to the attempts set.
 *
 * <p>Thread-safe and non-blocking: {@link #send} returns at once. Failures are outcomes, never a
 * failed stage: 2xx is delivered, 404 and 410 gone, 413 too large, anything else failed.
 */
public final class WebhookTransport implements PushTransport, AutoCloseable {
    /** The header that carries the body's signature. */
    public static final String SIGNATURE = "X-Mailpush-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REASON_BYTES = 200;
    private static final int MAX_TITLE = 200;

    private final WebhookSettings settings;
    private final SecretKeySpec key;
    private final RetryTimer timer;
    private final EndpointCheck endpoints;
    private final InFlightLimits limits;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-", 0).factory());
    private final HttpClient http;
    private volatile boolean closed;

    /**
     * @param secret the server's webhook secret ({@link WebhookSecret})
     * @param timer  the waits between attempts; {@link RetryTimer#system()} in production
     */
    public WebhookTransport(WebhookSettings settings, byte[] secret, RetryTimer timer) {
        this.settings = settings;
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.timer = timer;
        this.endpoints = new EndpointCheck(settings.allowInsecureLoopback());
        this.limits = new InFlightLimits(settings.perOriginInFlight(), settings.maxInFlight());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message) {
        if (channel.kind() != PushChannel.Kind.WEBHOOK) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed("not a webhook channel: " + channel.kind().token()));
        }
        HttpRequest request = request(channel.endpoint(), message);
        return deliver(channel.endpoint(), request, 1);
    }

    /** Why the channel's URL will not be posted to, or an empty string when it will. Resolves the host, which blocks. */
    public String refusal(PushChannel channel) {
        try {
            return endpoints.refusal(channel.endpoint()).orElse("");
        } catch (UnknownHostException e) {
            return "the host " + channel.endpoint().getHost() + " does not resolve";
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body under the secret, as {@value #SIGNATURE} carries it. */
    public static String signature(byte[] secret, byte[] body) {
        return sign(new SecretKeySpec(secret, "HmacSHA256"), body);
    }

    private static String sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private CompletableFuture<PushOutcome> deliver(URI url, HttpRequest request, int attempt) {
        if (closed) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed("the webhook transport was closed"));
        }
        return limits.acquire(origin(url)).thenComposeAsync(permit -> {
            CompletableFuture<Attempt> exchange;
            try {
                exchange = exchange(url, request);
            } catch (RuntimeException e) {
                permit.release();
                throw e;
            }
            return exchange.whenComplete((outcome, failure) -> permit.release());
        }, executor).thenCompose(tried -> {
            if (!tried.transientFailure()) {
                return CompletableFuture.completedFuture(tried.outcome());
            }
            if (closed || attempt >= settings.maxAttempts()) {
                return CompletableFuture.completedFuture(new PushOutcome.Failed("gave up after " + attempt + " attempt(s): "
                        + ((PushOutcome.Failed) tried.outcome()).reason()));
            }
            Duration wait = settings.initialBackoff().multipliedBy(1L << (attempt - 1));
            return CompletableFuture.runAsync(() -> { }, timer.after(wait)).thenCompose(ignored -> deliver(url, request, attempt + 1));
        });
    }

    /** One attempt's outcome; a transient failure is tried again. */
    private record Attempt(PushOutcome outcome, boolean transientFailure) {}

    private CompletableFuture<Attempt> exchange(URI url, HttpRequest request) {
        try {
            Optional<String> refusal = endpoints.refusal(url);
            if (refusal.isPresent()) {
                return CompletableFuture.completedFuture(new Attempt(new PushOutcome.Gone("refused: " + refusal.get()), false));
            }
        } catch (UnknownHostException e) {
            return CompletableFuture.completedFuture(new Attempt(new PushOutcome.Failed("unknown host " + url.getHost()), true));
        }
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request, info -> new BoundedBody(REASON_BYTES));
        Duration bound = settings.connectTimeout().plus(settings.requestTimeout());
        return response.copy().orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS).handle((received, failure) -> {
            if (failure == null) {
                return outcome(received.statusCode(), received.body());
            }
            response.cancel(true);
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return new Attempt(new PushOutcome.Failed(cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage())), true);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }

    private static Attempt outcome(int status, String body) {
        String reason = "the hook answered " + status + (body.isBlank() ? "" : ": " + body.strip());
        if (status >= 200 && status < 300) {
            return new Attempt(new PushOutcome.Delivered(), false);
        } else if (status == 404 || status == 410) {
            return new Attempt(new PushOutcome.Gone(reason), false);
        } else if (status == 413) {
            return new Attempt(new PushOutcome.TooLarge(reason), false);
        }
        return new Attempt(new PushOutcome.Failed(reason), status == 429 || status >= 500);
    }

    private HttpRequest request(URI url, PushMessage message) {
        byte[] body = message.payload();
        var request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header(SIGNATURE, sign(key, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        ntfy(notice(body), message.urgency()).forEach(request::header);
        return request.build();
    }

    private static JsonNode notice(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The headers ntfy reads: a title, a priority from 1 to 5, tags (emoji short codes) and where a click leads. */
    private java.util.Map<String, String> ntfy(JsonNode notice, PushMessage.Urgency urgency) {
        var headers = new java.util.LinkedHashMap<String, String>();
        String type = notice.path("type").asText("mail");
        String title = switch (type) {
            case "hint" -> "Mail for " + String.join(", ", names(notice)) + ": " + notice.path("subject").asText();
            case "retract" -> "Mail dealt with elsewhere";
            default -> notice.path("from").asText() + ": " + notice.path("subject").asText();
        };
        headers.put("Title", headerText(title));
        headers.put("Priority", switch (urgency) {
            case HIGH -> "4";
            case NORMAL -> "3";
            case LOW -> "2";
            case VERY_LOW -> "1";
        });
        headers.put("Tags", switch (type) {
            case "hint" -> "incoming_envelope";
            case "retract" -> "white_check_mark";
            default -> "envelope";
        });
        settings.publicUrl().filter(base -> notice.hasNonNull("url"))
                .ifPresent(base -> headers.put("Click", base.resolve(notice.path("url").asText()).toString()));
        return headers;
    }

    private static java.util.List<String> names(JsonNode notice) {
        var names = new java.util.ArrayList<String>();
        notice.path("pushedTo").forEach(name -> names.add(name.asText()));
        return names;
    }

    /** One line of at most 200 characters; RFC 2047 encoded-word when not plain ASCII, which ntfy decodes. */
    static String headerText(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (line.length() > MAX_TITLE) {
            line = line.substring(0, MAX_TITLE - 1) + "…";
        }
        if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return line;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }

    /** Stops: requests in flight are abandoned, and every notice not yet sent ends failed. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
        executor.shutdownNow();
    }
}
