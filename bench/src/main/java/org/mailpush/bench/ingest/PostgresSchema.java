package org.mailpush.bench.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A schema of the run's own on a PostgreSQL server, dropped on close. */
final class PostgresSchema implements AutoCloseable {
    private final IngestOptions.Postgres server;
    private final String name = "bench_" + UUID.randomUUID().toString().replace("-", "");
    private final String version;

    /** @throws SQLException when the server cannot be reached */
    PostgresSchema(IngestOptions.Postgres server) throws SQLException {
        this.server = server;
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
            version = connection.getMetaData().getDatabaseProductVersion();
        }
    }

    String url() {
        return server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    String version() {
        return version;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }
}
