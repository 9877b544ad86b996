package org.mailpush.user;

import java.util.Optional;

/** Each user's password hash, for logging in to the web app and enrolling terminals. Safe for concurrent use. */
public interface Credentials {

    /** Sets (or replaces) the user's password hash. */
    void set(UserId user, PasswordHash hash);

    /** The user's password hash; empty when they have none (they cannot log in). */
    Optional<PasswordHash> of(UserId user);
}
