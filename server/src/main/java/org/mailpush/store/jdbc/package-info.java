/**
 * The store ports on JDBC: an embedded H2 database file by default, PostgreSQL in production. Opened
 * as a {@link org.mailpush.store.jdbc.Database} from {@link org.mailpush.store.jdbc.DatabaseSettings};
 * HikariCP pools the connections and Flyway applies {@code db/migration/V*.sql}, one set of scripts
 * for both databases.
 *
 * <p><b>Durability (SPEC X1).</b> Every write commits before the port method returns; a mail and its
 * routing job are inserted in one transaction, and so are all the deliveries of one outbox append.
 * PostgreSQL makes a commit durable by its write-ahead log (keep {@code synchronous_commit} on). H2's
 * MVStore has no log and does not sync its file on commit; with {@code SET WRITE_DELAY 0}, which
 * {@link org.mailpush.store.jdbc.Database#open} issues, it writes each commit's changes before the
 * commit returns, yet a process killed under load can reopen at a version older than commits that
 * had returned, with its identity columns set back below ids in use. So on H2 the mail store has the
 * mail journal in front ({@link org.mailpush.store.journal}), which syncs each mail before its 250
 * and stores again at start what H2 lost; {@code Database#open} moves every identity above the ids in
 * its table. The other stores' H2 writes (reports, flags, the outbox) can still lose their last
 * moments in a crash: reports are sent again, and terminals resynchronise their mailbox.
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
