package org.mailpush.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mailpush.user.InMemoryCredentials;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

class AuthenticatorTest {
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    /** Slow enough that concurrent attempts overlap while they are checked. */
    private final Passwords passwords = new Passwords(20_000);
    private final Authenticator authenticator = new Authenticator(users, credentials, passwords, new LoginThrottle(),
            InstantSource.fixed(java.time.Instant.parse("2026-11-26T10:00:00Z")));

    @Test
    void aConcurrentBurstOfWrongPasswordsGetsOnlyTheFreeChecks() throws Exception {
        users.add(new User(new UserId("alice"), "Alice", Set.of(MailAddress.of("alice@example.com"))));
        credentials.set(new UserId("alice"), passwords.hash("correct horse"));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Authenticator.Outcome>> attempts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 25; i++) {
                attempts.add(threads.submit(() -> {
                    go.await();
                    return authenticator.login("alice", "battery staple", "203.0.113.9");
                }));
            }
            go.countDown();
        }
        List<Authenticator.Outcome> outcomes = new ArrayList<>();
        for (Future<Authenticator.Outcome> attempt : attempts) {
            outcomes.add(attempt.get());
        }

        assertThat(outcomes).filteredOn(Authenticator.Outcome.Refused.class::isInstance).hasSize(5);
        assertThat(outcomes).filteredOn(Authenticator.Outcome.Throttled.class::isInstance).hasSize(20);
    }

    @Test
    void theRightPasswordAfterAFewWrongOnesLogsIn() {
        users.add(new User(new UserId("alice"), "Alice", Set.of(MailAddress.of("alice@example.com"))));
        credentials.set(new UserId("alice"), passwords.hash("correct horse"));
        for (int i = 0; i < 4; i++) {
            assertThat(authenticator.login("alice", "battery staple", "10.0.0.1")).isInstanceOf(Authenticator.Outcome.Refused.class);
        }

        assertThat(authenticator.login("alice", "correct horse", "10.0.0.1")).isInstanceOf(Authenticator.Outcome.Authenticated.class);
        assertThat(authenticator.login("alice", "battery staple", "10.0.0.1")).isInstanceOf(Authenticator.Outcome.Refused.class);
    }
}
