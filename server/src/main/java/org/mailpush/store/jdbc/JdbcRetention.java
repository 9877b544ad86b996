package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mailpush.mail.Retention;

/**
 * Retention in SQL that H2 and PostgreSQL both run. A mailbox entry goes with its deliveries and
 * plans; the message row it leaves behind goes too, unless it carries a journal key or an upstream
 * fingerprint: those stay, emptied, so that neither a journal replay nor an upstream watcher stores
 * the mail again.
 */
final class JdbcRetention implements Retention {
    /** Mails pruned in one transaction, so that a large backlog does not hold one long transaction. */
    private static final int BATCH = 500;

    private final Transactions transactions;

    JdbcRetention(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Pruned prune(Instant mailAcknowledgedBefore, Instant deliveriesBefore) {
        int mails = 0;
        int batch;
        do {
            batch = transactions.run("prune mail", connection -> pruneMail(connection, mailAcknowledgedBefore));
            mails += batch;
        } while (batch == BATCH);
        // A mail's deliveries tell when it was acknowledged: they stay as long as the mail needs that.
        Instant acknowledgedBefore = deliveriesBefore.isBefore(mailAcknowledgedBefore) ? deliveriesBefore : mailAcknowledgedBefore;
        int deliveries = transactions.run("prune deliveries", connection -> Sql.update(connection,
                "DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at < ?", acknowledgedBefore));
        int plans = transactions.run("prune plans", connection -> Sql.update(connection, """
                DELETE FROM plans WHERE decided_at < ?
                AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mail_id = plans.mail_id AND o.acked_at IS NULL)
                AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.mail_id = plans.mail_id)
                AND NOT EXISTS (SELECT 1 FROM routing_jobs r WHERE r.mailbox_id = plans.mail_id)""", deliveriesBefore));
        return new Pruned(mails, deliveries, plans);
    }

    private static int pruneMail(Connection connection, Instant before) throws SQLException {
        List<long[]> entries = Sql.list(connection, """
                SELECT b.id, b.mail_id FROM mailbox b JOIN mail m ON m.id = b.mail_id
                WHERE m.received_at < ?
                AND NOT EXISTS (SELECT 1 FROM routing_jobs r WHERE r.mailbox_id = b.id)
                AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.mail_id = b.id)
                AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.mail_id = b.id AND (o.acked_at IS NULL OR o.acked_at >= ?))
                ORDER BY b.id FETCH FIRST %d ROWS ONLY""".formatted(BATCH),
                row -> new long[] {row.getLong(1), row.getLong(2)}, before, before);
        if (!entries.isEmpty()) {
            List<Object[]> ids = entries.stream().map(entry -> new Object[] {entry[0]}).toList();
            Sql.batch(connection, "DELETE FROM outbox WHERE mail_id = ?", ids);
            Sql.batch(connection, "DELETE FROM plans WHERE mail_id = ?", ids);
            Sql.batch(connection, "DELETE FROM mailbox WHERE id = ?", ids);
            emptyMessages(connection, entries.stream().map(entry -> entry[1]).collect(Collectors.toCollection(TreeSet::new)));
        }
        return entries.size();
    }

    /**
     * Deletes the messages of the pruned mailbox entries that no entry holds any longer, or, where the
     * mail journal or an upstream watcher needs the row to recognise the mail, empties it. In the
     * transaction that pruned the entries: the journal puts back the entries of a mail that is not
     * empty (JdbcMailStore), and must never put back what retention took.
     */
    private static void emptyMessages(Connection connection, Set<Long> messages) throws SQLException {
        String orphan = "id = ? AND NOT EXISTS (SELECT 1 FROM mailbox b WHERE b.mail_id = mail.id)";
        Sql.batch(connection, "DELETE FROM mail WHERE " + orphan + " AND journal_key IS NULL AND fingerprint IS NULL",
                messages.stream().map(id -> new Object[] {id}).toList());
        Sql.batch(connection, "UPDATE mail SET raw = ?, subject = '', sender = '', preview = '', size_bytes = 0 WHERE "
                + orphan + " AND size_bytes > 0", messages.stream().map(id -> new Object[] {new byte[0], id}).toList());
    }
}
