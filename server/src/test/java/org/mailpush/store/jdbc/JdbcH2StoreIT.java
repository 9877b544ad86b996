package org.mailpush.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

    @Test
    void connectionsKeepEnoughParsedStatements() {
        assertThat(setting("QUERY_CACHE_SIZE")).isEqualTo("64");
    }

    @Test
    void aQueryCacheSizeInTheUrlIsKept() {
        DatabaseSettings h2 = settings();
        database.close();
        database = Database.open(new DatabaseSettings(h2.url() + ";QUERY_CACHE_SIZE=16", h2.user(), h2.password(), h2.poolSize()));

        assertThat(setting("QUERY_CACHE_SIZE")).isEqualTo("16");
    }

    private String setting(String name) {
        return database.transactions().run("read setting " + name, connection -> Sql.first(connection,
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?", row -> row.getString(1), name))
                .orElseThrow();
    }
}
