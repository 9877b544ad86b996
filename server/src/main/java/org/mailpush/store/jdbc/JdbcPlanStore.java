package org.mailpush.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.mailpush.json.PlanJson;
import org.mailpush.mail.MailId;
import org.mailpush.push.PlanStore;
import org.mailpush.route.PushPlan;
import org.mailpush.user.UserId;

/** The plans made for each mail in table {@code plans}, as the JSON document of {@code docs/policy.md}. */
final class JdbcPlanStore implements PlanStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;

    JdbcPlanStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** A plan as it is stored, before its document is read. */
    private record Row(MailId mail, String document, Instant decidedAt) {}

    @Override
    public void save(MailId mail, PushPlan plan, Instant decidedAt) {
        String document = PlanJson.write(plan).toString();
        transactions.execute("save a plan for mail " + mail, connection -> insert(connection, mail, plan, document, decidedAt));
    }

    /** Inserts a plan whose JSON document is written already (outside the transaction: it takes a while). */
    static void insert(Connection connection, MailId mail, PushPlan plan, String document, Instant decidedAt) throws SQLException {
        Sql.update(connection, "INSERT INTO plans (mail_id, owner, decided_at, document) VALUES (?, ?, ?, ?)",
                mail.value(), plan.user().value(), decidedAt.truncatedTo(ChronoUnit.MICROS), document);
    }

    @Override
    public List<Decided> plansOf(UserId owner, MailId mail) {
        return transactions.run("read the plans of mail " + mail, connection -> Sql.list(connection,
                        "SELECT mail_id, document, decided_at FROM plans WHERE mail_id = ? AND owner = ? ORDER BY id",
                        row -> new Row(new MailId(row.getLong("mail_id")), row.getString("document"), Sql.instant(row, "decided_at")),
                        mail.value(), owner.value()))
                .stream()
                .map(row -> new Decided(row.mail(), read(row), row.decidedAt()))
                .toList();
    }

    private static PushPlan read(Row row) {
        try {
            return PlanJson.read(JSON.readTree(row.document()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored plan of mail " + row.mail() + " is not JSON", e);
        }
    }
}
