package org.mailpush.store.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mailpush.cluster.TerminalDirectory;
import org.mailpush.cluster.TerminalDirectoryContract;

/**
 * The directory of terminals on PostgreSQL, as the nodes of a cluster share it: two stores on one
 * schema, as two processes would open it ({@link TerminalDirectoryContract#otherProcess}).
 */
class TerminalDirectoryPostgresIT implements TerminalDirectoryContract {
    private TestPostgres postgres;
    private Database first;
    private Database second;

    @BeforeEach
    void open() {
        postgres = new TestPostgres();
        first = Database.open(postgres.database(4), JdbcStoreContract.KEY);
        second = Database.open(postgres.database(4), JdbcStoreContract.KEY);
    }

    @AfterEach
    void close() {
        second.close();
        first.close();
        postgres.close();
    }

    @Override
    public TerminalDirectory directory() {
        return first.terminalDirectory();
    }

    @Override
    public TerminalDirectory otherProcess() {
        return second.terminalDirectory();
    }
}
