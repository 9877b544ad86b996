package org.mailpush.push;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryEscalationStoreTest implements EscalationStoreContract {
    private final InMemoryEscalationStore escalations = new InMemoryEscalationStore();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public EscalationStore escalations() {
        return escalations;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
