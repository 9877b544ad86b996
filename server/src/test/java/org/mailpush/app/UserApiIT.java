package org.mailpush.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The user API against a real server (H2, SMTP, link): every endpoint with a good request, bad input
 * and — for everything that has an id — another user's id, which must look exactly like no such thing
 * (SPEC X8). Every error is JSON with a status and a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path directory;

    private MailpushServer server;
    private Path data;

    /** What a browser holds after logging in: the session cookie and the CSRF token. */
    record Login(String cookie, String csrf) {}

    record Answer(int status, JsonNode body, HttpResponse<String> response) {
        String message() {
            return body.path("message").asText();
        }
    }

    @BeforeAll
    void start() throws Exception {
        data = directory.resolve("data");
        server = MailpushServer.start(ServerConfig.read(Settings.of(Map.of(), "", Map.of(),
                Map.of("data-dir", data.toString(), "smtp.port", "0", "http.port", "0"))), InstantSource.system());
        for (String user : new String[] {"alice", "bob", "carol", "dave"}) {
            Admin.addUser(server.httpPort(), data, user, user + "@example.com");
            admin("PUT", "/api/admin/users/" + user + "/password", "{\"password\": \"" + user + "-password-1\"}");
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // ---- sessions

    @Test
    void loggingInSetsAStrictHttpOnlyCookieAndAnswersTheCsrfToken() throws Exception {
        Answer answer = send("POST", "/api/session", "{\"user\": \"alice\", \"password\": \"alice-password-1\"}", null, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().at("/user/id").asText()).isEqualTo("alice");
        assertThat(answer.body().path("csrfToken").asText()).hasSizeGreaterThan(30);
        String cookie = answer.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("mailpush_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");
    }

    @Test
    void meSaysWhoIsLoggedInAndLoggingOutEndsTheSession() throws Exception {
        Login alice = login("alice");

        Answer me = send("GET", "/api/me", null, alice, null);
        Answer withoutCsrf = send("DELETE", "/api/session", null, new Login(alice.cookie(), null), null);
        Answer out = send("DELETE", "/api/session", null, alice, null);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().at("/user/addresses/0").asText()).isEqualTo("alice@example.com");
        assertThat(me.body().path("csrfToken").asText()).isEqualTo(alice.csrf());
        assertThat(withoutCsrf.status()).isEqualTo(403);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.response().headers().firstValue("Set-Cookie").orElseThrow()).contains("Expires=Thu, 01 Jan 1970");
        assertThat(send("GET", "/api/me", null, alice, null).status()).isEqualTo(401);
    }

    @Test
    void badLoginsAreRefusedAsJson() throws Exception {
        Answer wrong = send("POST", "/api/session", "{\"user\": \"alice\", \"password\": \"not-her-password\"}", null, null);
        Answer nobody = send("POST", "/api/session", "{\"user\": \"zed\", \"password\": \"not-her-password\"}", null, null);
        Answer form = sendTyped("POST", "/api/session", "user=alice&password=alice-password-1", "application/x-www-form-urlencoded");
        Answer noPassword = send("POST", "/api/session", "{\"user\": \"alice\"}", null, null);
        Answer malformed = send("POST", "/api/session", "{\"user\": ", null, null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(nobody.body());
        assertThat(wrong.body().path("status").asInt()).isEqualTo(401);
        assertThat(wrong.message()).isEqualTo("wrong user or password");
        assertThat(form.status()).isEqualTo(400);
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.message()).isEqualTo("password: must be a string");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).startsWith("malformed JSON");
    }

    @Test
    void guessingOneUsersPasswordIsThrottledWithoutLockingOthersOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            send("POST", "/api/session", "{\"user\": \"carol\", \"password\": \"guess-" + i + "-guess\"}", null, null);
        }

        Answer throttled = send("POST", "/api/session", "{\"user\": \"carol\", \"password\": \"carol-password-1\"}", null, null);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.response().headers().firstValue("Retry-After")).isPresent();
        assertThat(login("bob").csrf()).isNotEmpty();
    }

    @Test
    void everyUserRouteNeedsALogin() throws Exception {
        for (String route : new String[] {"GET /api/me", "GET /api/devices", "GET /api/devices/x", "PATCH /api/devices/x",
            "DELETE /api/devices/x", "GET /api/policy", "PUT /api/policy", "POST /api/policy/validate", "POST /api/policy/preview",
            "GET /api/mails", "GET /api/mails/1", "GET /api/accounts", "POST /api/accounts", "DELETE /api/accounts/1",
            "POST /api/accounts/test", "POST /api/accounts/1/test",
            "DELETE /api/session", "POST /api/devices"}) {
            String[] parts = route.split(" ");
            Answer answer = send(parts[0], parts[1], "{}", null, null);
            assertThat(answer.status()).as(route).isEqualTo(401);
            assertThat(answer.body().path("status").asInt()).as(route).isEqualTo(401);
        }
        assertThat(send("GET", "/api/me", null, new Login("forged-session-id", "x"), null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/me", null, null, "not-a-device-token").status()).isEqualTo(401);
    }

    @Test
    void changesWithTheCookieNeedTheCsrfToken() throws Exception {
        Login alice = login("alice");
        Login forged = new Login(alice.cookie(), "not-the-token");

        assertThat(send("PUT", "/api/policy", "{\"rules\": []}", forged, null).status()).isEqualTo(403);
        assertThat(send("PUT", "/api/policy", "{\"rules\": []}", new Login(alice.cookie(), null), null).status()).isEqualTo(403);
        assertThat(send("POST", "/api/devices", "{\"id\": \"csrf-laptop\", \"type\": \"laptop\"}", forged, null).status()).isEqualTo(403);
        assertThat(send("PUT", "/api/policy", "{\"rules\": []}", alice, null).status()).isEqualTo(200);
    }

    // ---- devices

    @Test
    void aUserEnrolsListsChangesAndRevokesTheirDevices() throws Exception {
        Login alice = login("alice");

        Answer enrolled = send("POST", "/api/devices", "{\"id\": \"alice-phone\", \"type\": \"phone\", \"name\": \"Phone\"}", alice, null);
        Answer list = send("GET", "/api/devices", null, alice, null);
        Answer changed = send("PATCH", "/api/devices/alice-phone",
                "{\"name\": \"Old phone\", \"capabilities\": {\"pictures\": false, \"colour\": false}}", alice, null);
        Answer one = send("GET", "/api/devices/alice-phone", null, alice, null);

        assertThat(enrolled.status()).isEqualTo(201);
        assertThat(enrolled.body().path("token").asText()).hasSize(43);
        assertThat(list.body().findValuesAsText("id")).contains("alice-phone");
        JsonNode phone = one.body();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(phone.path("name").asText()).isEqualTo("Old phone");
        assertThat(phone.at("/capabilities/pictures").asBoolean()).isFalse();
        assertThat(phone.path("state").asText()).isEqualTo("unknown");
        assertThat(phone.path("evidence").get(0).asText()).isEqualTo("no report yet");
        assertThat(phone.path("connected").asBoolean()).isFalse();
        // Changing a device keeps its token.
        assertThat(send("GET", "/api/me", null, null, enrolled.body().path("token").asText()).status()).isEqualTo(200);

        assertThat(send("DELETE", "/api/devices/alice-phone", null, alice, null).status()).isEqualTo(204);
        assertThat(send("GET", "/api/devices/alice-phone", null, alice, null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/me", null, null, enrolled.body().path("token").asText()).status()).isEqualTo(401);
    }

    @Test
    void anotherUsersDeviceLooksLikeNoDevice() throws Exception {
        Login alice = login("alice");
        Login bob = login("bob");
        send("POST", "/api/devices", "{\"id\": \"alice-laptop\", \"type\": \"laptop\"}", alice, null);

        Answer read = send("GET", "/api/devices/alice-laptop", null, bob, null);
        Answer none = send("GET", "/api/devices/no-such-device", null, bob, null);
        Answer rename = send("PATCH", "/api/devices/alice-laptop", "{\"name\": \"mine now\"}", bob, null);
        Answer revoke = send("DELETE", "/api/devices/alice-laptop", null, bob, null);
        Answer takeOver = send("POST", "/api/devices", "{\"id\": \"alice-laptop\", \"type\": \"laptop\"}", bob, null);

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.message()).isEqualTo("no device 'alice-laptop'");
        assertThat(none.message()).isEqualTo("no device 'no-such-device'");
        assertThat(rename.status()).isEqualTo(404);
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(takeOver.status()).isEqualTo(404);
        assertThat(takeOver.body()).isEqualTo(read.body());
        assertThat(send("GET", "/api/devices", null, bob, null).body().findValuesAsText("id")).doesNotContain("alice-laptop");
        assertThat(send("GET", "/api/devices/alice-laptop", null, alice, null).body().path("name").asText()).isEqualTo("alice-laptop");
    }

    @Test
    void badDeviceInputIsRefusedNamingTheField() throws Exception {
        Login alice = login("alice");
        send("POST", "/api/devices", "{\"id\": \"alice-tablet\", \"type\": \"tablet\"}", alice, null);

        Answer badType = send("POST", "/api/devices", "{\"id\": \"x\", \"type\": \"watch\"}", alice, null);
        Answer badId = send("POST", "/api/devices", "{\"id\": \"a b\", \"type\": \"phone\"}", alice, null);
        Answer badCapability = send("PATCH", "/api/devices/alice-tablet", "{\"capabilities\": {\"maxMailBytes\": 0}}", alice, null);
        Answer unknownField = send("PATCH", "/api/devices/alice-tablet", "{\"type\": \"phone\"}", alice, null);
        Answer blankName = send("PATCH", "/api/devices/alice-tablet", "{\"name\": \" \"}", alice, null);
        Answer noBody = send("PATCH", "/api/devices/alice-tablet", "", alice, null);

        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.message()).startsWith("type: 'watch' is not one of");
        assertThat(badType.body().path("path").asText()).isEqualTo("type");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badCapability.status()).isEqualTo(400);
        assertThat(badCapability.message()).startsWith("capabilities.maxMailBytes");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.message()).startsWith("type: unknown field");
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(noBody.status()).isEqualTo(400);
    }

    // ---- policy

    @Test
    void aPolicySetFromTheWebIsStoredAndReadBack() throws Exception {
        Login bob = login("bob");
        String policy = "{\"zone\": \"UTC\", \"others\": \"hint\", \"rules\": [{\"kind\": \"prefer\", \"type\": \"laptop\"}, "
                + "{\"kind\": \"several\"}, {\"kind\": \"in-use\"}]}";

        Answer set = send("PUT", "/api/policy", policy, bob, null);
        Answer read = send("GET", "/api/policy", null, bob, null);

        assertThat(set.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(set.body());
        // Read back as written: the zone as given, no generated rule names, no defaults spelt out.
        assertThat(read.body()).isEqualTo(JSON.readTree(policy));
    }

    @Test
    void anInvalidPolicyIsRefusedAtItsField() throws Exception {
        Login alice = login("alice");
        String bad = "{\"rules\": [{\"kind\": \"in-use\"}, {\"kind\": \"prefer\", \"type\": \"labtop\"}]}";

        Answer put = send("PUT", "/api/policy", bad, alice, null);
        Answer validated = send("POST", "/api/policy/validate", bad, alice, null);
        Answer valid = send("POST", "/api/policy/validate", "{\"rules\": [{\"kind\": \"nearest\"}]}", alice, null);

        assertThat(put.status()).isEqualTo(400);
        assertThat(put.body().path("path").asText()).isEqualTo("rules[1].type");
        assertThat(put.message()).startsWith("rules[1].type: 'labtop' is not one of");
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.body().path("valid").asBoolean()).isFalse();
        assertThat(validated.body().at("/errors/0/path").asText()).isEqualTo("rules[1].type");
        assertThat(valid.body().path("valid").asBoolean()).isTrue();
        assertThat(valid.body().at("/policy/rules/0/kind").asText()).isEqualTo("nearest");
    }

    @Test
    void thePreviewPlansADescribedMailAgainstTheTerminalsAsTheyAreNow() throws Exception {
        Login carol = login("carolpreview");
        send("POST", "/api/devices", "{\"id\": \"carol-mono\", \"type\": \"phone\", \"capabilities\": {\"pictures\": false}}", carol, null);
        send("POST", "/api/devices", "{\"id\": \"carol-colour\", \"type\": \"phone\"}", carol, null);

        Answer preview = send("POST", "/api/policy/preview", "{\"mail\": {\"from\": \"dave@example.org\", \"pictures\": 1},"
                + " \"policy\": {\"rules\": [{\"kind\": \"capability\"}]}}", carol, null);
        Answer noMail = send("POST", "/api/policy/preview", "{}", carol, null);
        Answer badMail = send("POST", "/api/policy/preview", "{\"mail\": {\"pictures\": -1}}", carol, null);
        Answer badDraft = send("POST", "/api/policy/preview", "{\"mail\": {}, \"policy\": {\"rules\": 1}}", carol, null);
        Answer unknown = send("POST", "/api/policy/preview", "{\"mail\": {}, \"colour\": true}", carol, null);

        assertThat(preview.status()).isEqualTo(200);
        JsonNode targets = preview.body().at("/plan/targets");
        assertThat(targets.get(0).path("device").asText()).isEqualTo("carol-colour");
        assertThat(targets.get(0).path("action").asText()).isEqualTo("FULL");
        assertThat(targets.get(1).path("action").asText()).isEqualTo("HINT");
        assertThat(noMail.status()).isEqualTo(400);
        assertThat(noMail.message()).isEqualTo("mail: is required");
        assertThat(badMail.status()).isEqualTo(400);
        assertThat(badMail.body().path("path").asText()).isEqualTo("mail.pictures");
        assertThat(badDraft.body().path("path").asText()).isEqualTo("policy.rules");
        assertThat(unknown.status()).isEqualTo(400);
    }

    // ---- mails

    @Test
    void aUserReadsTheirMailWithItsExplanationButNeverAnotherUsersMail() throws Exception {
        Login alice = login("alice");
        Login bob = login("bob");
        send("POST", "/api/devices", "{\"id\": \"alice-desktop\", \"type\": \"desktop\"}", alice, null);
        try (Mailer mailer = new Mailer(server.smtpPort())) {
            assertThat(mailer.send("dave@example.org", "alice@example.com", "For Alice only", 0, 0)).isEqualTo(250);
        }
        JsonNode listed = awaitPlanned(alice, "For Alice only");
        long id = listed.path("id").asLong();

        Answer one = send("GET", "/api/mails/" + id, null, alice, null);
        Answer bobs = send("GET", "/api/mails/" + id, null, bob, null);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().at("/summary/from").asText()).isEqualTo("dave@example.org");
        assertThat(one.body().at("/plans/0/plan/targets").findValuesAsText("device")).contains("alice-desktop");
        assertThat(one.body().at("/plans/0/plan/targets/0/reason").asText()).isNotEmpty();
        assertThat(one.body().path("deliveries").findValuesAsText("device")).contains("alice-desktop");
        assertThat(bobs.status()).isEqualTo(404);
        assertThat(bobs.message()).isEqualTo("no mail " + id);
        assertThat(send("GET", "/api/mails", null, bob, null).body().findValuesAsText("subject")).doesNotContain("For Alice only");
        assertThat(send("GET", "/api/mails/not-a-number", null, alice, null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/mails/999999", null, alice, null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/mails?limit=0", null, alice, null).status()).isEqualTo(400);
    }

    @Test
    void aScriptReadsMailWithAPersonalTokenNotWithADeviceToken() throws Exception {
        Login bob = login("bob");
        String device = send("POST", "/api/devices", "{\"id\": \"bob-desktop\", \"type\": \"desktop\"}", bob, null).body().path("token").asText();
        Answer created = send("POST", "/api/tokens", "{\"name\": \"mail script\", \"scopes\": [\"mail:read\", \"policy\"]}", bob, null);
        String token = created.body().path("token").asText();

        Answer me = send("GET", "/api/me", null, null, token);
        Answer mails = send("GET", "/api/mails", null, null, token);
        Answer policy = send("PUT", "/api/policy", "{\"rules\": [{\"kind\": \"in-use\"}]}", null, token);
        Answer devices = send("GET", "/api/devices", null, null, token);
        Answer byDevice = send("GET", "/api/mails", null, null, device);
        Answer enrolByDevice = send("POST", "/api/devices", "{\"id\": \"forever\", \"type\": \"desktop\"}", null, device);

        assertThat(created.status()).isEqualTo(201);
        assertThat(me.body().at("/user/id").asText()).isEqualTo("bob");
        assertThat(me.body().has("csrfToken")).isFalse();
        assertThat(mails.status()).isEqualTo(200);
        assertThat(policy.status()).as("a bearer needs no CSRF token").isEqualTo(200);
        assertThat(devices.status()).isEqualTo(403);
        assertThat(byDevice.status()).isEqualTo(403);
        assertThat(enrolByDevice.status()).isEqualTo(403);
        assertThat(send("GET", "/api/tokens", null, bob, null).body().findValuesAsText("name")).containsExactly("mail script");

        assertThat(send("DELETE", "/api/tokens/" + created.body().path("id").asLong(), null, bob, null).status()).isEqualTo(204);
        assertThat(send("GET", "/api/mails", null, null, token).status()).isEqualTo(401);
    }

    // ---- upstream accounts

    @Test
    void aUserManagesTheirOwnUpstreamAccountsOnly() throws Exception {
        Login alice = login("alice");
        Login bob = login("bob");
        String imap = "{\"protocol\": \"imap\", \"host\": \"imap.invalid\", \"username\": \"alice\", \"password\": \"imap-secret\"}";

        Answer added = send("POST", "/api/accounts", imap, alice, null);
        long id = added.body().path("id").asLong();
        Answer list = send("GET", "/api/accounts", null, alice, null);
        Answer bobRemoves = send("DELETE", "/api/accounts/" + id, null, bob, null);
        Answer bad = send("POST", "/api/accounts", "{\"protocol\": \"smtp\", \"host\": \"x\", \"username\": \"a\", \"password\": \"b\"}", alice, null);

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.response().body()).doesNotContain("imap-secret");
        assertThat(list.body().findValuesAsText("host")).contains("imap.invalid");
        assertThat(send("GET", "/api/accounts", null, bob, null).body()).isEmpty();
        assertThat(bobRemoves.status()).isEqualTo(404);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("path").asText()).isEqualTo("protocol");
        assertThat(send("DELETE", "/api/accounts/" + id, null, alice, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/api/accounts/" + id, null, alice, null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/api/accounts/abc", null, alice, null).status()).isEqualTo(404);
    }

    @Test
    void anAccountsLoginIsTriedAndAnsweredInPlainWordsWithoutItsSecret() throws Exception {
        Login alice = login("alice");
        Login bob = login("bob");
        String nowhere = "{\"protocol\": \"imap\", \"host\": \"mail.invalid\", \"username\": \"alice\", \"password\": \"try-secret-7\"}";
        String loopback = "{\"protocol\": \"pop3\", \"host\": \"127.0.0.1\", \"tls\": \"none\", \"username\": \"alice\","
                + " \"password\": \"try-secret-7\"}";

        Answer unresolved = send("POST", "/api/accounts/test", nowhere, alice, null);
        Answer refused = send("POST", "/api/accounts/test", loopback, alice, null);
        Answer bad = send("POST", "/api/accounts/test", "{\"protocol\": \"imap\", \"host\": \"x.invalid\"}", alice, null);

        assertThat(unresolved.status()).isEqualTo(200);
        assertThat(unresolved.body().path("ok").asBoolean()).isFalse();
        assertThat(unresolved.message()).isEqualTo("No such host: mail.invalid does not resolve.");
        assertThat(refused.body().path("ok").asBoolean()).isFalse();
        assertThat(refused.message()).startsWith("Not tried: host 127.0.0.1 resolves to 127.0.0.1, a loopback");
        assertThat(unresolved.response().body() + refused.response().body()).doesNotContain("try-secret-7");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("path").asText()).isEqualTo("username");

        long id = send("POST", "/api/accounts", nowhere, alice, null).body().path("id").asLong();
        Answer tried = send("POST", "/api/accounts/" + id + "/test", null, alice, null);
        assertThat(tried.status()).isEqualTo(200);
        assertThat(tried.message()).isEqualTo("No such host: mail.invalid does not resolve.");
        assertThat(send("POST", "/api/accounts/" + id + "/test", null, bob, null).status()).isEqualTo(404);
        assertThat(send("POST", "/api/accounts/abc/test", null, alice, null).status()).isEqualTo(404);
        send("DELETE", "/api/accounts/" + id, null, alice, null);
    }

    @Test
    void eachAccountCarriesItsWatchersStatusAndLastError() throws Exception {
        Login dave = login("dave");
        String nowhere = "{\"protocol\": \"imap\", \"host\": \"watch.invalid\", \"username\": \"dave\", \"password\": \"watch-secret-3\"}";

        JsonNode added = send("POST", "/api/accounts", nowhere, dave, null).body();
        assertThat(added.at("/watcher/status").asText()).isIn("connecting", "failed");
        JsonNode watcher = null;
        for (int attempt = 0; attempt < 400 && (watcher == null || !watcher.path("status").asText().equals("failed")); attempt++) {
            watcher = send("GET", "/api/accounts", null, dave, null).body().get(0).path("watcher");
        }

        assertThat(watcher.path("status").asText()).isEqualTo("failed");
        assertThat(watcher.path("reason").asText()).contains("watch.invalid").doesNotContain("watch-secret-3");
        assertThat(java.time.Instant.parse(watcher.path("nextAttempt").asText())).isNotNull();
        send("DELETE", "/api/accounts/" + added.path("id").asLong(), null, dave, null);
    }

    // ---- the rest

    @Test
    void pagesCarryAContentSecurityPolicyAndUnknownRoutesAnswerJson() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(uri("/devices.html")).build(), HttpResponse.BodyHandlers.ofString());
        Answer unknown = send("GET", "/api/nothing-here", null, null, null);
        HttpResponse<String> root = HTTP.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).doesNotContain("<script>");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("<title>Log in — mailpush</title>");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("status").asInt()).isEqualTo(404);
    }

    private JsonNode awaitPlanned(Login login, String subject) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            for (JsonNode mail : send("GET", "/api/mails", null, login, null).body()) {
                if (mail.at("/summary/subject").asText().equals(subject)
                        && !send("GET", "/api/mails/" + mail.path("id").asLong(), null, login, null).body().path("plans").isEmpty()) {
                    return mail;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no planned mail '" + subject + "'");
    }

    private Login login(String user) throws Exception {
        if (user.equals("carolpreview")) {
            // A user of its own, so that its devices are the only ones in its plan.
            Admin.addUser(server.httpPort(), data, user, user + "@example.com");
            admin("PUT", "/api/admin/users/" + user + "/password", "{\"password\": \"" + user + "-password-1\"}");
        }
        Answer answer = send("POST", "/api/session", "{\"user\": \"" + user + "\", \"password\": \"" + user + "-password-1\"}", null, null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        String cookie = answer.response().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Login(cookie, answer.body().path("csrfToken").asText());
    }

    private Answer send(String method, String path, String body, Login login, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (login != null) {
            request.header("Cookie", login.cookie());
            if (login.csrf() != null) {
                request.header("X-CSRF-Token", login.csrf());
            }
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer sendTyped(String method, String path, String body, String type) throws Exception {
        return answer(HTTP.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", type).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> response) throws Exception {
        JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(json.path("status").asInt()).isEqualTo(response.statusCode());
            assertThat(json.path("message").asText()).isNotEmpty();
        }
        return new Answer(response.statusCode(), json, response);
    }

    private void admin(String method, String path, String body) throws Exception {
        AdminToken token = AdminToken.load(data.resolve(AdminToken.FILE_NAME));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token.value())
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }
}
