package org.mailpush.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.cluster.TerminalDirectory;
import org.mailpush.cluster.TerminalDirectoryContract;

/** The directory of terminals on H2, which a single node never uses, but whose SQL must run there too. */
class JdbcTerminalDirectoryH2IT implements TerminalDirectoryContract {
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
    public TerminalDirectory directory() {
        return database.terminalDirectory();
    }
}
