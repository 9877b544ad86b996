package org.mailpush.store.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every store contract on PostgreSQL, each test in a schema of its own that is dropped afterwards
 * ({@link TestPostgres}). These tests fail, rather than skip, when PostgreSQL cannot be reached.
 */
class JdbcPostgresStoreIT implements JdbcStoreContract {
    private TestPostgres postgres;
    private Database database;

    @BeforeEach
    void open() {
        postgres = new TestPostgres();
        database = Database.open(settings(), KEY);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        postgres.close();
    }

    @Override
    public DatabaseSettings settings() {
        return postgres.database(10);
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public Database reopen() {
        database.close();
        database = Database.open(settings(), KEY);
        return database;
    }
}
