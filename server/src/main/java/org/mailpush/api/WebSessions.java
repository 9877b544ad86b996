package org.mailpush.api;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.device.TokenHash;
import org.mailpush.user.PasswordHash;
import org.mailpush.user.UserId;

/**
 * The browser sessions of logged-in users, kept in memory: a restart logs everyone out. A session
 * ends after {@link #IDLE} without a request, and at the latest {@link #LIFETIME} after the login.
 * Only the hash of a session id is kept, so a heap dump does not hand out live sessions. A session
 * is bound to the password hash the user logged in with ({@link WebSession#credential()}): a new
 * password, or a new user under the same id, does not inherit it. A user has at most
 * {@link #MAX_PER_USER} sessions; a login past it ends their least recently used one.
 */
public final class WebSessions {
    /** A session unused this long ends. */
    public static final Duration IDLE = Duration.ofHours(12);
    /** No session lives longer than this. */
    public static final Duration LIFETIME = Duration.ofDays(7);
    /**
     * The most sessions one user has at once: a login past it ends the user's least recently used one,
     * so that a script that logs in again and again does not fill the heap with sessions.
     */
    public static final int MAX_PER_USER = 50;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One user's session: its CSRF token goes with every request that changes something. */
    public record WebSession(UserId user, TokenHash credential, String csrfToken, Instant started, Instant lastUsed) {
        @Override
        public String toString() {
            return "WebSession[" + user + ", csrfToken=******]";
        }
    }

    /** A session just opened, with the id the cookie carries: shown this once. */
    public record Opened(String id, WebSession session) {
        @Override
        public String toString() {
            return "Opened[" + session.user() + ", id=******]";
        }
    }

    private final Map<TokenHash, WebSession> sessions = new ConcurrentHashMap<>();
    private final InstantSource clock;

    public WebSessions(InstantSource clock) {
        this.clock = clock;
    }

    /** Opens a session of a user who logged in with the password of this hash. */
    public Opened open(UserId user, PasswordHash credential) {
        Instant now = clock.instant();
        forgetEnded(now);
        String id = random();
        WebSession session = new WebSession(user, credentialOf(credential), random(), now, now);
        synchronized (this) {
            List<Map.Entry<TokenHash, WebSession>> users = sessions.entrySet().stream()
                    .filter(e -> e.getValue().user().equals(user))
                    .sorted(Comparator.comparing(e -> e.getValue().lastUsed()))
                    .toList();
            for (int i = 0; i <= users.size() - MAX_PER_USER; i++) {
                sessions.remove(users.get(i).getKey());
            }
            sessions.put(TokenHash.of(id), session);
        }
        return new Opened(id, session);
    }

    /** The live session of this id, which counts as used now; empty when there is none or it ended. */
    public Optional<WebSession> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        TokenHash key = TokenHash.of(id);
        WebSession found = sessions.computeIfPresent(key, (k, s) -> ended(s, now) ? null
                : new WebSession(s.user(), s.credential(), s.csrfToken(), s.started(), now));
        return Optional.ofNullable(found);
    }

    public void close(String id) {
        if (id != null && !id.isEmpty()) {
            sessions.remove(TokenHash.of(id));
        }
    }

    /** What a session keeps of the password hash it is bound to: a hash of it, which no login can use. */
    static TokenHash credentialOf(PasswordHash credential) {
        return TokenHash.of(credential.encoded());
    }

    /** Ends every session of a user: when the user is removed, or their password set. */
    public void closeAllOf(UserId user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    private static boolean ended(WebSession session, Instant now) {
        return !now.isBefore(session.lastUsed().plus(IDLE)) || !now.isBefore(session.started().plus(LIFETIME));
    }

    private void forgetEnded(Instant now) {
        if (sessions.size() > 1000) {
            sessions.values().removeIf(s -> ended(s, now));
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
