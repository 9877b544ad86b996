package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.api.AdminToken;

/**
 * The web app's edges against a real server: sessions end with a new password and with the user,
 * and a user added again under the same id does not inherit them; every API answer is
 * {@code nosniff} and {@code no-store}; enrolling another user's device id tells nothing; a request
 * addressed to a foreign name (DNS rebinding) is refused everywhere; a mail fetched raw is a download.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebHardeningIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path directory;

    private MailpushServer server;
    private Path data;

    record Login(String cookie, String csrf) {}

    record Answer(int status, JsonNode body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }
    }

    @BeforeAll
    void start() throws Exception {
        data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system());
        for (String user : new String[] {"alice", "bob", "carol"}) {
            addUser(user, user + "-password-1");
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // ---- sessions

    @Test
    void aNewPasswordEndsEverySessionOfTheUserAndOnlyTheirs() throws Exception {
        Login first = login("carol", "carol-password-1");
        Login second = login("carol", "carol-password-1");
        Login bob = login("bob", "bob-password-1");

        admin("PUT", "/api/admin/users/carol/password", "{\"password\": \"carol-password-2\"}");

        assertThat(send("GET", "/api/me", null, first).status()).isEqualTo(401);
        Answer ended = send("GET", "/api/me", null, second);
        assertThat(ended.status()).isEqualTo(401);
        assertThat(send("GET", "/api/me", null, bob).status()).isEqualTo(200);
        assertThat(send("GET", "/api/me", null, login("carol", "carol-password-2")).status()).isEqualTo(200);
    }

    @Test
    void removingAUserEndsTheirSessionsAndAUserAddedAgainUnderTheSameIdDoesNotInheritThem() throws Exception {
        addUser("dora", "dora-password-1");
        Login old = login("dora", "dora-password-1");
        assertThat(send("GET", "/api/me", null, old).status()).isEqualTo(200);

        admin("DELETE", "/api/admin/users/dora", null);
        assertThat(send("GET", "/api/me", null, old).status()).isEqualTo(401);
        addUser("dora", "dora-password-1");

        Answer reused = send("GET", "/api/me", null, old);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(send("GET", "/api/devices", null, old).status()).isEqualTo(401);
        assertThat(send("GET", "/api/me", null, login("dora", "dora-password-1")).status()).isEqualTo(200);
    }

    // ---- headers and answers that tell nothing

    @Test
    void everyApiAnswerIsNoSniffAndNoStoreAndEveryPageNoSniff() throws Exception {
        Login alice = login("alice", "alice-password-1");
        for (Answer answer : new Answer[] {send("GET", "/api/me", null, alice), send("GET", "/api/me", null, null),
                send("GET", "/api/devices", null, alice), send("GET", "/api/no-such-route", null, alice),
                send("POST", "/api/session", "{\"user\": \"alice\", \"password\": \"wrong-password\"}", null),
                send("GET", "/api/openapi.json", null, null), send("GET", "/api/link", null, null)}) {
            assertThat(answer.header("X-Content-Type-Options")).as(answer.response().uri().toString()).isEqualTo("nosniff");
            assertThat(answer.header("Cache-Control")).as(answer.response().uri().toString()).isEqualTo("no-store");
        }
        for (String page : new String[] {"/index.html", "/js/api.js", "/app.css", "/"}) {
            assertThat(send("GET", page, null, null).header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
        }
    }

    @Test
    void enrollingAnotherUsersDeviceIdIsAnsweredAsForAnIdThatIsNotTheirs() throws Exception {
        Login alice = login("alice", "alice-password-1");
        Login bob = login("bob", "bob-password-1");
        assertThat(send("POST", "/api/devices", "{\"id\": \"alices-tablet\", \"type\": \"tablet\"}", alice).status()).isEqualTo(201);

        Answer takeOver = send("POST", "/api/devices", "{\"id\": \"alices-tablet\", \"type\": \"tablet\"}", bob);
        Answer notTheirs = send("GET", "/api/devices/alices-tablet", null, bob);

        assertThat(takeOver.status()).isEqualTo(404);
        assertThat(takeOver.body()).isEqualTo(notTheirs.body());
        assertThat(takeOver.body().path("message").asText()).isEqualTo("no device 'alices-tablet'");
    }

    // ---- DNS rebinding

    @Test
    void aRequestAddressedToAForeignNameIsRefusedOnTheApiThePagesAndTheTerminalLink() throws Exception {
        String foreign = "rebound.example:" + server.httpPort();
        String api = raw("GET /api/me HTTP/1.1\r\nHost: " + foreign + "\r\nConnection: close\r\n\r\n");
        String page = raw("GET /index.html HTTP/1.1\r\nHost: " + foreign + "\r\nConnection: close\r\n\r\n");
        String link = raw("GET /api/link HTTP/1.1\r\nHost: " + foreign + "\r\nOrigin: http://" + foreign + "\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        String login = raw("POST /api/session HTTP/1.1\r\nHost: " + foreign + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 46\r\nConnection: close\r\n\r\n{\"user\": \"alice\", \"password\": \"wrong-pass1\"}");

        for (String answer : new String[] {api, page, link, login}) {
            assertThat(answer).startsWith("HTTP/1.1 421 ")
                    .contains("this server does not answer to the name 'rebound.example'; http.server-names lists the names it answers to");
        }
        assertThat(raw("GET /index.html HTTP/1.1\r\nHost: localhost:" + server.httpPort() + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ");
        assertThat(raw("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort() + "\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ");
        assertThat(raw("GET /index.html HTTP/1.1\r\nHost: LOCALHOST.\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void configuredServerNamesReplaceTheDefaults() throws Exception {
        try (MailpushServer named = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", directory.resolve("named").toString(), "smtp.port", "0", "http.port", "0",
                        "http.server-names", "mail.example.com, 127.0.0.1"))), InstantSource.system())) {
            String request = "GET /index.html HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n";
            assertThat(raw(named.httpPort(), request.formatted("mail.example.com"))).startsWith("HTTP/1.1 200 ");
            assertThat(raw(named.httpPort(), request.formatted("127.0.0.1:" + named.httpPort()))).startsWith("HTTP/1.1 200 ");
            assertThat(raw(named.httpPort(), request.formatted("localhost"))).startsWith("HTTP/1.1 421 ");
        }
    }

    // ---- mail content

    @Test
    void aMailFetchedRawIsADownloadUnderASandbox() throws Exception {
        Login alice = login("alice", "alice-password-1");
        Answer enrolled = send("POST", "/api/devices", "{\"id\": \"alices-script\", \"type\": \"laptop\"}", alice);
        String token = enrolled.body().path("token").asText();
        try (Mailer mailer = new Mailer(server.smtpPort())) {
            assertThat(mailer.send("carol@example.org", "alice@example.com", "A picture for you", 1, 64)).isEqualTo(250);
        }
        long mail = -1;
        while (mail < 0) {
            for (JsonNode each : send("GET", "/api/mails", null, alice).body()) {
                if (each.at("/summary/subject").asText().equals("A picture for you")) {
                    mail = each.path("id").asLong();
                }
            }
            Thread.onSpinWait();
        }

        HttpResponse<String> raw = HTTP.send(HttpRequest.newBuilder(uri("/api/link/mails/" + mail + "/raw"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"mail-" + mail + ".eml\"");
        assertThat(raw.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).startsWith("sandbox"));
        assertThat(raw.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(raw.body()).contains("Subject: A picture for you");
    }

    private String raw(String request) throws IOException {
        return raw(server.httpPort(), request);
    }

    /** Sends a request as written, to set a Host no HTTP client lets one set; the answer as text. */
    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            // The head, then as much body as it announces: a refused upgrade may keep the connection open.
            var head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int octet = in.read();
                if (octet < 0) {
                    return head.toString();
                }
                head.append((char) octet);
            }
            var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }

    private void addUser(String user, String password) throws Exception {
        Admin.addUser(server.httpPort(), data, user, user + "@example.com");
        admin("PUT", "/api/admin/users/" + user + "/password", "{\"password\": \"" + password + "\"}");
    }

    private Login login(String user, String password) throws Exception {
        Answer answer = send("POST", "/api/session", "{\"user\": \"" + user + "\", \"password\": \"" + password + "\"}", null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String cookie = answer.response().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Login(cookie, answer.body().path("csrfToken").asText());
    }

    private Answer send(String method, String path, String body, Login login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (login != null) {
            request.header("Cookie", login.cookie()).header("X-CSRF-Token", login.csrf());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            json = JSON.nullNode();
        }
        return new Answer(response.statusCode(), json, response);
    }

    private void admin(String method, String path, String body) throws Exception {
        AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token.value())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }
}
