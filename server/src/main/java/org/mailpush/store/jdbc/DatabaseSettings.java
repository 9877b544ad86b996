package org.mailpush.store.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.mailpush.mail.MailStore;

/**
 * Where the store lives and how many connections it holds.
 *
 * @param url      a JDBC URL: {@code jdbc:h2:...} for the embedded database (the default) or
 *                 {@code jdbc:postgresql://...}
 * @param user     the database user
 * @param password the user's password, possibly empty; never printed
 * @param poolSize the most connections open at once
 * @param duplicateWindow how long the mail store remembers a Message-ID to suppress duplicates
 *                 ({@link MailStore#append}); zero: not at all
 */
public record DatabaseSettings(String url, String user, String password, int poolSize, Duration duplicateWindow) {
    /** The pool size when none is configured: enough for SMTP, routing and the API at once. */
    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Vendor.of(url);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1 || poolSize > 1000) {
            throw new IllegalArgumentException("database pool size must be 1-1000, got " + poolSize);
        }
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        if (duplicateWindow.isNegative()) {
            throw new IllegalArgumentException("the duplicate window must not be negative, got " + duplicateWindow);
        }
    }

    /** Settings with the default duplicate window. */
    public DatabaseSettings(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, MailStore.DUPLICATE_WINDOW);
    }

    public DatabaseSettings withDuplicateWindow(Duration window) {
        return new DatabaseSettings(url, user, password, poolSize, window);
    }

    /**
     * The embedded H2 database in {@code directory} (file {@code mailpush.mv.db}), created on first
     * open. H2 closes it when the store is closed, not from its own shutdown hook, so that work still
     * running while the server stops can finish.
     */
    public static DatabaseSettings h2(Path directory) {
        String base = directory.toAbsolutePath().normalize().resolve("mailpush").toString();
        if (base.contains(";")) {
            throw new IllegalArgumentException("the data directory must not contain ';', got '" + directory + "'");
        }
        return new DatabaseSettings("jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE", "mailpush", "", DEFAULT_POOL_SIZE);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=******, poolSize=" + poolSize
                + ", duplicateWindow=" + duplicateWindow + "]";
    }
}
