package org.mailpush.link;

import io.javalin.http.HttpStatus;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.mailpush.api.ApiServer;

/**
 * The link's WebSocket at {@code /api/link} (docs/protocol.md), on Jetty's WebSocket core: answers
 * {@code 403} to a browser page from a foreign origin, {@code 503} while link.max-connections-before-hello
 * connections wait for their hello, and gives every other connection a
 * {@link WebSocketChannel}.
 */
final class WebSocketEndpoint implements WebSocketNegotiator {
    private final LinkService service;
    private final LinkSettings settings;
    private final Supplier<Backlog> backlog;

    WebSocketEndpoint(LinkService service, LinkSettings settings, Supplier<Backlog> backlog) {
        this.service = service;
        this.backlog = backlog;
        this.settings = settings;
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !allowed(origin, request.getHttpURI().getScheme() + "://" + request.getHeaders().get(HttpHeader.HOST))) {
            ApiServer.refuse(response, callback, HttpStatus.FORBIDDEN, "origin " + origin + " may not open the terminal link");
            return null;
        }
        if (service.crowded()) {
            // Each lasts no longer than the hello timeout: a real terminal tries again after its backoff.
            ApiServer.refuse(response, callback, HttpStatus.SERVICE_UNAVAILABLE,
                    "too many connections are waiting to say hello (link.max-connections-before-hello); try again later");
            return null;
        }
        return new WebSocketChannel(service, backlog.get());
    }

    private boolean allowed(String origin, String own) {
        return origin.equalsIgnoreCase(own) || settings.allowedOrigins().stream().anyMatch(origin::equalsIgnoreCase);
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.setIdleTimeout(settings.heartbeat().multipliedBy(3));
        // Jetty's own limit only guards memory; the link's smaller limit answers with an error first.
        configuration.setMaxTextMessageSize(4L * settings.maxMessageBytes());
    }
}
