package org.mailpush.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.mailpush.mail.MailId;
import org.mailpush.push.EscalationStore;
import org.mailpush.user.UserId;

/** The waiting escalations in table {@code escalations}, one per mail. */
final class JdbcEscalationStore implements EscalationStore {
    private final Transactions transactions;

    JdbcEscalationStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void schedule(UserId owner, MailId mail, Instant due) {
        transactions.execute("schedule the escalation of mail " + mail, connection -> schedule(connection, owner, mail, due));
    }

    /** Schedules within the caller's transaction, as {@link #schedule(UserId, MailId, Instant)} does in one of its own. */
    static void schedule(Connection connection, UserId owner, MailId mail, Instant due) throws SQLException {
        // The column keeps microseconds; cut, not rounded, so the escalation is never due later than asked.
        Instant kept = due.truncatedTo(ChronoUnit.MICROS);
        if (Sql.update(connection, "UPDATE escalations SET owner = ?, due = ? WHERE mail_id = ?", owner.value(), kept, mail.value()) == 0) {
            Sql.update(connection, "INSERT INTO escalations (mail_id, owner, due) VALUES (?, ?, ?)", mail.value(), owner.value(), kept);
        }
    }

    @Override
    public List<Scheduled> dueBy(Instant now) {
        return transactions.run("list the escalations due", connection -> Sql.list(connection,
                "SELECT mail_id, owner, due FROM escalations WHERE due <= ? ORDER BY due, mail_id",
                row -> new Scheduled(new UserId(row.getString("owner")), new MailId(row.getLong("mail_id")), Sql.instant(row, "due")),
                now));
    }

    @Override
    public boolean cancel(MailId mail) {
        return transactions.run("cancel the escalation of mail " + mail, connection ->
                Sql.update(connection, "DELETE FROM escalations WHERE mail_id = ?", mail.value()) > 0);
    }
}
