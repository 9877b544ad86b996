package org.mailpush.push.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mailpush.device.PushChannel;
import org.mailpush.json.StrictJson;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.PushTransport;
import org.mailpush.push.http.BoundedBody;
import org.mailpush.push.webpush.RetryTimer;

/**
 * Sends notices to Android apps through FCM's HTTP v1 API ({@code POST /v1/projects/PROJECT/messages:send}):
 * a notification with the notice's title and body, its fields as data, the mail's topic as
 * {@code collapse_key} so a retraction or newer notice replaces the older one, priority from urgency
 * and the TTL. {@code UNREGISTERED} (404) and {@code INVALID_ARGUMENT} (400) mean the token is no
 * good: gone. 429 and 5xx are sent again after {@code Retry-After} or a doubling wait, a bounded number
 * of times; a refused access token (401) is renewed once.
 */
public final class FcmTransport implements PushTransport, AutoCloseable {
    private static final int REASON_BYTES = 512;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

    private final FcmSettings settings;
    private final HttpClient http;
    private final AccessTokens tokens;
    private final URI send;
    private final RetryTimer timer;

    public FcmTransport(FcmSettings settings, InstantSource clock, RetryTimer timer) {
        this.settings = settings;
        this.timer = timer;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        ServiceAccount account = ServiceAccount.load(settings.serviceAccount());
        this.tokens = new AccessTokens(account, http, clock, settings.timeout());
        this.send = settings.endpoint().resolve("/v1/projects/" + account.projectId() + "/messages:send");
    }

    @Override
    public CompletionStage<PushOutcome> send(PushChannel channel, PushMessage message) {
        String token = channel.endpoint().getSchemeSpecificPart();
        byte[] body;
        try {
            body = request(token, message).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed("the notice is not JSON: " + e.getMessage()));
        }
        return attempt(body, 1, false);
    }

    private CompletableFuture<PushOutcome> attempt(byte[] body, int attempt, boolean renewToken) {
        return tokens.token(renewToken).thenCompose(access -> http.sendAsync(HttpRequest.newBuilder(send).timeout(settings.timeout())
                        .header("Authorization", "Bearer " + access).header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), info -> new BoundedBody(REASON_BYTES)))
                .thenCompose(response -> answer(response, body, attempt, renewToken))
                .exceptionallyCompose(failure -> retry(body, attempt, Optional.empty(), "no answer: " + rootMessage(failure)));
    }

    private CompletableFuture<PushOutcome> answer(HttpResponse<String> response, byte[] body, int attempt, boolean renewed) {
        int status = response.statusCode();
        String reason = status + " " + errorStatus(response.body());
        if (status == 200) {
            return CompletableFuture.completedFuture(new PushOutcome.Delivered());
        }
        if (status == 404 || (status == 400 && reason.contains("INVALID_ARGUMENT")) || reason.contains("UNREGISTERED")) {
            return CompletableFuture.completedFuture(new PushOutcome.Gone(reason));
        }
        if (status == 401 && !renewed) {
            return attempt(body, attempt, true);
        }
        if (status == 429 || status >= 500) {
            Optional<Duration> after = response.headers().firstValue("Retry-After").flatMap(FcmTransport::seconds);
            return retry(body, attempt, after, reason);
        }
        return CompletableFuture.completedFuture(new PushOutcome.Failed(reason));
    }

    private CompletableFuture<PushOutcome> retry(byte[] body, int attempt, Optional<Duration> after, String reason) {
        if (attempt >= settings.maxAttempts()) {
            return CompletableFuture.completedFuture(new PushOutcome.Failed("gave up after " + attempt + " attempt(s): " + reason));
        }
        Duration wait = after.orElse(FIRST_WAIT.multipliedBy(1L << (attempt - 1)));
        return CompletableFuture.runAsync(() -> { }, timer.after(wait)).thenCompose(ignored -> attempt(body, attempt + 1, false));
    }

    /** The HTTP v1 message: notification, data (strings only), and Android's collapse key, priority and TTL. */
    private static ObjectNode request(String token, PushMessage message) throws IOException {
        JsonNode notice = StrictJson.reader().readTree(message.payload());
        ObjectNode json = StrictJson.reader().createObjectNode();
        ObjectNode inner = json.putObject("message");
        inner.put("token", token);
        if (!notice.path("type").asText().equals("retract")) {
            String from = notice.path("from").asText("");
            inner.putObject("notification")
                    .put("title", notice.path("type").asText().equals("hint") ? "Mail from " + from : notice.path("subject").asText(""))
                    .put("body", notice.path("type").asText().equals("hint") ? notice.path("subject").asText("")
                            : from + (notice.hasNonNull("preview") ? ": " + notice.path("preview").asText() : ""));
        }
        ObjectNode data = inner.putObject("data");
        for (Map.Entry<String, JsonNode> field : notice.properties()) {
            data.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
        }
        inner.putObject("android").put("collapse_key", message.topic())
                .put("priority", message.urgency() == PushMessage.Urgency.HIGH || message.urgency() == PushMessage.Urgency.NORMAL
                        ? "HIGH" : "NORMAL")
                .put("ttl", message.ttl().toSeconds() + "s");
        return json;
    }

    /** FCM's error status word from its JSON error body ("UNREGISTERED"), or the body's start. */
    private static String errorStatus(String body) {
        try {
            JsonNode error = StrictJson.reader().readTree(body).path("error");
            String status = error.path("status").asText("");
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("errorCode")) {
                    status = status + " " + detail.get("errorCode").asText();
                }
            }
            return status.isBlank() ? body : status.strip();
        } catch (IOException | RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
