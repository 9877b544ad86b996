package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.access.InMemoryApiTokens;
import org.mailpush.admin.Administration;
import org.mailpush.auth.Authenticator;
import org.mailpush.auth.LoginThrottle;
import org.mailpush.auth.Passwords;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.device.InMemoryDeviceTokens;
import org.mailpush.device.InMemoryPushChannels;
import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.policy.InMemoryPolicyFromTerminals;
import org.mailpush.policy.InMemoryPolicyStore;
import org.mailpush.presence.InMemoryReportStore;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Reachability;
import org.mailpush.push.InMemoryOutbox;
import org.mailpush.push.InMemoryPlanStore;
import org.mailpush.route.Router;
import org.mailpush.upstream.InMemoryUpstreamAccounts;
import org.mailpush.user.InMemoryCredentials;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/** What a device token, a personal API token and the admin token may do on the user API. */
class ApiAuthorityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UserId ALICE = new UserId("alice");
    private static final String ACCOUNT = """
            {"protocol": "imap", "host": "imap.example.com", "port": 993, "tls": "implicit", "username": "alice", "password": "pw"}""";

    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final InMemoryDeviceTokens tokens = new InMemoryDeviceTokens();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final InMemoryPolicyStore policies = new InMemoryPolicyStore();
    private final InMemoryApiTokens apiTokens = new InMemoryApiTokens();
    private final InMemoryPolicyFromTerminals policyFromTerminals = new InMemoryPolicyFromTerminals();
    private final Administration admin = new Administration(new Administration.Stores(users, credentials,
            new InMemoryUpstreamAccounts(), devices, tokens), Administration.Listeners.NONE);
    private final AdminToken adminToken = AdminToken.random();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ApiServer server;
    private final String laptopToken;

    ApiAuthorityIT() {
        users.add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.com"))));
        admin.setPassword(ALICE, "correct horse");
        laptopToken = admin.enrolDevice(new Device(new DeviceId("laptop"), ALICE, "Laptop", DeviceType.LAPTOP, org.mailpush.device.Capabilities.FULL, List.of())).orElseThrow().token();
        admin.enrolDevice(new Device(new DeviceId("phone"), ALICE, "Phone", DeviceType.PHONE, org.mailpush.device.Capabilities.FULL, List.of()));
        var clock = InstantSource.system();
        var access = new UserAccess(new WebSessions(clock), users, credentials, tokens, devices, apiTokens, policyFromTerminals, clock);
        var states = new TerminalStates(new InMemoryReportStore(), new PresenceInference(PresenceSettings.DEFAULTS), clock,
                id -> Reachability.UNKNOWN, TerminalStates.DEFAULT_STALE_AFTER);
        var mailboxes = new AdminApi.Mailboxes(new InMemoryMailStore(), new InMemoryPlanStore(), new InMemoryOutbox());
        server = ApiServer.start(new HttpSettings("127.0.0.1", 0, 64 * 1024), List.of(
                new SessionApi(new Authenticator(users, credentials, new Passwords(), new LoginThrottle(), clock), access, users),
                new DeviceApi(new Authenticator(users, credentials, new Passwords(), new LoginThrottle(), clock), access, admin, states),
                new AccountApi(access, admin, new org.mailpush.ingest.upstream.LoginCheck(org.mailpush.ingest.upstream.UpstreamSettings.DEFAULTS), id -> java.util.Optional.empty()),
                new MailApi(access, mailboxes),
                new PolicyApi(access, policies, policies::save, admin, states, new Router(new PresenceInference(PresenceSettings.DEFAULTS))),
                new PushChannelApi(access, new InMemoryPushChannels(), "key", channel -> "", clock, adminToken, devices),
                new TokenApi(access, adminToken, users, clock)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    record Answer(int status, JsonNode body) {}

    private Answer call(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    private static final String POLICY = "{\"rules\": [{\"kind\": \"in-use\"}]}";

    @Test
    void aDeviceTokenCannotEnrolAddAccountsMakeTokensOrReadTheMailbox() throws Exception {
        for (Answer refused : List.of(
                call("POST", "/api/devices", laptopToken, "{\"id\": \"forever\", \"type\": \"laptop\"}"),
                call("POST", "/api/accounts", laptopToken, ACCOUNT),
                call("POST", "/api/tokens", laptopToken, "{\"name\": \"x\", \"scopes\": [\"devices\"]}"),
                call("GET", "/api/tokens", laptopToken, null),
                call("GET", "/api/mails", laptopToken, null),
                call("GET", "/api/devices", laptopToken, null),
                call("DELETE", "/api/devices/phone", laptopToken, null),
                call("PUT", "/api/policy/terminals", laptopToken, "{\"allowed\": true}"))) {
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
            assertThat(refused.body().path("message").asText()).contains("a device token opens the terminal link and its terminal's own calls only");
        }
        assertThat(devices.find(new DeviceId("forever"))).isEmpty();
        assertThat(admin.accountsOf(ALICE)).isEmpty();
        assertThat(apiTokens.of(ALICE)).isEmpty();
    }

    @Test
    void aDeviceTokenMakesItsTerminalsOwnCalls() throws Exception {
        assertThat(call("GET", "/api/devices/laptop", laptopToken, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/devices/phone", laptopToken, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/devices/laptop/push-channels", laptopToken, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/policy", laptopToken, null).status()).isEqualTo(200);
        assertThat(call("PUT", "/api/policy", laptopToken, POLICY).status()).isEqualTo(200);
    }

    @Test
    void aDeviceTokenSetsThePolicyOnlyWhenTheUserLetsTerminals() throws Exception {
        policyFromTerminals.allow(ALICE, false);

        Answer refused = call("PUT", "/api/policy", laptopToken, POLICY);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("message").asText()).contains("does not let terminals set the policy");
        assertThat(policies.policyOf(ALICE)).isEmpty();
    }

    @Test
    void aPersonalTokenDoesWhatItsScopesAllowAndNothingElseUntilRevoked() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"alice\", \"password\": \"correct horse\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = JSON.readTree(login.body()).path("csrfToken").asText();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/tokens"))
                .header("Content-Type", "application/json").header("Cookie", cookie).header(UserAccess.CSRF_HEADER, csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"report script\", \"scopes\": [\"mail:read\", \"policy\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        String secret = token.path("token").asText();
        assertThat(secret).startsWith("mpt_");

        assertThat(call("GET", "/api/mails", secret, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/policy", secret, null).status()).isEqualTo(200);
        assertThat(call("PUT", "/api/policy", secret, POLICY).status()).isEqualTo(200);
        Answer outOfScope = call("GET", "/api/devices", secret, null);
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.body().path("message").asText()).contains("lacks the scope 'devices'");
        assertThat(call("POST", "/api/accounts", secret, ACCOUNT).status()).isEqualTo(403);
        assertThat(call("POST", "/api/devices", secret, "{\"id\": \"forever\", \"type\": \"laptop\"}").status()).isEqualTo(403);
        assertThat(call("POST", "/api/tokens", secret, "{\"name\": \"more\", \"scopes\": [\"devices\"]}").status()).isEqualTo(403);

        Answer listed = call("GET", "/api/admin/users/alice/tokens", adminToken.value(), null);
        assertThat(listed.body()).hasSize(1);
        assertThat(listed.body().get(0).path("name").asText()).isEqualTo("report script");
        assertThat(listed.body().get(0).has("token")).isFalse();
        assertThat(listed.body().get(0).path("lastUsed").isTextual()).isTrue();

        assertThat(call("DELETE", "/api/admin/users/alice/tokens/" + token.path("id").asLong(), adminToken.value(), null).status())
                .isEqualTo(204);
        Answer revoked = call("GET", "/api/mails", secret, null);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body().path("message").asText()).contains("unknown or revoked token");
    }

    @Test
    void theAdminTokenMakesTokensForAUserAndBadRequestsAreNamed() throws Exception {
        assertThat(call("POST", "/api/admin/users/alice/tokens", null, "{\"name\": \"x\", \"scopes\": [\"devices\"]}").status())
                .isEqualTo(401);
        assertThat(call("POST", "/api/admin/users/alice/tokens", laptopToken, "{\"name\": \"x\", \"scopes\": [\"devices\"]}").status())
                .isEqualTo(401);
        Answer admin = call("POST", "/api/admin/users/alice/tokens", adminToken.value(), "{\"name\": \"x\", \"scopes\": [\"admin\"]}");
        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.body().path("message").asText()).contains("'admin' is not a scope");
        assertThat(call("POST", "/api/admin/users/alice/tokens", adminToken.value(), "{\"name\": \"x\", \"scopes\": []}").status())
                .isEqualTo(400);
        assertThat(call("POST", "/api/admin/users/nobody/tokens", adminToken.value(), "{\"name\": \"x\", \"scopes\": [\"devices\"]}").status())
                .isEqualTo(404);

        Answer made = call("POST", "/api/admin/users/alice/tokens", adminToken.value(), "{\"name\": \"devices\", \"scopes\": [\"devices\"]}");
        assertThat(made.status()).isEqualTo(201);
        String secret = made.body().path("token").asText();
        assertThat(call("GET", "/api/devices", secret, null).body()).hasSize(2);
        assertThat(call("GET", "/api/admin/users/alice/tokens", secret, null).status()).isEqualTo(401);
    }
}
