package org.mailpush.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.mailpush.json.PolicyJson;
import org.mailpush.policy.Policy;
import org.mailpush.policy.PolicyStore;
import org.mailpush.user.UserId;

/** Each user's policy in table {@code policies}, as the JSON document of {@code docs/policy.md}. */
final class JdbcPolicyStore implements PolicyStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;

    JdbcPolicyStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Policy> policyOf(UserId user) {
        return transactions.run("read the policy of " + user, connection -> Sql.first(connection,
                        "SELECT document FROM policies WHERE user_id = ?", row -> row.getString(1), user.value()))
                .map(document -> read(user, document));
    }

    private static Policy read(UserId user, String document) {
        try {
            return PolicyJson.read(JSON.readTree(document), "policy");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored policy of " + user + " is not JSON", e);
        }
    }

    @Override
    public void save(UserId user, Policy policy) {
        String document = PolicyJson.write(policy).toString();
        transactions.execute("save the policy of " + user, connection -> {
            if (Sql.update(connection, "UPDATE policies SET document = ? WHERE user_id = ?", document, user.value()) == 0) {
                Sql.update(connection, "INSERT INTO policies (user_id, document) VALUES (?, ?)", user.value(), document);
            }
        });
    }
}
