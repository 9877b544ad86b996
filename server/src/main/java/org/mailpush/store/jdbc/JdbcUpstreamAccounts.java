package org.mailpush.store.jdbc;

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

/**
 * The watched upstream mailboxes in table {@code upstream_accounts}. Their passwords are stored as
 * given: protect the database as you would the upstream accounts themselves.
 */
final class JdbcUpstreamAccounts implements UpstreamAccounts {
    private static final String SELECT = "SELECT id, owner, protocol, host, port, tls, username, password, folder FROM upstream_accounts ";

    private final Transactions transactions;

    JdbcUpstreamAccounts(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public UpstreamAccount add(UserId owner, UpstreamServer server) {
        long id = transactions.run("add an upstream account for " + owner, connection -> Sql.insert(connection, """
                INSERT INTO upstream_accounts (owner, protocol, host, port, tls, username, password, folder)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                owner.value(), server.protocol(), server.host(), server.port(), server.tls(), server.username(),
                server.password().value(), server.folder()));
        return new UpstreamAccount(new UpstreamAccountId(id), owner, server);
    }

    @Override
    public Optional<UpstreamAccount> find(UpstreamAccountId id) {
        return transactions.run("find upstream account " + id, connection ->
                Sql.first(connection, SELECT + "WHERE id = ?", JdbcUpstreamAccounts::account, id.value()));
    }

    @Override
    public List<UpstreamAccount> list() {
        return transactions.run("list upstream accounts", connection ->
                Sql.list(connection, SELECT + "ORDER BY id", JdbcUpstreamAccounts::account));
    }

    @Override
    public List<UpstreamAccount> accountsOf(UserId owner) {
        return transactions.run("list the upstream accounts of " + owner, connection ->
                Sql.list(connection, SELECT + "WHERE owner = ? ORDER BY id", JdbcUpstreamAccounts::account, owner.value()));
    }

    @Override
    public boolean remove(UpstreamAccountId id) {
        return transactions.run("remove upstream account " + id, connection ->
                Sql.update(connection, "DELETE FROM upstream_accounts WHERE id = ?", id.value()) > 0);
    }

    private static UpstreamAccount account(ResultSet row) throws SQLException {
        var server = new UpstreamServer(MailProtocol.valueOf(row.getString("protocol")), row.getString("host"), row.getInt("port"),
                TlsMode.valueOf(row.getString("tls")), row.getString("username"), new Secret(row.getString("password")),
                row.getString("folder"));
        return new UpstreamAccount(new UpstreamAccountId(row.getLong("id")), new UserId(row.getString("owner")), server);
    }
}
