package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL (started by scripts/test-services, or named by
 * MAILPUSH_TEST_POSTGRES_URL with _USER and _PASSWORD); tests fail, not skip, when it is unreachable.
 */
public final class TestPostgres implements AutoCloseable {
    private static final Map<String, String> ENVIRONMENT = System.getenv();
    private static final String URL = ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/mailpush_test");
    public static final String USER = ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_USER", "mailpush");
    public static final String PASSWORD = ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_PASSWORD", "mailpush");

    private final String schema = "test_" + UUID.randomUUID().toString().replace("-", "");

    public TestPostgres() {
        administer("CREATE SCHEMA " + schema);
    }

    /** The JDBC URL of this schema. */
    public String url() {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The store's settings for this schema. */
    public DatabaseSettings database(int poolSize) {
        return new DatabaseSettings(url(), USER, PASSWORD, poolSize);
    }

    /** The server settings that put its store in this schema. */
    public Map<String, String> settings() {
        return Map.of("database.url", url(), "database.user", USER, "database.password", PASSWORD);
    }

    @Override
    public void close() {
        administer("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void administer(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the tests is not available at " + URL + " as " + USER + " ("
                    + e.getMessage() + "): run scripts/test-services, or point MAILPUSH_TEST_POSTGRES_URL at one", e);
        }
    }
}
