package org.mailpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mailpush.user.PasswordHash;
import org.mailpush.user.UserId;

class WebSessionsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:00:00Z"));
    private final WebSessions sessions = new WebSessions(now::get);
    private final UserId alice = new UserId("alice");
    private final UserId bob = new UserId("bob");

    @Test
    void aUserLoggingInAgainAndAgainKeepsAtMostMaxPerUserSessionsTheLeastRecentlyUsedEnding() {
        PasswordHash credential = credential();
        String bobs = sessions.open(bob, credential).id();
        List<String> alices = new ArrayList<>();
        for (int i = 0; i < WebSessions.MAX_PER_USER; i++) {
            alices.add(sessions.open(alice, credential).id());
            tick();
        }
        // The first is used now: the second is the least recently used.
        assertThat(sessions.find(alices.getFirst())).isPresent();
        tick();

        String latest = sessions.open(alice, credential).id();

        assertThat(sessions.find(latest)).isPresent();
        assertThat(sessions.find(alices.getFirst())).isPresent();
        assertThat(sessions.find(alices.get(1))).as("the least recently used").isEmpty();
        assertThat(alices.subList(2, alices.size())).allSatisfy(id -> assertThat(sessions.find(id)).isPresent());
        assertThat(sessions.find(bobs)).as("another user's").isPresent();
    }

    private void tick() {
        now.set(now.get().plus(Duration.ofSeconds(1)));
    }

    private static PasswordHash credential() {
        return new org.mailpush.auth.Passwords().hash("correct horse battery staple");
    }
}
