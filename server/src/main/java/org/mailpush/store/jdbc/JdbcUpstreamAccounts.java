package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.mailpush.upstream.MailProtocol;
import org.mailpush.upstream.Secret;
import org.mailpush.upstream.TlsMode;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamAccounts;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched upstream mailboxes in table {@code upstream_accounts}. Their passwords are sealed with
 * the {@link StoreKey} (column {@code password_key} names the key), and overwritten before their row
 * is deleted.
 */
final class JdbcUpstreamAccounts implements UpstreamAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcUpstreamAccounts.class);
    private static final String SELECT = "SELECT id, owner, protocol, host, port, tls, username, password, password_key, folder"
            + " FROM upstream_accounts ";
    /** Binds a sealed password to its column: it does not open as any other sealed value. */
    private static final String CONTEXT = "upstream_accounts.password";

    private final Transactions transactions;
    private final StoreKey key;

    JdbcUpstreamAccounts(Transactions transactions, StoreKey key) {
        this.transactions = transactions;
        this.key = key;
    }

    @Override
    public UpstreamAccount add(UserId owner, UpstreamServer server) {
        long id = transactions.run("add an upstream account for " + owner, connection -> Sql.insert(connection, """
                INSERT INTO upstream_accounts (owner, protocol, host, port, tls, username, password, password_key, folder)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                owner.value(), server.protocol(), server.host(), server.port(), server.tls(), server.username(),
                key.seal(server.password().value(), CONTEXT), key.id(), server.folder()));
        return new UpstreamAccount(new UpstreamAccountId(id), owner, server);
    }

    @Override
    public Optional<UpstreamAccount> find(UpstreamAccountId id) {
        return transactions.run("find upstream account " + id, connection ->
                Sql.first(connection, SELECT + "WHERE id = ?", this::account, id.value()));
    }

    @Override
    public List<UpstreamAccount> list() {
        return transactions.run("list upstream accounts", connection ->
                Sql.list(connection, SELECT + "ORDER BY id", this::account));
    }

    @Override
    public List<UpstreamAccount> accountsOf(UserId owner) {
        return transactions.run("list the upstream accounts of " + owner, connection ->
                Sql.list(connection, SELECT + "WHERE owner = ? ORDER BY id", this::account, owner.value()));
    }

    @Override
    public boolean remove(UpstreamAccountId id) {
        return transactions.run("remove upstream account " + id, connection -> {
            // The sealed password is overwritten first, so that no copy of the row that the database keeps for a while
            // (its undo log, a page not yet reused) still holds it.
            Sql.update(connection, "UPDATE upstream_accounts SET password = '', password_key = NULL WHERE id = ?", id.value());
            return Sql.update(connection, "DELETE FROM upstream_accounts WHERE id = ?", id.value()) > 0;
        });
    }

    /**
     * Seals the passwords kept in clear (rows from before the store sealed them) and checks that every
     * sealed one is sealed with this key.
     *
     * @throws IllegalStateException naming the key found when some were sealed with another
     */
    static void sealClearPasswords(Connection connection, StoreKey key) throws SQLException {
        List<Object[]> clear = Sql.list(connection, "SELECT id, password FROM upstream_accounts WHERE password_key IS NULL",
                row -> new Object[] {key.seal(row.getString("password"), CONTEXT), key.id(), row.getLong("id")});
        Sql.batch(connection, "UPDATE upstream_accounts SET password = ?, password_key = ? WHERE id = ?", clear);
        if (!clear.isEmpty()) {
            LOG.info("sealed {} upstream password(s) kept in clear with the store key {} ({})", clear.size(), key.id(), key.origin());
        }
        Optional<String> other = Sql.first(connection, "SELECT password_key FROM upstream_accounts WHERE password_key <> ?",
                row -> row.getString(1), key.id());
        if (other.isPresent()) {
            throw new IllegalStateException("the upstream passwords in the store were sealed with the key " + other.get()
                    + ", but the key from " + key.origin() + " is " + key.id() + "; start with the key they were sealed with");
        }
    }

    /** Seals every password again, with {@code next} instead of {@code current}; how many. */
    static int reseal(Connection connection, StoreKey current, StoreKey next) throws SQLException {
        List<Object[]> resealed = Sql.list(connection, "SELECT id, password FROM upstream_accounts WHERE password_key IS NOT NULL",
                row -> new Object[] {next.seal(current.open(row.getString("password"), CONTEXT), CONTEXT), next.id(), row.getLong("id")});
        Sql.batch(connection, "UPDATE upstream_accounts SET password = ?, password_key = ? WHERE id = ?", resealed);
        return resealed.size();
    }

    private UpstreamAccount account(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        String sealedWith = row.getString("password_key");
        if (sealedWith != null && !sealedWith.equals(key.id())) {
            throw new IllegalStateException("the password of upstream account " + id + " was sealed with the key " + sealedWith
                    + ", not with the key " + key.id() + " from " + key.origin());
        }
        String password = sealedWith == null ? row.getString("password") : key.open(row.getString("password"), CONTEXT);
        var server = new UpstreamServer(MailProtocol.valueOf(row.getString("protocol")), row.getString("host"), row.getInt("port"),
                TlsMode.valueOf(row.getString("tls")), row.getString("username"), new Secret(password),
                row.getString("folder"));
        return new UpstreamAccount(new UpstreamAccountId(id), new UserId(row.getString("owner")), server);
    }
}
