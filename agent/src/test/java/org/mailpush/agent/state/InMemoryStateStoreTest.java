package org.mailpush.agent.state;

class InMemoryStateStoreTest implements StateStoreContract {
    private final InMemoryStateStore store = new InMemoryStateStore();

    @Override
    public StateStore store() {
        return store;
    }

    @Override
    public StateStore reopened() {
        return store;
    }
}
