package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.access.ApiScope;
import org.mailpush.access.InMemoryApiTokens;
import org.mailpush.admin.Administration;
import org.mailpush.auth.Authenticator;
import org.mailpush.auth.LoginThrottle;
import org.mailpush.auth.Passwords;
import org.mailpush.device.DeviceId;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.device.InMemoryDeviceTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.policy.InMemoryPolicyFromTerminals;
import org.mailpush.presence.InMemoryReportStore;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Reachability;
import org.mailpush.presence.UsageReport;
import org.mailpush.upstream.InMemoryUpstreamAccounts;
import org.mailpush.user.InMemoryCredentials;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

class DeviceApiIT {
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final InMemoryDeviceTokens tokens = new InMemoryDeviceTokens();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryReportStore reports = new InMemoryReportStore();
    private final InMemoryApiTokens apiTokens = new InMemoryApiTokens();
    private final Administration admin = new Administration(new Administration.Stores(users, credentials,
            new InMemoryUpstreamAccounts(), devices, tokens), Administration.Listeners.NONE);
    private final ApiServer server = ApiServer.start(new HttpSettings("127.0.0.1", 0, 64 * 1024), List.of(new DeviceApi(
            new Authenticator(users, credentials, new Passwords(), new LoginThrottle(), InstantSource.system()),
            new UserAccess(new WebSessions(InstantSource.system()), users, credentials, tokens, devices, apiTokens,
                    new InMemoryPolicyFromTerminals(), InstantSource.system()), admin,
            new TerminalStates(reports, new PresenceInference(PresenceSettings.DEFAULTS), InstantSource.system(),
                    id -> Reachability.UNKNOWN, TerminalStates.DEFAULT_STALE_AFTER))));

    DeviceApiIT() {
        for (String id : List.of("alice", "bob")) {
            users.add(new User(new UserId(id), id, Set.of(MailAddress.of(id + "@example.com"))));
            admin.setPassword(new UserId(id), id + "-secret-password");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aUserEnrolsATerminalWithTheirOwnCredentials() throws Exception {
        HttpResponse<String> response = enrol("alice", "alice-secret-password", "{\"id\": \"laptop\", \"type\": \"laptop\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        var json = new ObjectMapper().readTree(response.body());
        assertThat(json.at("/device/user").asText()).isEqualTo("alice");
        assertThat(tokens.deviceOf(TokenHash.of(json.get("token").asText()))).contains(new DeviceId("laptop"));
    }

    @Test
    void wrongCredentialsAreRefusedAlike() throws Exception {
        HttpResponse<String> wrongPassword = enrol("alice", "guess-guess-guess", "{\"id\": \"x\", \"type\": \"laptop\"}");
        HttpResponse<String> noSuchUser = enrol("mallory", "guess-guess-guess", "{\"id\": \"x\", \"type\": \"laptop\"}");

        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(noSuchUser.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(noSuchUser.body());
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void anotherUsersDeviceIdCannotBeTakenNorToldApartFromNoDevice() throws Exception {
        enrol("alice", "alice-secret-password", "{\"id\": \"phone\", \"type\": \"phone\"}");

        HttpResponse<String> taken = enrol("bob", "bob-secret-password", "{\"id\": \"phone\", \"type\": \"phone\"}");
        HttpResponse<String> bad = enrol("bob", "bob-secret-password", "{\"id\": \"phone\", \"type\": \"watch\"}");

        assertThat(taken.statusCode()).isEqualTo(404);
        assertThat(taken.body()).contains("no device 'phone'");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("type: 'watch' is not one of");
    }

    @Test
    void aBodyWithAKeyGivenTwiceIsRefusedWithACleanMessage() throws Exception {
        HttpResponse<String> twice = enrol("alice", "alice-secret-password", "{\"id\": \"x\", \"type\": \"laptop\", \"type\": \"phone\"}");
        HttpResponse<String> broken = enrol("alice", "alice-secret-password", "{\"id\": \"x\", // a comment\n \"type\": laptop}");

        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(twice.body()).get("message").asText())
                .isEqualTo("malformed JSON: duplicate field 'type' at line 1, column 37");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).doesNotContain("Feature", "Source", "REDACTED", "com.fasterxml");
    }

    @Test
    void guessingIsThrottled() throws Exception {
        for (int i = 0; i < 5; i++) {
            enrol("alice", "guess-" + i + "-xxxxx", "{\"id\": \"x\", \"type\": \"laptop\"}");
        }

        HttpResponse<String> throttled = enrol("alice", "alice-secret-password", "{\"id\": \"x\", \"type\": \"laptop\"}");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aBrowserUnseenForTheStaleTimeIsListedStaleOthersAreNot() throws Exception {
        enrol("alice", "alice-secret-password", "{\"id\": \"tab\", \"type\": \"browser\"}");
        String token = "mpt_devices-script";
        apiTokens.issue(new UserId("alice"), "devices script", Set.of(ApiScope.DEVICES), TokenHash.of(token), Instant.now());
        enrol("alice", "alice-secret-password", "{\"id\": \"old-phone\", \"type\": \"phone\"}");
        enrol("alice", "alice-secret-password", "{\"id\": \"new-tab\", \"type\": \"browser\"}");
        Instant longAgo = Instant.now().minus(TerminalStates.DEFAULT_STALE_AFTER).minusSeconds(60);
        reports.record(new DeviceId("tab"), UsageReport.on(longAgo));
        reports.record(new DeviceId("old-phone"), UsageReport.on(longAgo));
        reports.record(new DeviceId("new-tab"), UsageReport.on(Instant.now()));

        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/devices")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());

        Map<String, Boolean> stale = new HashMap<>();
        new ObjectMapper().readTree(listed.body()).forEach(d -> stale.put(d.get("id").asText(), d.get("stale").asBoolean()));
        assertThat(stale).containsExactlyInAnyOrderEntriesOf(Map.of("tab", true, "old-phone", false, "new-tab", false));
    }

    private HttpResponse<String> enrol(String user, String password, String device) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/devices"))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(device)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
