package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailpush.auth.Authenticator;
import org.mailpush.auth.LoginThrottle;
import org.mailpush.auth.Passwords;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.device.InMemoryDeviceTokens;
import org.mailpush.user.InMemoryCredentials;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/** {@code POST /api/session} throttled by the client's address, as a trusted proxy names it and nobody else. */
class LoginThrottlingIT {
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final Passwords passwords = new Passwords();
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;

    LoginThrottlingIT() {
        users.add(new User(new UserId("alice"), "Alice", Set.of(MailAddress.of("alice@example.com"))));
        credentials.set(new UserId("alice"), passwords.hash("correct horse"));
    }

    private void start(TrustedProxies proxies) {
        var access = new UserAccess(new WebSessions(InstantSource.system()), users, credentials, new InMemoryDeviceTokens(), new InMemoryDeviceRegistry());
        server = ApiServer.start(new HttpSettings("127.0.0.1", 0, 64 * 1024, proxies), List.of(new SessionApi(
                new Authenticator(users, credentials, passwords, new LoginThrottle(), InstantSource.system()), access, users)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int login(String password, String header, String value) throws Exception {
        return send(password, header, value).statusCode();
    }

    private HttpResponse<String> send(String password, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\": \"alice\", \"password\": \"" + password + "\"}"));
        if (header != null) {
            request.header(header, value);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() throws Exception {
        start(TrustedProxies.NONE);
        for (int i = 0; i < 5; i++) {
            assertThat(login("battery staple", "X-Forwarded-For", "198.51.100." + i)).isEqualTo(401);
        }

        assertThat(login("battery staple", "X-Forwarded-For", "198.51.100.99")).isEqualTo(429);
        assertThat(login("battery staple", "Forwarded", "for=198.51.100.98")).isEqualTo(429);
    }

    @Test
    void behindATrustedProxyTwoClientsAreThrottledApart() throws Exception {
        start(new TrustedProxies(List.of("127.0.0.0/8", "::1")));
        for (int i = 0; i < 5; i++) {
            assertThat(login("battery staple", "X-Forwarded-For", "198.51.100.1")).isEqualTo(401);
        }
        assertThat(login("battery staple", "X-Forwarded-For", "198.51.100.1")).isEqualTo(429);
        // What the first client puts in front of the address the proxy appends changes nothing.
        assertThat(login("battery staple", "X-Forwarded-For", "192.0.2.50, 198.51.100.1")).isEqualTo(429);

        assertThat(login("battery staple", "X-Forwarded-For", "198.51.100.2")).isEqualTo(401);
        assertThat(login("correct horse", "Forwarded", "for=\"198.51.100.2:4711\";proto=https")).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsSecureByXForwardedProtoOnlyFromATrustedProxy() throws Exception {
        start(TrustedProxies.NONE);
        assertThat(cookie(send("correct horse", "X-Forwarded-Proto", "https"))).doesNotContainIgnoringCase("Secure");
        assertThat(cookie(send("correct horse", "Forwarded", "for=198.51.100.2;proto=https"))).doesNotContainIgnoringCase("Secure");
        server.close();

        start(new TrustedProxies(List.of("127.0.0.0/8", "::1")));
        assertThat(cookie(send("correct horse", "X-Forwarded-Proto", "https"))).containsIgnoringCase("Secure");
        assertThat(cookie(send("correct horse", "Forwarded", "for=198.51.100.2;proto=https"))).containsIgnoringCase("Secure");
        assertThat(cookie(send("correct horse", "X-Forwarded-Proto", "http"))).doesNotContainIgnoringCase("Secure");
    }

    private static String cookie(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("Set-Cookie").orElseThrow();
    }
}
