package org.mailpush.api;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A WebSocket served by Jetty's WebSocket core in front of the Javalin routes (see
 * {@link ApiServer#webSocket}): upgrade requests to its path are upgraded here, the rest go on.
 */
final class WebSocketRoute extends WebSocketUpgradeHandler {
    private final String path;

    WebSocketRoute(Server server, String path, WebSocketNegotiator negotiator, Handler next) {
        // The server's buffer pool and executor; the mapping is made again whenever the handler starts.
        super(WebSocketServerComponents.ensureWebSocketComponents(server), route -> route.addMapping(path, negotiator));
        this.path = path;
        setHandler(next);
    }

    String path() {
        return path;
    }
}
