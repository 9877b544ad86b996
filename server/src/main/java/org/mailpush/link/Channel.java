package org.mailpush.link;

import java.util.OptionalLong;

/** One open connection to a terminal, whatever carries it (WebSocket, or SSE with POST). */
interface Channel {

    /**
     * Queues one JSON message for the terminal; never blocks on the network.
     *
     * @param seq the delivery's sequence number, which SSE sends as the event id
     */
    void send(String json, OptionalLong seq);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
