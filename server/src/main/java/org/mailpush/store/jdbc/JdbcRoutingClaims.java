package org.mailpush.store.jdbc;

import java.time.Instant;
import java.util.List;
import org.mailpush.cluster.NodeId;
import org.mailpush.cluster.RoutingClaims;
import org.mailpush.mail.MailId;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.UserId;

/**
 * Claims on the rows of {@code routing_jobs} (columns {@code claimed_by}, {@code claimed_until}).
 * Jobs are picked with {@code SELECT … FOR UPDATE SKIP LOCKED}, so that nodes claiming at once each
 * skip the rows another is claiming rather than wait for it, and each gets other jobs; a single job is
 * claimed by one conditional {@code UPDATE}, which PostgreSQL re-checks against the row a concurrent
 * claim committed. Used on PostgreSQL, where the nodes of a cluster share the store; H2 runs it too (tests).
 */
final class JdbcRoutingClaims implements RoutingClaims {
    /** Not held against {@code node} at {@code now}: parameters node, now. */
    private static final String FREE = "(claimed_by IS NULL OR claimed_by = ? OR claimed_until < ?)";
    /** Claimed before, or its mail received before a moment: parameter the moment. */
    private static final String SEASONED = "(claimed_by IS NOT NULL OR EXISTS (SELECT 1 FROM mailbox b JOIN mail m ON m.id = b.mail_id"
            + " WHERE b.id = routing_jobs.mailbox_id AND m.received_at < ?))";

    private final Transactions transactions;

    JdbcRoutingClaims(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<StoredMail> claim(NodeId node, int limit, Instant unclaimedBefore, Instant now, Instant until) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return transactions.run("claim routing jobs for node " + node, connection -> {
            List<Long> jobs = Sql.list(connection, "SELECT mailbox_id FROM routing_jobs WHERE " + FREE + " AND " + SEASONED
                    + " ORDER BY mailbox_id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED", row -> row.getLong(1), node.value(), now,
                    unclaimedBefore, limit);
            Sql.batch(connection, "UPDATE routing_jobs SET claimed_by = ?, claimed_until = ? WHERE mailbox_id = ?",
                    jobs.stream().map(job -> new Object[] {node.value(), until, job}).toList());
            return JdbcMailStore.pendingOf(connection, jobs);
        });
    }

    @Override
    public boolean claim(NodeId node, UserId owner, MailId mail, Instant now, Instant until) {
        return transactions.run("claim the routing job of mail " + mail + " for node " + node, connection -> Sql.update(connection,
                "UPDATE routing_jobs SET claimed_by = ?, claimed_until = ? WHERE mailbox_id = ? AND " + FREE
                        + " AND EXISTS (SELECT 1 FROM mailbox b WHERE b.id = routing_jobs.mailbox_id AND b.owner = ?)",
                node.value(), until, mail.value(), node.value(), now, owner.value()) > 0);
    }

    @Override
    public void release(NodeId node) {
        transactions.execute("release the routing claims of node " + node, connection -> Sql.update(connection,
                "UPDATE routing_jobs SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", node.value()));
    }
}
