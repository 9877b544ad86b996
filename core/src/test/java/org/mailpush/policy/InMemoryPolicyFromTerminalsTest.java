package org.mailpush.policy;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryPolicyFromTerminalsTest implements PolicyFromTerminalsContract {
    private final InMemoryPolicyFromTerminals store = new InMemoryPolicyFromTerminals();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public PolicyFromTerminals policyFromTerminals() {
        return store;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
