package org.mailpush.policy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.user.UserId;

/** A {@link PolicyStore} held in memory. */
public final class InMemoryPolicyStore implements PolicyStore {
    private final Map<UserId, Policy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<Policy> policyOf(UserId user) {
        return Optional.ofNullable(policies.get(user));
    }

    @Override
    public void save(UserId user, Policy policy) {
        policies.put(user, policy);
    }
}
