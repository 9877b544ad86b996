package org.mailpush.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mailpush.user.UserId;

/**
 * A personal API token as the server keeps it: whose it is, its name, what it may do, when it was
 * made and last used. The token itself is shown once, when it is made; the server keeps its hash.
 *
 * @param name what the user called it, e.g. "backup script": 1 to 100 characters
 * @param scopes at least one
 */
public record ApiToken(ApiTokenId id, UserId user, String name, Set<ApiScope> scopes, Instant created, Optional<Instant> lastUsed) {
    public static final int MAX_NAME_LENGTH = 100;

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUsed, "lastUsed");
        name = checkName(name);
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
    }

    /** The name stripped; @throws IllegalArgumentException when it is empty, too long or has control characters */
    public static String checkName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME_LENGTH || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a token's name is 1 to " + MAX_NAME_LENGTH + " characters without control characters");
        }
        return stripped;
    }

    public boolean allows(ApiScope scope) {
        return scopes.contains(scope);
    }
}
