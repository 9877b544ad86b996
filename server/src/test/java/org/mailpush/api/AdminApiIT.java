package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.admin.Administration;
import org.mailpush.device.DeviceId;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.device.InMemoryDeviceTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.presence.InMemoryReportStore;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Reachability;
import org.mailpush.push.InMemoryOutbox;
import org.mailpush.push.InMemoryPlanStore;
import org.mailpush.upstream.InMemoryUpstreamAccounts;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.user.InMemoryCredentials;
import org.mailpush.user.InMemoryUserDirectory;

class AdminApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryUpstreamAccounts accounts = new InMemoryUpstreamAccounts();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryDeviceTokens tokens = new InMemoryDeviceTokens();
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final List<String> watcherEvents = new ArrayList<>();

    @TempDir
    Path data;

    private AdminToken token;
    private ApiServer server;

    record Answer(int status, JsonNode body) {}

    @BeforeEach
    void start() throws IOException {
        token = AdminToken.loadOrCreate(data);
        server = ApiServer.start(new HttpSettings("127.0.0.1", 0, 64 * 1024), List.of(new AdminApi(token,
                new Administration(new Administration.Stores(users, credentials, accounts, devices, tokens),
                        new Administration.Listeners(
                                added -> watcherEvents.add("watch " + added.id()),
                                removed -> watcherEvents.add("unwatch " + removed),
                                revoked -> watcherEvents.add("disconnect " + revoked),
                                user -> watcherEvents.add("sign off " + user))),
                new AdminApi.Mailboxes(new InMemoryMailStore(), new InMemoryPlanStore(), new InMemoryOutbox()),
                new TerminalStates(new InMemoryReportStore(), new PresenceInference(PresenceSettings.DEFAULTS), InstantSource.system(),
                        device -> Reachability.UNKNOWN, TerminalStates.DEFAULT_STALE_AFTER))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theTokenFileIsPrivateAndStable() throws IOException {
        Path file = data.resolve(AdminToken.FILE_NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AdminToken.loadOrCreate(data)).isEqualTo(token);
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void everyRouteNeedsTheToken() throws Exception {
        assertThat(send("GET", "/api/admin/users", null, Optional.empty()).status()).isEqualTo(401);
        Answer wrong = send("GET", "/api/admin/users", null, Optional.of("x".repeat(43)));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("message").asText()).contains("Bearer");
        assertThat(send("POST", "/api/admin/users", "{}", Optional.empty()).status()).isEqualTo(401);
    }

    @Test
    void addsListsAndRemovesUsers() throws Exception {
        Answer added = admin("POST", "/api/admin/users",
                "{\"id\": \"alice\", \"name\": \"Alice\", \"addresses\": [\"Alice@Example.com\", \"a.smith@example.com\"]}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("addresses").toString()).isEqualTo("[\"a.smith@example.com\",\"alice@example.com\"]");
        assertThat(admin("GET", "/api/admin/users", null).body()).hasSize(1);
        assertThat(admin("GET", "/api/admin/users/alice", null).body().get("name").asText()).isEqualTo("Alice");
        assertThat(admin("DELETE", "/api/admin/users/alice", null).status()).isEqualTo(204);
        assertThat(admin("GET", "/api/admin/users/alice", null).status()).isEqualTo(404);
    }

    @Test
    void conflictsAndBadInputAreExplained() throws Exception {
        admin("POST", "/api/admin/users", "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}");

        Answer sameId = admin("POST", "/api/admin/users", "{\"id\": \"alice\", \"addresses\": [\"other@example.com\"]}");
        Answer sameAddress = admin("POST", "/api/admin/users", "{\"id\": \"bob\", \"addresses\": [\"alice@example.com\"]}");
        Answer badAddress = admin("POST", "/api/admin/users", "{\"id\": \"bob\", \"addresses\": [\"bob at example\"]}");
        Answer malformed = admin("POST", "/api/admin/users", "{\"id\": ");
        Answer noAddress = admin("POST", "/api/admin/users", "{\"id\": \"bob\", \"addresses\": []}");

        assertThat(sameId.status()).isEqualTo(409);
        assertThat(sameId.body().get("message").asText()).isEqualTo("user 'alice' exists already");
        assertThat(sameAddress.status()).isEqualTo(409);
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(badAddress.body().get("message").asText())
                .isEqualTo("addresses[0]: mail address must look like name@example.com, got 'bob at example'");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("message").asText()).startsWith("malformed JSON");
        assertThat(noAddress.body().get("message").asText()).isEqualTo("addresses: a user needs at least one address");
    }

    @Test
    void upstreamAccountsNeverShowTheirPassword() throws Exception {
        admin("POST", "/api/admin/users", "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}");

        Answer added = admin("POST", "/api/admin/users/alice/accounts",
                "{\"protocol\": \"imap\", \"host\": \"imap.example.com\", \"username\": \"alice\", \"password\": \"hunter2\"}");

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().toString()).doesNotContain("hunter2");
        assertThat(added.body().get("port").asInt()).isEqualTo(993);
        assertThat(added.body().get("description").asText()).isEqualTo("imap://alice@imap.example.com:993/INBOX");
        JsonNode listed = admin("GET", "/api/admin/users/alice/accounts", null).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain("hunter2");
        assertThat(accounts.list().getFirst().server().password().value()).isEqualTo("hunter2");
        assertThat(watcherEvents).containsExactly("watch " + added.body().get("id").asLong());
    }

    @Test
    void removingAUserStopsWatchingTheirAccounts() throws Exception {
        admin("POST", "/api/admin/users", "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}");
        long id = admin("POST", "/api/admin/users/alice/accounts",
                "{\"protocol\": \"pop3\", \"host\": \"pop.example.com\", \"tls\": \"none\", \"insecure\": true, \"username\": \"a\", \"password\": \"p\"}")
                .body().get("id").asLong();

        admin("DELETE", "/api/admin/users/alice", null);

        assertThat(accounts.find(new UpstreamAccountId(id))).isEmpty();
        assertThat(watcherEvents).containsExactly("watch " + id, "unwatch " + id, "sign off alice");
    }

    @Test
    void accountErrors() throws Exception {
        admin("POST", "/api/admin/users", "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}");

        Answer loopback = admin("POST", "/api/admin/users/alice/accounts",
                "{\"protocol\": \"imap\", \"host\": \"127.0.0.1\", \"username\": \"alice\", \"password\": \"x\"}");
        assertThat(loopback.status()).isEqualTo(400);
        assertThat(loopback.body().toString()).contains("127.0.0.1", "upstream.allow-private-addresses");
        Answer plaintext = admin("POST", "/api/admin/users/alice/accounts",
                "{\"protocol\": \"imap\", \"host\": \"192.0.2.10\", \"tls\": \"none\", \"username\": \"alice\", \"password\": \"x\"}");
        assertThat(plaintext.status()).isEqualTo(400);
        assertThat(plaintext.body().toString()).contains("clear text");
        assertThat(admin("POST", "/api/admin/users/alice/accounts", "{\"protocol\": \"imap\", \"host\": \"192.0.2.10\", \"tls\": \"none\","
                + " \"insecure\": true, \"username\": \"alice\", \"password\": \"x\"}").status()).isEqualTo(201);
        Answer badProtocol = admin("POST", "/api/admin/users/alice/accounts",
                "{\"protocol\": \"smtp\", \"host\": \"h\", \"username\": \"a\", \"password\": \"p\"}");
        Answer noUser = admin("POST", "/api/admin/users/nobody/accounts",
                "{\"protocol\": \"imap\", \"host\": \"h\", \"username\": \"a\", \"password\": \"p\"}");

        assertThat(badProtocol.status()).isEqualTo(400);
        assertThat(badProtocol.body().get("message").asText()).isEqualTo("protocol: 'smtp' is not one of imap, pop3");
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(admin("DELETE", "/api/admin/accounts/77", null).status()).isEqualTo(404);
        assertThat(admin("DELETE", "/api/admin/accounts/x", null).status()).isEqualTo(404);
    }

    @Test
    void enrolsADeviceWithATokenShownOnceAndRevokesIt() throws Exception {
        admin("POST", "/api/admin/users", "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}");

        Answer enrolled = admin("POST", "/api/admin/users/alice/devices",
                "{\"id\": \"laptop\", \"name\": \"Work laptop\", \"type\": \"laptop\", \"addresses\": [\"mac:3c:22:fb:01:02:03\"]}");

        assertThat(enrolled.status()).isEqualTo(201);
        String token = enrolled.body().get("token").asText();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(tokens.deviceOf(TokenHash.of(token))).contains(new DeviceId("laptop"));
        JsonNode listed = admin("GET", "/api/admin/users/alice/devices", null).body();
        assertThat(listed).hasSize(1);
        assertThat(listed.toString()).doesNotContain(token);
        assertThat(listed.get(0).get("addresses").get(0).asText()).isEqualTo("mac:3c:22:fb:01:02:03");

        assertThat(admin("DELETE", "/api/admin/users/alice/devices/laptop", null).status()).isEqualTo(204);
        assertThat(tokens.deviceOf(TokenHash.of(token))).isEmpty();
        assertThat(watcherEvents).containsExactly("disconnect laptop", "disconnect laptop");
        assertThat(admin("DELETE", "/api/admin/users/alice/devices/laptop", null).status()).isEqualTo(404);
    }

    @Test
    void aDeviceIdOfAnotherUserCannotBeTaken() throws Exception {
        admin("POST", "/api/admin/users", "{\"id\": \"alice\", \"addresses\": [\"alice@example.com\"]}");
        admin("POST", "/api/admin/users", "{\"id\": \"bob\", \"addresses\": [\"bob@example.com\"]}");
        admin("POST", "/api/admin/users/alice/devices", "{\"id\": \"phone\", \"type\": \"phone\"}");

        Answer taken = admin("POST", "/api/admin/users/bob/devices", "{\"id\": \"phone\", \"type\": \"phone\"}");
        Answer badType = admin("POST", "/api/admin/users/bob/devices", "{\"id\": \"x\", \"type\": \"fridge\"}");

        assertThat(taken.status()).isEqualTo(409);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().get("message").asText()).startsWith("type: 'fridge' is not one of phone");
        assertThat(admin("DELETE", "/api/admin/users/bob/devices/phone", null).status()).isEqualTo(404);
    }

    @Test
    void unknownRoutesAnswerJson() throws Exception {
        Answer answer = admin("GET", "/api/nothing-here", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("status").asInt()).isEqualTo(404);
    }

    private Answer admin(String method, String path, String body) throws Exception {
        return send(method, path, body, Optional.of(token.value()));
    }

    private Answer send(String method, String path, String body, Optional<String> bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        bearer.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json);
    }
}
