package org.mailpush.agent.link;

import org.mailpush.protocol.ServerMessage;

/** Told what happens on the link; called on the link's threads, so it should hand work off quickly. */
public interface LinkListener {
    /** The server accepted the hello. */
    void welcomed(ServerMessage.Welcome welcome);

    /** Any other message from the server. */
    void received(ServerMessage message);

    /** The connection ended; the link will connect again. */
    void disconnected();
}
