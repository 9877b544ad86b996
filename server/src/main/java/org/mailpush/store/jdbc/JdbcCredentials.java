package org.mailpush.store.jdbc;

import java.util.Optional;
import org.mailpush.user.Credentials;
import org.mailpush.user.PasswordHash;
import org.mailpush.user.UserId;

/** Each user's password hash in table {@code user_credentials}. */
final class JdbcCredentials implements Credentials {
    private final Transactions transactions;

    JdbcCredentials(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void set(UserId user, PasswordHash hash) {
        transactions.execute("set the password of " + user, connection -> {
            if (Sql.update(connection, "UPDATE user_credentials SET password_hash = ? WHERE user_id = ?", hash.encoded(), user.value()) == 0) {
                Sql.update(connection, "INSERT INTO user_credentials (user_id, password_hash) VALUES (?, ?)", user.value(), hash.encoded());
            }
        });
    }

    @Override
    public Optional<PasswordHash> of(UserId user) {
        return transactions.run("read the password of " + user, connection -> Sql.first(connection,
                "SELECT password_hash FROM user_credentials WHERE user_id = ?", row -> new PasswordHash(row.getString(1)), user.value()));
    }
}
