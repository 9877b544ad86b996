package org.mailpush.agent.state;

/** A state store in memory, for tests: it survives a restart of the agent within one test, not of the JVM. */
public final class InMemoryStateStore implements StateStore {
    private volatile AgentState state = AgentState.EMPTY;

    @Override
    public AgentState load() {
        return state;
    }

    @Override
    public void save(AgentState state) {
        this.state = state;
    }
}
