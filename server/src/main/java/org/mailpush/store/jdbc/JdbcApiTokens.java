package org.mailpush.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailpush.access.ApiScope;
import org.mailpush.access.ApiToken;
import org.mailpush.access.ApiTokenId;
import org.mailpush.access.ApiTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.user.UserId;

/** The personal API tokens in table {@code api_tokens}. */
final class JdbcApiTokens implements ApiTokens {
    private static final String SELECT = "SELECT id, user_id, name, scopes, created_at, last_used FROM api_tokens ";

    private final Transactions transactions;

    JdbcApiTokens(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public ApiToken issue(UserId user, String name, Set<ApiScope> scopes, TokenHash hash, Instant now) {
        // Checked before it is stored: the record refuses a bad name or no scope.
        ApiToken checked = new ApiToken(new ApiTokenId(1), user, name, scopes, now, Optional.empty());
        String words = checked.scopes().stream().sorted().map(ApiScope::token).collect(Collectors.joining(" "));
        long id = transactions.run("issue an API token to " + user, connection -> Sql.insert(connection,
                "INSERT INTO api_tokens (user_id, token_hash, name, scopes, created_at) VALUES (?, ?, ?, ?, ?)",
                user.value(), hash.hex(), checked.name(), words, now));
        return new ApiToken(new ApiTokenId(id), user, checked.name(), checked.scopes(), now, Optional.empty());
    }

    @Override
    public Optional<ApiToken> find(TokenHash hash) {
        return transactions.run("look up the API token " + hash, connection ->
                Sql.first(connection, SELECT + "WHERE token_hash = ?", JdbcApiTokens::token, hash.hex()));
    }

    @Override
    public void used(ApiTokenId id, Instant now) {
        transactions.execute("note the use of API token " + id, connection ->
                Sql.update(connection, "UPDATE api_tokens SET last_used = ? WHERE id = ?", now, id.value()));
    }

    @Override
    public List<ApiToken> of(UserId user) {
        return transactions.run("list the API tokens of " + user, connection ->
                Sql.list(connection, SELECT + "WHERE user_id = ? ORDER BY created_at, id", JdbcApiTokens::token, user.value()));
    }

    @Override
    public boolean revoke(UserId user, ApiTokenId id) {
        return transactions.run("revoke API token " + id, connection ->
                Sql.update(connection, "DELETE FROM api_tokens WHERE id = ? AND user_id = ?", id.value(), user.value()) > 0);
    }

    private static ApiToken token(ResultSet row) throws SQLException {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(row.getString("scopes").split(" ")).map(ApiScope::of).forEach(scopes::add);
        return new ApiToken(new ApiTokenId(row.getLong("id")), new UserId(row.getString("user_id")), row.getString("name"),
                scopes, Sql.instant(row, "created_at"), Optional.ofNullable(Sql.instant(row, "last_used")));
    }
}
