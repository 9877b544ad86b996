package org.mailpush.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.device.DeviceId;
import org.mailpush.device.PushChannel;
import org.mailpush.push.PushMessage;
import org.mailpush.push.PushOutcome;

/**
 * FCM's HTTP v1 API and Google's token endpoint, faked at the wire on loopback: the token request's
 * JWT is verified with the service account's public key, the send request's bearer token and shape
 * are checked, and each answer FCM gives becomes its outcome.
 */
class FcmTransportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PushChannel PHONE = PushChannel.unkeyed(new DeviceId("pixel"), PushChannel.Kind.FCM,
            URI.create("fcm:dQw4w9WgXcQ:APA91bHun4MxP5egoKMwt2KZFBaFUH"));

    @TempDir
    Path directory;

    private final KeyPair account = rsa();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final Queue<int[]> replies = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private FcmTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/mailpush-test/messages:send", this::send);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path file = directory.resolve("service-account.json");
        Files.writeString(file, JSON.createObjectNode().put("type", "service_account").put("project_id", "mailpush-test")
                .put("client_email", "mailpush@mailpush-test.iam.gserviceaccount.com").put("token_uri", base + "/token")
                .put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(account.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n")
                .toString());
        transport = new FcmTransport(new FcmSettings(file, URI.create(base), Duration.ofSeconds(5), 3), InstantSource.system(),
                delay -> Runnable::run);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    @Test
    void aNoticeGoesOutAsANotificationWithItsFieldsAsDataUnderTheTokenFromTheServiceAccount() throws Exception {
        PushOutcome outcome = transport.send(PHONE, notice("mail")).toCompletableFuture().get();

        assertThat(outcome).isEqualTo(new PushOutcome.Delivered());
        assertThat(tokenRequests).hasSize(1);
        JsonNode message = sent.getFirst().get("message");
        assertThat(message.get("token").asText()).isEqualTo("dQw4w9WgXcQ:APA91bHun4MxP5egoKMwt2KZFBaFUH");
        assertThat(message.at("/notification/title").asText()).isEqualTo("Lunch on Friday?");
        assertThat(message.at("/notification/body").asText()).isEqualTo("carol@example.org: Are you free?");
        assertThat(message.at("/data/mail").asText()).isEqualTo("41");
        assertThat(message.at("/data/seq").asText()).as("data values are strings").isEqualTo("3");
        assertThat(message.at("/data/fetch").asText()).isEqualTo("/api/link/mails/41/raw");
        assertThat(message.at("/android/collapse_key").asText()).isEqualTo("mail-41");
        assertThat(message.at("/android/priority").asText()).isEqualTo("HIGH");
        assertThat(message.at("/android/ttl").asText()).isEqualTo("86400s");
        transport.send(PHONE, notice("hint")).toCompletableFuture().get();
        assertThat(tokenRequests).as("the token is reused").hasSize(1);
    }

    @Test
    void anUnregisteredTokenIsGone() throws Exception {
        replies.add(new int[] {404});

        assertThat(transport.send(PHONE, notice("mail")).toCompletableFuture().get()).isInstanceOf(PushOutcome.Gone.class);
    }

    @Test
    void tooManyRequestsIsSentAgainAndAServerThatKeepsFailingEndsFailed() throws Exception {
        replies.add(new int[] {429});
        assertThat(transport.send(PHONE, notice("mail")).toCompletableFuture().get()).isEqualTo(new PushOutcome.Delivered());
        assertThat(sent).hasSize(2);

        replies.add(new int[] {503});
        replies.add(new int[] {503});
        replies.add(new int[] {503});
        PushOutcome outcome = transport.send(PHONE, notice("mail")).toCompletableFuture().get();
        assertThat(outcome).isInstanceOf(PushOutcome.Failed.class);
        assertThat(((PushOutcome.Failed) outcome).reason()).startsWith("gave up after 3 attempt(s): 503");
    }

    @Test
    void aRefusedAccessTokenIsRenewedOnce() throws Exception {
        replies.add(new int[] {401});

        assertThat(transport.send(PHONE, notice("mail")).toCompletableFuture().get()).isEqualTo(new PushOutcome.Delivered());
        assertThat(tokenRequests).hasSize(2);
    }

    private static PushMessage notice(String type) {
        String json = "{\"type\": \"" + type + "\", \"mail\": \"41\", \"seq\": 3, \"from\": \"carol@example.org\","
                + " \"subject\": \"Lunch on Friday?\", \"preview\": \"Are you free?\", \"importance\": \"normal\","
                + " \"fetch\": \"/api/link/mails/41/raw\", \"url\": \"/terminal.html#mail-41\"}";
        return new PushMessage(json.getBytes(StandardCharsets.UTF_8), Duration.ofDays(1), PushMessage.Urgency.NORMAL, "mail-41");
    }

    /** Google's token endpoint: the JWT bearer grant, its assertion signed by the service account's key. */
    private void token(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String assertion = "";
        String grant = "";
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            if (kv[0].equals("assertion")) {
                assertion = value;
            } else if (kv[0].equals("grant_type")) {
                grant = value;
            }
        }
        String[] parts = assertion.split("\\.");
        boolean valid = false;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(account.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            valid = rsa.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")
                    && claims.get("iss").asText().equals("mailpush@mailpush-test.iam.gserviceaccount.com")
                    && claims.get("scope").asText().equals(AccessTokens.SCOPE)
                    && claims.get("aud").asText().endsWith("/token")
                    && claims.get("exp").asLong() - claims.get("iat").asLong() == 3600;
        } catch (Exception e) {
            valid = false;
        }
        tokenRequests.add(assertion);
        reply(exchange, valid ? 200 : 400, valid ? "{\"access_token\": \"ya29.token-" + tokenRequests.size()
                + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}" : "{\"error\": \"invalid_grant\"}");
    }

    private void send(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String bearer = exchange.getRequestHeaders().getFirst("Authorization");
        if (bearer == null || !bearer.equals("Bearer ya29.token-" + tokenRequests.size())) {
            reply(exchange, 401, "{\"error\": {\"code\": 401, \"status\": \"UNAUTHENTICATED\"}}");
            return;
        }
        sent.add(body);
        int[] next = replies.poll();
        int status = next == null ? 200 : next[0];
        if (status == 401) {
            reply(exchange, 401, "{\"error\": {\"code\": 401, \"status\": \"UNAUTHENTICATED\"}}");
        } else if (status == 404) {
            reply(exchange, 404, "{\"error\": {\"code\": 404, \"status\": \"NOT_FOUND\", \"details\": [{\"errorCode\": \"UNREGISTERED\"}]}}");
        } else if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            reply(exchange, 429, "{\"error\": {\"code\": 429, \"status\": \"RESOURCE_EXHAUSTED\"}}");
        } else if (status >= 500) {
            reply(exchange, status, "{\"error\": {\"code\": " + status + ", \"status\": \"UNAVAILABLE\"}}");
        } else {
            reply(exchange, 200, "{\"name\": \"projects/mailpush-test/messages/0:1500415314455276%31bd1c9631bd1c96\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
