/**
 * The store ports on JDBC: an embedded H2 database file by default, PostgreSQL in production. Opened
 * as a {@link org.mailpush.store.jdbc.Database} from {@link org.mailpush.store.jdbc.DatabaseSettings};
 * HikariCP pools the connections and Flyway applies {@code db/migration/V*.sql}, one set of scripts
 * for both databases.
 *
 * <p><b>Durability (SPEC X1).</b> Every write commits before the port method returns; a mail and its
 * routing job are inserted in one transaction, and so are all the deliveries of one outbox append. PostgreSQL makes a commit durable by its write-ahead
 * log (keep {@code synchronous_commit} on). H2's MVStore has no log: it writes committed changes to
 * its file from a background thread, at most {@code WRITE_DELAY} milliseconds (default 500) after the
 * commit, so a process killed with {@code kill -9} in that window loses mail it had already accepted.
 * With {@code SET WRITE_DELAY 0}, which {@link org.mailpush.store.jdbc.Database#open} issues on every
 * H2 database, the transaction store writes the changes to the file before the commit returns; the
 * file then survives the process being killed at any moment ({@code JdbcH2KillIT} shows it). H2 does
 * not fsync on commit, so an operating-system crash or power loss can still lose the last commits:
 * use PostgreSQL where that matters.
 *
 * <p><b>Concurrency.</b> Each unit of work checks before it inserts (an id in use, an upstream mail
 * already delivered) and the unique constraints catch what a concurrent transaction committed in the
 * meantime; such a conflict rolls the work back and runs it again, when its check sees the winner.
 * Outbox sequence numbers are not guessed and checked but counted: each device's row holds the last
 * number given ({@code outbox_seq}), and an append raises it with an {@code UPDATE} that locks the
 * row until the append commits. Concurrent appends for one device therefore take turns, each
 * continuing from the number the one before committed, and a rolled-back append leaves no gap. An
 * acknowledgement takes the same lock, so each entry is reported newly acknowledged once.
 */
package org.mailpush.store.jdbc;
