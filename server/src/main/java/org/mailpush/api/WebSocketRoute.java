package org.mailpush.api;

import io.javalin.http.HttpStatus;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A WebSocket served by Jetty's WebSocket core in front of the Javalin routes (see
 * {@link ApiServer#webSocket}): upgrade requests to its path are upgraded here, the rest go on — but
 * for a request to its path that is no WebSocket upgrade (a plain GET, another protocol version),
 * which is answered {@code 426 Upgrade Required} (RFC 6455 §4.4).
 */
final class WebSocketRoute extends WebSocketUpgradeHandler {
    private final String path;

    WebSocketRoute(Server server, String path, WebSocketNegotiator negotiator, Handler next) {
        // The server's buffer pool and executor; the mapping is made again whenever the handler starts.
        super(WebSocketServerComponents.ensureWebSocketComponents(server), route -> route.addMapping(path, negotiator));
        this.path = path;
        setHandler(new NotUpgraded(next));
    }

    String path() {
        return path;
    }

    /** Where the requests go that were not upgraded. */
    private final class NotUpgraded extends Handler.Wrapper {
        NotUpgraded(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!Request.getPathInContext(request).equals(path)) {
                return super.handle(request, response, callback);
            }
            response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, "13");
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            ApiServer.refuse(response, callback, HttpStatus.UPGRADE_REQUIRED,
                    path + " is a WebSocket (version 13): ask with 'Connection: Upgrade' and 'Upgrade: websocket'");
            return true;
        }
    }
}
