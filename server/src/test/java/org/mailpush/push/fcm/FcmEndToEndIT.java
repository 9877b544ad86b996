package org.mailpush.push.fcm;

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
import java.security.KeyPairGenerator;
import java.time.InstantSource;
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
 * An Android phone with no link as the real server sees it, FCM configured by the fcm.* settings: the
 * app hands the server its registration token through the HTTP API, mail sent over SMTP reaches FCM
 * (faked on loopback, with Google's token endpoint) as a notification, and when FCM says the token is
 * unregistered the server drops the channel. APNs, not configured, is refused at the API.
 */
class FcmEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "fPhone-token:APA91b" + "q".repeat(40);

    @TempDir
    Path directory;

    private MailpushServer server;
    private FakeFcm fcm;
    private AdminToken admin;

    @BeforeEach
    void start() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        fcm = FakeFcm.start(key.getPublic(), FcmTransportIT.EMAIL);
        Path account = FcmTransportIT.serviceAccount(directory, key, fcm.tokenUri());
        Path data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(), Map.of("data-dir", data.toString(),
                "smtp.port", "0", "http.port", "0", "fcm.service-account-file", account.toString(), "fcm.project-id", FakeFcm.PROJECT,
                "fcm.endpoint", fcm.base().toString()))), InstantSource.system());
        admin = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (fcm != null) {
            fcm.close();
        }
    }

    @Test
    void mailReachesAnAndroidPhoneThroughFcmAndAnUnregisteredTokenIsDropped() throws Exception {
        call("POST", "/api/admin/users", "Bearer " + admin.value(), "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}", 201);
        String token = call("POST", "/api/admin/users/alice/devices", "Bearer " + admin.value(),
                "{\"id\": \"phone\", \"type\": \"phone\"}", 201).get("token").asText();
        call("POST", "/api/devices/phone/push-channels", "Bearer " + token, "{\"kind\": \"fcm\", \"endpoint\": \"fcm:" + TOKEN + "\"}", 201);
        JsonNode refused = call("POST", "/api/devices/phone/push-channels", "Bearer " + token,
                "{\"kind\": \"apns\", \"endpoint\": \"apns:" + "a".repeat(64) + "\"}", 400);
        assertThat(refused.toString()).contains("no APNs transport");

        send("Lunch on Friday?");

        JsonNode message = fcm.takeMessage().path("message");
        assertThat(message.path("token").asText()).isEqualTo(TOKEN);
        assertThat(message.at("/notification/title").asText()).isEqualTo("Lunch on Friday?");
        assertThat(message.at("/notification/body").asText()).startsWith("carol@example.org");
        assertThat(message.at("/data/fetch").asText()).startsWith("/api/link/mails/");
        long shown = System.nanoTime() + 10_000_000_000L;
        while (!call("GET", "/api/devices/phone", "Bearer " + token, null, 200).at("/channels/0").has("lastSuccess")) {
            assertThat(System.nanoTime()).as("the channel's success shown with the device within 10 s").isLessThan(shown);
            Thread.onSpinWait();
        }
        JsonNode channel = call("GET", "/api/devices/phone/push-channels", "Bearer " + token, null, 200).get(0);
        assertThat(channel.path("kind").asText()).isEqualTo("fcm");
        assertThat(channel.path("working").asBoolean()).isTrue();
        assertThat(channel.has("lastFailure")).isFalse();

        fcm.answer(TOKEN, FakeFcm.Answer.UNREGISTERED);
        send("Dinner?");
        fcm.takeMessage();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (call("GET", "/api/devices/phone/push-channels", "Bearer " + token, null, 200).size() > 0) {
            assertThat(System.nanoTime()).as("the unregistered channel dropped within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
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
