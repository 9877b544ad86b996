package org.mailpush.access;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.TokenHash;
import org.mailpush.user.UserId;

/** {@link ApiTokens} held in memory. */
public final class InMemoryApiTokens implements ApiTokens {
    private final Map<TokenHash, ApiToken> tokens = new LinkedHashMap<>();
    private long last;

    @Override
    public synchronized ApiToken issue(UserId user, String name, Set<ApiScope> scopes, TokenHash hash, Instant now) {
        if (tokens.containsKey(hash)) {
            throw new IllegalArgumentException("that token hash is taken");
        }
        ApiToken token = new ApiToken(new ApiTokenId(++last), user, name, scopes, now, Optional.empty());
        tokens.put(hash, token);
        return token;
    }

    @Override
    public synchronized Optional<ApiToken> find(TokenHash hash) {
        return Optional.ofNullable(tokens.get(hash));
    }

    @Override
    public synchronized void used(ApiTokenId id, Instant now) {
        tokens.replaceAll((hash, t) -> t.id().equals(id)
                ? new ApiToken(t.id(), t.user(), t.name(), t.scopes(), t.created(), Optional.of(now)) : t);
    }

    @Override
    public synchronized List<ApiToken> of(UserId user) {
        return tokens.values().stream().filter(t -> t.user().equals(user)).toList();
    }

    @Override
    public synchronized boolean revoke(UserId user, ApiTokenId id) {
        return tokens.values().removeIf(t -> t.user().equals(user) && t.id().equals(id));
    }

    /** Forgets a removed user's tokens, as the database does by itself. */
    public synchronized void forget(UserId user) {
        tokens.values().removeIf(t -> t.user().equals(user));
    }
}
