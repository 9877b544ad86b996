package org.mailpush.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.TokenHash;
import org.mailpush.user.UserId;

/**
 * The users' personal API tokens. Only a token's hash is kept. A token goes with its user.
 * Implementations are safe for concurrent use.
 */
public interface ApiTokens {

    /** Keeps a new token of an existing user; the hash is not any other token's. */
    ApiToken issue(UserId user, String name, Set<ApiScope> scopes, TokenHash hash, Instant now);

    /** The token with this hash; empty when there is none (never issued, or revoked). */
    Optional<ApiToken> find(TokenHash hash);

    /** Notes that the token was used now. */
    void used(ApiTokenId id, Instant now);

    /** The user's tokens, oldest first. */
    List<ApiToken> of(UserId user);

    /** Revokes one of the user's tokens; false when the user has no token of that id. */
    boolean revoke(UserId user, ApiTokenId id);
}
