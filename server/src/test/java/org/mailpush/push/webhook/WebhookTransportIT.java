package org.mailpush.push.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;
import org.mailpush.push.webpush.RetryTimer;

/**
 * The webhook transport against a hook on loopback that checks what an ntfy server and a signed-hook
 * receiver would: the JSON body, its HMAC-SHA256 under the server's secret, and ntfy's headers.
 */
class WebhookTransportIT {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String NOTICE = """
            {"type":"mail","mail":"1234","seq":17,"from":"carol@example.org","subject":"Lunch on Friday?",\
            "preview":"Are you free at one?","importance":"high","pictures":0,\
            "fetch":"/api/link/mails/1234/raw","url":"/terminal.html#mail-1234"}""";

    private record Received(String method, Headers headers, byte[] body) {}

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile IntSupplier status = () -> 200;
    private final HttpServer hook = hook();
    private final WebhookTransport transport = new WebhookTransport(
            new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 4, 64, 3, Duration.ofSeconds(1),
                    Optional.of(URI.create("https://mail.example.com")), true),
            SECRET, immediately());

    @AfterEach
    void close() {
        transport.close();
        hook.stop(0);
    }

    @Test
    void postsTheNoticeSignedWithNtfysHeaders() throws Exception {
        PushOutcome outcome = send(NOTICE, PushMessage.Urgency.HIGH);

        assertThat(outcome).isEqualTo(new PushOutcome.Delivered());
        Received request = next();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(NOTICE);
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().getFirst("X-Mailpush-Signature")).isEqualTo("sha256=" + hmac(request.body()));
        assertThat(request.headers().getFirst("Title")).isEqualTo("carol@example.org: Lunch on Friday?");
        assertThat(request.headers().getFirst("Priority")).isEqualTo("4");
        assertThat(request.headers().getFirst("Tags")).isEqualTo("envelope");
        assertThat(request.headers().getFirst("Click")).isEqualTo("https://mail.example.com/terminal.html#mail-1234");
    }

    @Test
    void aTitleThatIsNotAsciiIsAnEncodedWord() throws Exception {
        send(NOTICE.replace("Lunch on Friday?", "Mittagessen am Freitag – ja?"), PushMessage.Urgency.NORMAL);

        String title = next().headers().getFirst("Title");
        assertThat(title).startsWith("=?UTF-8?B?").endsWith("?=");
        assertThat(new String(java.util.Base64.getDecoder().decode(title.substring(10, title.length() - 2)), StandardCharsets.UTF_8))
                .isEqualTo("carol@example.org: Mittagessen am Freitag – ja?");
    }

    @Test
    void aHookThatIsGoneSaysSo() throws Exception {
        status = () -> 410;

        assertThat(send(NOTICE, PushMessage.Urgency.NORMAL)).isInstanceOf(PushOutcome.Gone.class);
    }

    @Test
    void tooLargeIsTooLarge() throws Exception {
        status = () -> 413;

        assertThat(send(NOTICE, PushMessage.Urgency.NORMAL)).isInstanceOf(PushOutcome.TooLarge.class);
    }

    @Test
    void aServiceUnavailableIsTriedAgainThenGivenUp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        status = () -> calls.incrementAndGet() == 1 ? 503 : 200;
        assertThat(send(NOTICE, PushMessage.Urgency.NORMAL)).isEqualTo(new PushOutcome.Delivered());
        assertThat(calls).hasValue(2);

        status = () -> 429;
        PushOutcome outcome = send(NOTICE, PushMessage.Urgency.NORMAL);
        assertThat(outcome).isInstanceOf(PushOutcome.Failed.class);
        assertThat(((PushOutcome.Failed) outcome).reason()).startsWith("gave up after 3 attempt(s): the hook answered 429");
    }

    @Test
    void anInternalAddressOrPlainHttpIsRefused() {
        var strict = new WebhookTransport(WebhookSettings.DEFAULTS, SECRET, immediately());
        try (strict) {
            assertThat(strict.refusal(channel(URI.create("https://127.0.0.1:" + hook.getAddress().getPort() + "/hook"))))
                    .contains("loopback");
            assertThat(strict.refusal(channel(URI.create("http://example.com/hook")))).contains("only https");
        }
    }

    private PushOutcome send(String notice, PushMessage.Urgency urgency) throws Exception {
        var message = new PushMessage(notice.getBytes(StandardCharsets.UTF_8), Duration.ofHours(24), urgency, "mail-1234");
        URI url = URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/mailpush-alice");
        return transport.send(channel(url), message).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static PushChannel channel(URI url) {
        return PushChannel.unkeyed(new DeviceId("phone"), PushChannel.Kind.WEBHOOK, url);
    }

    private Received next() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a request to the hook").isNotNull();
        return next;
    }

    private static String hmac(byte[] body) throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Waits between attempts that take no time. */
    private static RetryTimer immediately() {
        return delay -> Runnable::run;
    }

    private HttpServer hook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
                exchange.sendResponseHeaders(status.getAsInt(), -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
