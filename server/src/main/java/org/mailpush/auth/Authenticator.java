package org.mailpush.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.mailpush.user.Credentials;
import org.mailpush.user.PasswordHash;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/** Checks a user's password, throttled against guessing (see {@link LoginThrottle}). */
public final class Authenticator {
    /** The outcome of a login attempt. */
    public sealed interface Outcome {
        /** The user, and the password hash their password matched: a web session is bound to it. */
        record Authenticated(UserId user, PasswordHash credential) implements Outcome {}

        record Refused() implements Outcome {}

        record Throttled(Duration retryAfter) implements Outcome {}
    }

    private final UserDirectory users;
    private final Credentials credentials;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final InstantSource clock;
    /** Checked when the user has no password, so that unknown users take as long as known ones. */
    private final PasswordHash decoy;

    public Authenticator(UserDirectory users, Credentials credentials, Passwords passwords, LoginThrottle throttle, InstantSource clock) {
        this.users = users;
        this.credentials = credentials;
        this.passwords = passwords;
        this.throttle = throttle;
        this.clock = clock;
        this.decoy = passwords.hash(java.util.UUID.randomUUID().toString());
    }

    /**
     * Logs a user in from a client address (the one a trusted proxy names, see {@code http.trusted-proxies});
     * wrong user and wrong password are told apart by nobody.
     */
    public Outcome login(String user, String password, String client) {
        Instant now = clock.instant();
        // Reserved before the slow check, so that concurrent guesses cannot all slip past the count.
        Duration wait = throttle.reserve(client, user, now);
        if (!wait.isZero()) {
            return new Outcome.Throttled(wait);
        }
        Optional<UserId> id = parse(user).filter(u -> users.find(u).isPresent());
        Optional<PasswordHash> hash = id.flatMap(credentials::of);
        boolean matches = passwords.matches(password, hash.orElse(decoy)) && hash.isPresent();
        if (matches) {
            throttle.succeeded(client, user);
            return new Outcome.Authenticated(id.get(), hash.get());
        }
        return new Outcome.Refused();
    }

    private static Optional<UserId> parse(String user) {
        try {
            return Optional.of(new UserId(user));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
