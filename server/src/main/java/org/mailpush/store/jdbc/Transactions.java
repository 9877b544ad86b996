package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.mailpush.mail.StoreException;

/**
 * Runs each unit of work in a transaction of its own, committed before the result is returned. The
 * one place where the adapters' {@link SQLException}s become {@link StoreException}s.
 *
 * <p>Work that loses a race — a unique key another transaction inserted first, a deadlock, a
 * concurrent update — is rolled back and run again: its reads then see the winner's committed rows,
 * so each unit of work checks before it inserts (an existing id, a delivered upstream mail) and the
 * unique constraints only catch what the check could not yet see.
 */
final class Transactions {
    private static final int ATTEMPTS = 3;
    /** Unique violation (both), serialization failure or H2 deadlock, PostgreSQL deadlock, H2 concurrent update. */
    private static final Set<String> CONFLICTS = Set.of("23505", "40001", "40P01", "90131");

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A unit of work on one connection, inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A unit of work without a result. */
    @FunctionalInterface
    interface Action {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs the work and commits it.
     *
     * @param what what the work does, for the exception's message ("append a mail")
     * @throws StoreException when the database fails, or the work lost {@value #ATTEMPTS} races in a row
     */
    <T> T run(String what, Work<T> work) {
        SQLException conflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return attempt(work);
            } catch (SQLException e) {
                if (!CONFLICTS.contains(e.getSQLState())) {
                    throw new StoreException("could not " + what + ": " + e.getMessage(), e);
                }
                conflict = e;
            }
        }
        throw new StoreException("could not " + what + ", still conflicting after " + ATTEMPTS + " attempts", conflict);
    }

    /** Runs the work and commits it, as {@link #run}. */
    void execute(String what, Action action) {
        run(what, connection -> {
            action.run(connection);
            return null;
        });
    }

    private <T> T attempt(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
