package org.mailpush.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an H2 database file left by a crash from one closed cleanly, and compacts the former before
 * anything else opens it.
 *
 * <p>H2 was seen to come back from a {@code kill -9} holding rows that a transaction had written but
 * whose commit it lost: invisible to every read, yet an insert of the same key spun forever, and the
 * server never finished starting (a routing job; a mailbox place would do the same). Compacting
 * ({@code SHUTDOWN COMPACT}) rewrites the file from what was committed and drops them. The file
 * {@code <database>.open}, made when the database is opened and removed when it is closed, is the
 * sign: found at open, the last run ended without closing it.
 */
final class H2Crash {
    private static final Logger LOG = LoggerFactory.getLogger(H2Crash.class);
    private static final String FILE_URL = "jdbc:h2:file:";

    private final Path marker;

    private H2Crash(Path marker) {
        this.marker = marker;
    }

    /** For an H2 database in a file; empty for one in memory or on a server, which this process does not crash. */
    static Optional<H2Crash> of(DatabaseSettings settings) {
        String url = settings.url();
        if (!url.startsWith(FILE_URL)) {
            return Optional.empty();
        }
        int options = url.indexOf(';');
        String base = url.substring(FILE_URL.length(), options < 0 ? url.length() : options);
        return Optional.of(new H2Crash(Path.of(base + ".open")));
    }

    /** Compacts the database when the last run did not close it, then marks it open. */
    void recover(DatabaseSettings settings) throws SQLException {
        if (Files.exists(marker)) {
            LOG.warn("the database was not closed when the server last stopped (a crash or kill); compacting it, which drops "
                    + "what H2 kept of transactions whose commit it lost");
            long started = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
            LOG.info("database compacted in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
        try {
            Files.createDirectories(marker.toAbsolutePath().getParent());
            Files.writeString(marker, "open\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the database open at " + marker + ": " + e.getMessage(), e);
        }
    }

    /** The database was closed: the next open needs no recovery. */
    void closed() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.warn("cannot remove {}; the next start compacts the database needlessly: {}", marker, e.getMessage());
        }
    }
}
