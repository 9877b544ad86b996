package org.mailpush.agent.inbox;

import org.mailpush.protocol.TerminalMessage;

/** The link to the server, as the inbox uses it. */
@FunctionalInterface
public interface Outgoing {
    /** Sends a message; false when it cannot be sent now (not connected). */
    boolean send(TerminalMessage message);
}
