package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.admin.Administration;
import org.mailpush.ingest.upstream.UpstreamGuard;
import org.mailpush.auth.Authenticator;
import org.mailpush.auth.LoginThrottle;
import org.mailpush.auth.Passwords;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.device.InMemoryDeviceTokens;
import org.mailpush.presence.InMemoryReportStore;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Reachability;
import org.mailpush.upstream.InMemoryUpstreamAccounts;
import org.mailpush.user.InMemoryCredentials;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/** The limits on devices and upstream accounts per user (limits.max-devices, limits.max-accounts), over the API. */
class LimitsApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final InMemoryDeviceTokens tokens = new InMemoryDeviceTokens();
    private final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    private final Administration admin = new Administration(new Administration.Stores(users, credentials,
            new InMemoryUpstreamAccounts(), devices, tokens), Administration.Listeners.NONE, new UpstreamGuard(true), new Administration.Limits(2, 1));
    private final WebSessions sessions = new WebSessions(InstantSource.system());
    private final UserAccess access = new UserAccess(sessions, users, credentials, tokens, devices);
    private final ApiServer server = ApiServer.start(new HttpSettings("127.0.0.1", 0, 64 * 1024), List.of(
            new DeviceApi(new Authenticator(users, credentials, new Passwords(), new LoginThrottle(), InstantSource.system()),
                    access, admin, new TerminalStates(new InMemoryReportStore(), new PresenceInference(PresenceSettings.DEFAULTS),
                            InstantSource.system(), id -> Reachability.UNKNOWN, TerminalStates.DEFAULT_STALE_AFTER)),
            new AccountApi(access, admin, new org.mailpush.ingest.upstream.LoginCheck(org.mailpush.ingest.upstream.UpstreamSettings.DEFAULTS), id -> java.util.Optional.empty())));

    LimitsApiIT() {
        users.add(new User(new UserId("alice"), "alice", Set.of(MailAddress.of("alice@example.com"))));
        admin.setPassword(new UserId("alice"), "alice-secret-password");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDeviceOverTheLimitIsRefusedWith409AndEnrollingOneAgainIsNot() throws Exception {
        assertThat(enrol("laptop").statusCode()).isEqualTo(201);
        assertThat(enrol("phone").statusCode()).isEqualTo(201);

        HttpResponse<String> third = enrol("tablet");

        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(third.body()).get("message").asText())
                .isEqualTo("user 'alice' has 2 devices, the most allowed (limits.max-devices); revoke one first");
        assertThat(enrol("laptop").statusCode()).isEqualTo(201);
        assertThat(devices.devicesOf(new UserId("alice"))).hasSize(2);
    }

    @Test
    void anUpstreamAccountOverTheLimitIsRefusedWith409() throws Exception {
        WebSessions.Opened session = sessions.open(new UserId("alice"), credentials.of(new UserId("alice")).orElseThrow());
        String imap = "{\"protocol\": \"imap\", \"host\": \"imap.invalid\", \"username\": \"alice\", \"password\": \"imap-secret\"}";

        assertThat(addAccount(session, imap).statusCode()).isEqualTo(201);
        HttpResponse<String> second = addAccount(session, imap);

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("message").asText())
                .isEqualTo("user 'alice' has 1 upstream accounts, the most allowed (limits.max-accounts); remove one first");
        assertThat(admin.accountsOf(new UserId("alice"))).hasSize(1);
    }

    private HttpResponse<String> enrol(String id) throws Exception {
        String basic = Base64.getEncoder().encodeToString("alice:alice-secret-password".getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/devices"))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + id + "\", \"type\": \"laptop\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> addAccount(WebSessions.Opened session, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/accounts"))
                .header("Cookie", UserAccess.COOKIE + "=" + session.id())
                .header(UserAccess.CSRF_HEADER, session.session().csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
