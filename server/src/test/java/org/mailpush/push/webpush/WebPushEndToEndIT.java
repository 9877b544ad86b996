package org.mailpush.push.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.AdminToken;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;

/**
 * A closed browser tab as the real server sees it: a terminal with no link that handed the server its
 * Web Push subscription through the HTTP API. Mail sent over SMTP reaches the push service on
 * loopback, which checks the server's VAPID token against the key the API published and decrypts the
 * notice with the subscriber's key; when the push service says the subscription is gone, the server
 * drops it. A subscription to an address the server will not contact is refused at the API.
 */
class WebPushEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private MailpushServer server;
    private FakePushService service;
    private AdminToken admin;
    private final KeyPair subscriber = P256.generate(new SecureRandom());
    private final byte[] publicKey = P256.encode((ECPublicKey) subscriber.getPublic());
    private final byte[] auth = new byte[16];

    @BeforeEach
    void start() throws Exception {
        new SecureRandom().nextBytes(auth);
        Path data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(), Map.of("data-dir", data.toString(),
                "smtp.port", "0", "http.port", "0", "webpush.allow-insecure-loopback", "true"))), InstantSource.system());
        admin = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        service = FakePushService.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void mailReachesAClosedTabThroughWebPushAndAGoneSubscriptionIsDropped() throws Exception {
        call("POST", "/api/admin/users", "Bearer " + admin.value(), "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}", 201);
        String token = call("POST", "/api/admin/users/alice/devices", "Bearer " + admin.value(),
                "{\"id\": \"tab\", \"type\": \"browser\"}", 201).get("token").asText();
        String vapidKey = call("GET", "/api/push/vapid-key", null, null, 200).get("publicKey").asText();
        String endpoint = service.endpoint("/push/tab").toString();
        call("POST", "/api/devices/tab/push-channels", "Bearer " + token, subscription(endpoint), 201);
        JsonNode refused = call("POST", "/api/devices/tab/push-channels", "Bearer " + token, subscription("http://10.1.2.3/push/x"), 400);
        assertThat(refused.toString()).contains("loopback");
        String other = call("POST", "/api/admin/users/alice/devices", "Bearer " + admin.value(),
                "{\"id\": \"other\", \"type\": \"phone\"}", 201).get("token").asText();
        call("POST", "/api/devices/tab/push-channels", "Bearer " + other, subscription(service.endpoint("/push/not-yours").toString()), 403);

        // Queued before the mails: the push service answers each request as it comes, the first 201, the second 410.
        service.reply(FakePushService.Reply.status(201), FakePushService.Reply.status(410));
        send("Lunch on Friday?");

        FakePushService.Received request = service.take();
        VapidCheck vapid = VapidCheck.verify(request.header("Authorization"));
        assertThat(vapid.key()).as("signed with the key the API published").isEqualTo(vapidKey);
        assertThat(vapid.claims().get("aud").asText()).isEqualTo(service.origin());
        assertThat(Integer.parseInt(request.header("TTL"))).as("a day, less the moments spent").isBetween(86_300, 86_400);
        assertThat(request.header("Urgency")).isEqualTo("normal");
        assertThat(request.header("Topic")).hasSize(32);
        JsonNode notice = JSON.readTree(MessageDecryption.decrypt(request.body(), (ECPrivateKey) subscriber.getPrivate(), publicKey, auth));
        assertThat(notice.get("type").asText()).isEqualTo("mail");
        assertThat(notice.get("subject").asText()).isEqualTo("Lunch on Friday?");
        assertThat(notice.get("from").asText()).isEqualTo("carol@example.org");
        assertThat(notice.get("fetch").asText()).startsWith("/api/link/mails/");
        assertThat(notice.has("raw")).as("never the whole mail").isFalse();

        send("Dinner?");
        service.take();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (call("GET", "/api/devices/tab/push-channels", "Bearer " + token, null, 200).size() > 0) {
            assertThat(System.nanoTime()).as("the gone subscription dropped within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private String subscription(String endpoint) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return "{\"kind\": \"web-push\", \"endpoint\": \"" + endpoint + "\", \"keys\": {\"p256dh\": \"" + base64.encodeToString(publicKey)
                + "\", \"auth\": \"" + base64.encodeToString(auth) + "\"}}";
    }

    private void send(String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(server.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom("carol@example.org");
        message.setRecipients(Message.RecipientType.TO, "alice@example.com");
        message.setSubject(subject);
        message.setText("Are you free?");
        Transport.send(message);
    }

    private JsonNode call(String method, String path, String authorization, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
