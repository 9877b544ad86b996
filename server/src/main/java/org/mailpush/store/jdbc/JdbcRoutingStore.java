package org.mailpush.store.jdbc;

import java.util.List;
import java.util.Optional;
import org.mailpush.json.PlanJson;
import org.mailpush.push.OutboxEntry;
import org.mailpush.push.RoutingStore;

/**
 * A mail's routing kept in one transaction: its routing job deleted first — which locks the job, so
 * that of two concurrent keeps the second finds none and keeps nothing —, then the plan, the
 * escalation and the outbox entries, written by the same statements as {@link JdbcPlanStore},
 * {@link JdbcEscalationStore} and {@link JdbcOutbox}. One commit instead of four: on H2 each commit
 * writes the database file, so this is most of what routing a mail costs.
 */
final class JdbcRoutingStore implements RoutingStore {
    private final Transactions transactions;

    JdbcRoutingStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<List<OutboxEntry>> keep(Routed routed) {
        String plan = PlanJson.write(routed.plan()).toString();
        return transactions.run("keep the routing of mail " + routed.mail(), connection -> {
            if (!JdbcMailStore.endRoutingJob(connection, routed.owner(), routed.mail())) {
                return Optional.empty();
            }
            JdbcPlanStore.insert(connection, routed.mail(), routed.plan(), plan, routed.decidedAt());
            if (routed.escalation().isPresent()) {
                JdbcEscalationStore.schedule(connection, routed.owner(), routed.mail(), routed.escalation().get());
            }
            return Optional.of(JdbcOutbox.append(connection, routed.deliveries(), routed.decidedAt()));
        });
    }
}
