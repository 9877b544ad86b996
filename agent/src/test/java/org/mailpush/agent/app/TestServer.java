package org.mailpush.agent.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.mailpush.api.AdminToken;
import org.mailpush.app.MailpushServer;
import org.mailpush.app.ServerConfig;
import org.mailpush.app.Settings;

/**
 * A real mailpush server in this JVM on ephemeral ports, with the admin API and SMTP as an operator
 * and a sender would use them. {@link #restart()} starts a new server on the same data directory;
 * its ports change.
 */
final class TestServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final Map<String, String> settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private MailpushServer server;

    private TestServer(Path data, Map<String, String> settings) {
        this.data = data;
        this.settings = settings;
        this.server = start();
    }

    static TestServer start(Path data, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("data-dir", data.toString(), "http.port", "0", "smtp.port", "0"));
        settings.putAll(extra);
        return new TestServer(data, settings);
    }

    static TestServer start(Path data) {
        return start(data, Map.of());
    }

    private MailpushServer start() {
        return MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "test", Map.of(), settings)), InstantSource.system());
    }

    void restart() {
        server.close();
        server = start();
    }

    void stop() {
        server.close();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.httpPort());
    }

    int httpPort() {
        return server.httpPort();
    }

    JsonNode admin(String method, String path, String body) throws IOException, InterruptedException {
        AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + token.value())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    void addUser(String user, String password) throws IOException, InterruptedException {
        admin("POST", "/api/admin/users", "{\"id\": \"" + user + "\", \"addresses\": [\"" + user + "@example.com\"]}");
        admin("PUT", "/api/admin/users/" + user + "/password", "{\"password\": \"" + password + "\"}");
    }

    /** Enrols a device through the admin API and returns its token. */
    String enrol(String user, String device, String type) throws IOException, InterruptedException {
        return enrol(user, device, type, "{}");
    }

    /** Enrols a device with these capabilities (JSON, docs/policy.md) and returns its token. */
    String enrol(String user, String device, String type, String capabilities) throws IOException, InterruptedException {
        return admin("POST", "/api/admin/users/" + user + "/devices",
                "{\"id\": \"" + device + "\", \"type\": \"" + type + "\", \"name\": \"" + user + "'s " + device
                        + "\", \"capabilities\": " + capabilities + "}")
                .get("token").asText();
    }

    /** A mail with its plans and deliveries (SPEC X4). */
    JsonNode mail(String user, long id) throws IOException, InterruptedException {
        return admin("GET", "/api/admin/users/" + user + "/mails/" + id, null);
    }

    /** Sends a plain mail over SMTP; returns once the server answered 250. */
    void send(String to, String subject) throws MessagingException {
        send(to, subject, "This is " + subject + ".");
    }

    void send(String to, String subject, String text) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(server.smtpPort()));
        properties.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("carol@example.org"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text);
        message.saveChanges();
        Transport.send(message);
    }

    @Override
    public void close() {
        server.close();
    }
}
