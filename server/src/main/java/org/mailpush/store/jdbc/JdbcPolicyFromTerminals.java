package org.mailpush.store.jdbc;

import org.mailpush.policy.PolicyFromTerminals;
import org.mailpush.user.UserId;

/** Each user's choice whether terminals may set the policy, in table {@code policy_from_terminals}. */
final class JdbcPolicyFromTerminals implements PolicyFromTerminals {
    private final Transactions transactions;

    JdbcPolicyFromTerminals(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean allowed(UserId user) {
        return transactions.run("read whether terminals may set the policy of " + user, connection -> Sql.first(connection,
                "SELECT allowed FROM policy_from_terminals WHERE user_id = ?", row -> row.getBoolean(1), user.value())).orElse(true);
    }

    @Override
    public void allow(UserId user, boolean allowed) {
        transactions.execute("set whether terminals may set the policy of " + user, connection -> {
            if (Sql.update(connection, "UPDATE policy_from_terminals SET allowed = ? WHERE user_id = ?", allowed, user.value()) == 0) {
                Sql.update(connection, "INSERT INTO policy_from_terminals (user_id, allowed) VALUES (?, ?)", user.value(), allowed);
            }
        });
    }
}
