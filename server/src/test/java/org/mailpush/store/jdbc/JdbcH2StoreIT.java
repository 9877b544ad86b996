package org.mailpush.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract on the default store: an H2 database file, new for each test. */
class JdbcH2StoreIT implements JdbcStoreContract {

    @TempDir
    Path directory;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(settings());
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public Database reopen() {
        database.close();
        database = Database.open(settings());
        return database;
    }

    @Override
    public DatabaseSettings settings() {
        return DatabaseSettings.h2(directory);
    }
}
