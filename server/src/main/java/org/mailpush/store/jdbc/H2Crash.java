package org.mailpush.store.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import org.mailpush.mail.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an H2 database file a crash left open from one closed cleanly, and rewrites the first before
 * use. Beside {@code <name>.mv.db} lies {@code <name>.open} while the database is open; found at the
 * next open, it tells that the process died with the file open. H2, killed under load, was seen to
 * come back with a row whose commit it had lost: reads did not see it, but an insert of the same key
 * spun without end, so the server never finished starting. {@code SHUTDOWN COMPACT} rewrites the file
 * from what H2 reads as committed and clears such rows (2.3 s for 29 MB here), so the database is
 * compacted before anything else opens it. What H2 lost or tore of the mail is then put back from the
 * mail journal (see {@code architecture.md}).
 */
final class H2Crash {
    private static final Logger LOG = LoggerFactory.getLogger(H2Crash.class);
    private static final String MARKER = ".open";

    private final Path marker;

    private H2Crash(Path marker) {
        this.marker = marker;
    }

    /**
     * The marker of the H2 database file the URL names; empty for a database H2 keeps in memory or
     * another process serves.
     */
    static Optional<H2Crash> of(String url) {
        String rest = url.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (lower.matches("^[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, ...
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(new H2Crash(Path.of(name + MARKER)));
    }

    /** Whether the database was left open by a process that died. */
    boolean crashed() {
        return Files.exists(marker);
    }

    /** Rewrites the database a crash left open, before the pool opens it; see the class comment. */
    void compact(DatabaseSettings settings) {
        LOG.warn("the database was not closed cleanly (found {}); compacting it before use", marker);
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            throw new StoreException("cannot compact the database at " + settings.url() + ", which a process left open (crashed,"
                    + " or running still): " + e.getMessage(), e);
        }
        LOG.info("database compacted in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Records on disk that the database is open: from here until {@link #closed}, a death of the process is a crash. */
    void opened() {
        try {
            Files.deleteIfExists(marker);
            try (FileChannel file = FileChannel.open(marker, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                file.force(true);
            }
            try (FileChannel directory = FileChannel.open(marker.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + marker + ": " + e.getMessage(), e);
        }
    }

    /** Records that the database was closed cleanly. */
    void closed() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}; the next start will compact the database", marker, e.getMessage());
        }
    }
}
