package org.mailpush.store.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Tells an H2 database file a crash left open from one closed cleanly, and rebuilds the first before
 * use. Beside {@code <name>.mv.db} lies {@code <name>.open} while the database is open; found at the
 * next open, it tells that the process died with the file open. H2, killed under load, was seen to
 * come back inconsistent with itself: a row whose commit it had lost, which reads did not see but on
 * whose key an insert spun without end; and a mailbox entry its table held but one of its indexes
 * lacked, so that a lookup by mail did not find it and the journal's replay added the entry again
 * (the mail then listed twice). Rewriting H2's pages as they are ({@code SHUTDOWN COMPACT}) keeps
 * such an index. So the database is rebuilt from its rows: {@code SCRIPT} writes every table's
 * committed rows and the schema to {@code <name>.rebuild.sql}, {@code RUNSCRIPT} loads them into a
 * new file {@code <name>.rebuild.mv.db} (every index built again from the rows), which is compacted,
 * synced and renamed over the old file. A crash during the rebuild leaves the old file and the
 * marker, and the next start rebuilds again. What H2 lost or tore of the mail is then put back from
 * the mail journal (see {@code architecture.md}).
 */
final class H2Crash {
    private static final Logger LOG = LoggerFactory.getLogger(H2Crash.class);
    private static final String MARKER = ".open";
    private static final String FILE = ".mv.db";
    private static final String REBUILD = ".rebuild";

    /** The database's path as the URL names it, without {@value #FILE}. */
    private final String name;
    /** The URL's settings, from its first {@code ;} (or empty). */
    private final String urlSettings;
    private final Path marker;

    private H2Crash(String name, String urlSettings) {
        this.name = name;
        this.urlSettings = urlSettings;
        this.marker = Path.of(name + MARKER);
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
        return Optional.of(new H2Crash(name, settings < 0 ? "" : rest.substring(settings)));
    }

    /** Whether the database was left open by a process that died. */
    boolean crashed() {
        return Files.exists(marker);
    }

    /** Rebuilds the database a crash left open from its rows, before the pool opens it; see the class comment. */
    void rebuild(DatabaseSettings settings) {
        LOG.warn("the database was not closed cleanly (found {}); rebuilding it from its rows before use", marker);
        long start = System.nanoTime();
        Path file = Path.of(name + FILE);
        Path script = Path.of(name + REBUILD + ".sql");
        Path rebuilt = Path.of(name + REBUILD + FILE);
        try {
            // What a crash during an earlier rebuild left.
            Files.deleteIfExists(script);
            Files.deleteIfExists(rebuilt);
            // The script holds every mail: as private as the database.
            Files.createFile(script);
            keepPrivate(script, file);
            run(settings, settings.url(), "SCRIPT NOSETTINGS TO " + literal(script), "SHUTDOWN");
            run(settings, "jdbc:h2:file:" + name + REBUILD + urlSettings, "RUNSCRIPT FROM " + literal(script), "SHUTDOWN COMPACT");
            keepPrivate(rebuilt, file);
            try (FileChannel channel = FileChannel.open(rebuilt, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(rebuilt, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
            Files.delete(script);
        } catch (IOException e) {
            throw new StoreException("cannot rebuild the database " + file + ", which a process left open: " + e.getMessage(), e);
        }
        LOG.info("database rebuilt in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Opens the database at {@code url} alone, runs the statement, and closes the database with {@code shutdown}. */
    private static void run(DatabaseSettings settings, String url, String statement, String shutdown) {
        try (Connection connection = DriverManager.getConnection(url, settings.user(), settings.password());
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
            sql.execute(shutdown);
        } catch (SQLException e) {
            throw new StoreException("cannot rebuild the database at " + settings.url() + ", which a process left open (crashed,"
                    + " or running still): " + e.getMessage(), e);
        }
    }

    /** Gives {@code path} the permissions of the database file {@code like} (owner only, as mailpush creates it). */
    private static void keepPrivate(Path path, Path like) throws IOException {
        try {
            Files.setPosixFilePermissions(path, Files.exists(like) ? Files.getPosixFilePermissions(like)
                    : PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        }
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(marker.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /** Records on disk that the database is open: from here until {@link #closed}, a death of the process is a crash. */
    void opened() {
        try {
            Files.deleteIfExists(marker);
            try (FileChannel file = FileChannel.open(marker, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                file.force(true);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new StoreException("cannot write " + marker + ": " + e.getMessage(), e);
        }
    }

    /** Records that the database was closed cleanly. */
    void closed() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}; the next start will rebuild the database", marker, e.getMessage());
        }
    }
}
