package org.mailpush.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.cluster.RoutingClaims;
import org.mailpush.cluster.RoutingClaimsContract;
import org.mailpush.mail.MailStore;
import org.mailpush.user.UserDirectory;

/** The routing claims on H2, which a single node never uses, but whose SQL must run there too. */
class JdbcRoutingClaimsH2IT implements RoutingClaimsContract {
    @TempDir
    Path directory;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseSettings.h2(directory), JdbcStoreContract.KEY);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Override
    public RoutingClaims claims() {
        return database.routingClaims();
    }

    @Override
    public MailStore mails() {
        return database.mails();
    }

    @Override
    public UserDirectory users() {
        return database.users();
    }
}
