package org.mailpush.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mailpush.user.UserId;

/** {@link PolicyFromTerminals} held in memory. */
public final class InMemoryPolicyFromTerminals implements PolicyFromTerminals {
    private final Map<UserId, Boolean> choices = new ConcurrentHashMap<>();

    @Override
    public boolean allowed(UserId user) {
        return choices.getOrDefault(user, true);
    }

    @Override
    public void allow(UserId user, boolean allowed) {
        choices.put(user, allowed);
    }
}
