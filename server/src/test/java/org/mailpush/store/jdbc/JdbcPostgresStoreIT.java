package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every store contract on PostgreSQL, each test in a schema of its own that is dropped afterwards.
 * The server is the one {@code scripts/test-services} starts, or the one MAILPUSH_TEST_POSTGRES_URL
 * (with _USER and _PASSWORD) names. These tests fail, rather than skip, when it cannot be reached.
 */
class JdbcPostgresStoreIT implements JdbcStoreContract {
    private static final Map<String, String> ENVIRONMENT = System.getenv();
    private static final String URL = ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/mailpush_test");
    private static final String USER = ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_USER", "mailpush");
    private static final String PASSWORD = ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_PASSWORD", "mailpush");

    private final String schema = "test_" + UUID.randomUUID().toString().replace("-", "");
    private Database database;

    @BeforeEach
    void open() {
        administer("CREATE SCHEMA " + schema);
        database = Database.open(settings());
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        administer("DROP SCHEMA " + schema + " CASCADE");
    }

    @Override
    public DatabaseSettings settings() {
        return new DatabaseSettings(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD, 10);
    }

    private static void administer(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the tests is not available at " + URL + " as " + USER + " ("
                    + e.getMessage() + "): run scripts/test-services, or point MAILPUSH_TEST_POSTGRES_URL at one", e);
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
}
