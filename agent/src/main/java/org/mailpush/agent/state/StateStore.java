package org.mailpush.agent.state;

import java.io.IOException;

/** Keeps the agent's state between runs. */
public interface StateStore {
    /** The state saved last, or {@link AgentState#EMPTY} on first run. */
    AgentState load() throws IOException;

    /** Replaces the saved state; when this returns, it survives a crash. */
    void save(AgentState state) throws IOException;
}
