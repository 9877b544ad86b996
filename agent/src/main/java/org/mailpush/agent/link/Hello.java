package org.mailpush.agent.link;

import java.io.IOException;
import org.mailpush.protocol.TerminalMessage;

/** Makes the {@code hello} for a new connection: the token and the last acknowledged seq as they are now. */
@FunctionalInterface
public interface Hello {
    TerminalMessage.Hello make() throws IOException;
}
