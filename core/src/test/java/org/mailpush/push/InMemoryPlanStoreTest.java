package org.mailpush.push;

import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.UserDirectory;

class InMemoryPlanStoreTest implements PlanStoreContract {
    private final InMemoryPlanStore plans = new InMemoryPlanStore();
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();

    @Override
    public PlanStore plans() {
        return plans;
    }

    @Override
    public UserDirectory users() {
        return users;
    }
}
