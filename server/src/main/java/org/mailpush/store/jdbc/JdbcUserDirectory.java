package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/** The users and their addresses in tables {@code users} and {@code user_addresses}. */
final class JdbcUserDirectory implements UserDirectory {
    private final Transactions transactions;

    JdbcUserDirectory(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public AddResult add(User user) {
        return transactions.run("add user " + user.id(), connection -> {
            if (Sql.exists(connection, "SELECT 1 FROM users WHERE id = ?", user.id().value())) {
                return AddResult.ID_TAKEN;
            }
            for (MailAddress address : user.addresses()) {
                if (Sql.exists(connection, "SELECT 1 FROM user_addresses WHERE address = ?", address.value())) {
                    return AddResult.ADDRESS_TAKEN;
                }
            }
            Sql.update(connection, "INSERT INTO users (id, display_name) VALUES (?, ?)", user.id().value(), user.displayName());
            for (MailAddress address : user.addresses()) {
                Sql.update(connection, "INSERT INTO user_addresses (address, user_id, domain) VALUES (?, ?, ?)",
                        address.value(), user.id().value(), address.domain());
            }
            return AddResult.ADDED;
        });
    }

    @Override
    public Optional<User> find(UserId id) {
        return transactions.run("find user " + id, connection -> {
            Optional<String> name = Sql.first(connection, "SELECT display_name FROM users WHERE id = ?", row -> row.getString(1), id.value());
            if (name.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new User(id, name.get(), addresses(connection, id)));
        });
    }

    private static Set<MailAddress> addresses(Connection connection, UserId id) throws SQLException {
        return new HashSet<>(Sql.list(connection, "SELECT address FROM user_addresses WHERE user_id = ?",
                row -> MailAddress.of(row.getString(1)), id.value()));
    }

    @Override
    public Optional<UserId> owner(MailAddress address) {
        return transactions.run("look up the owner of " + address, connection -> Sql.first(connection,
                "SELECT user_id FROM user_addresses WHERE address = ?", row -> new UserId(row.getString(1)), address.value()));
    }

    @Override
    public boolean servesDomain(String domain) {
        return transactions.run("look up domain " + domain, connection -> Sql.exists(connection,
                "SELECT 1 FROM user_addresses WHERE domain = ? FETCH FIRST 1 ROWS ONLY", domain));
    }

    @Override
    public List<User> list() {
        return transactions.run("list users", connection -> {
            Map<String, Set<MailAddress>> addresses = Sql.list(connection, "SELECT user_id, address FROM user_addresses",
                            row -> Map.entry(row.getString("user_id"), MailAddress.of(row.getString("address"))))
                    .stream()
                    .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
            return Sql.list(connection, "SELECT id, display_name FROM users", row -> new User(new UserId(row.getString("id")),
                            row.getString("display_name"), addresses.getOrDefault(row.getString("id"), Set.of())))
                    .stream()
                    // Sorted here: the database's collation may not order by character code.
                    .sorted(Comparator.comparing(user -> user.id().value()))
                    .toList();
        });
    }

    @Override
    public boolean remove(UserId id) {
        return transactions.run("remove user " + id, connection -> {
            // Their mailbox entries, devices, reports, policy and accounts go by ON DELETE CASCADE; the
            // mail itself is shared by its recipients, so only mail nobody else received goes with them.
            Sql.update(connection, """
                    DELETE FROM mail WHERE id IN (SELECT mail_id FROM mailbox WHERE owner = ?)
                      AND NOT EXISTS (SELECT 1 FROM mailbox other WHERE other.mail_id = mail.id AND other.owner <> ?)""",
                    id.value(), id.value());
            // Their upstream passwords are overwritten before their rows go, as when one account is removed.
            Sql.update(connection, "UPDATE upstream_accounts SET password = '', password_key = NULL WHERE owner = ?", id.value());
            return Sql.update(connection, "DELETE FROM users WHERE id = ?", id.value()) > 0;
        });
    }
}
