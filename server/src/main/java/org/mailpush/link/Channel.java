package org.mailpush.link;

import java.util.OptionalLong;

/** One open connection to a terminal, whatever carries it (WebSocket, or SSE with POST). */
interface Channel {

    /**
     * Queues one JSON message for the terminal; never blocks on the network. A connection whose
     * {@link Backlog} is full drops the message and the connection.
     *
     * @param seq the delivery's sequence number, which SSE sends as the event id
     * @return whether the message was queued; false when the connection is over its backlog and dropped
     */
    boolean send(String json, OptionalLong seq);

    /** Whether the delivery {@code seq} was queued on this connection and is not yet written to the network. */
    boolean unwritten(long seq);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
