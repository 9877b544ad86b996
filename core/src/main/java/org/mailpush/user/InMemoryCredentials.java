package org.mailpush.user;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Credentials} held in memory. */
public final class InMemoryCredentials implements Credentials {
    private final Map<UserId, PasswordHash> hashes = new ConcurrentHashMap<>();

    @Override
    public void set(UserId user, PasswordHash hash) {
        hashes.put(user, hash);
    }

    @Override
    public Optional<PasswordHash> of(UserId user) {
        return Optional.ofNullable(hashes.get(user));
    }
}
