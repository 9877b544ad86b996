package org.mailpush.policy;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryPolicyStoreTest implements PolicyStoreContract {
    private final InMemoryPolicyStore policies = new InMemoryPolicyStore();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public PolicyStore policies() {
        return policies;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
