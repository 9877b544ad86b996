package org.mailpush.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.mailpush.admin.Administration;
import org.mailpush.json.InvalidInputException;
import org.mailpush.json.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server (Javalin on Jetty): every route group registers itself, every error answers JSON
 * {@code {"status": 400, "message": "..."}} and no exception reaches the client as a stack trace.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin javalin;

    private ApiServer(Javalin javalin) {
        this.javalin = javalin;
    }

    /** Starts listening; each route group adds its routes to the configuration. */
    public static ApiServer start(HttpSettings settings, List<Consumer<JavalinConfig>> routeGroups) {
        Javalin javalin = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            // ctx.ip(): the client's address, as a trusted proxy names it (login throttling counts by it).
            config.contextResolver.ip = ctx -> settings.trustedProxies().client(ctx.req().getRemoteAddr(),
                    java.util.Collections.list(ctx.req().getHeaders("Forwarded")),
                    java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
            // ctx.scheme(): as a trusted proxy names it (the session cookie is Secure behind HTTPS), else the socket's.
            config.contextResolver.scheme = ctx -> settings.trustedProxies().scheme(ctx.req().getRemoteAddr(),
                    ctx.req().getScheme(), java.util.Collections.list(ctx.req().getHeaders("Forwarded")),
                    java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-Proto")));
            // mailpush keeps nothing in HTTP sessions, but Javalin opens one for every WebSocket upgrade it serves (to
            // copy its attributes), and Jetty would keep each forever. Ours go around Javalin (see webSocket); this keeps
            // any that ever do from leaking a session per connection.
            config.jetty.modifyServletContextHandler(context -> {
                var sessions = new NullSessionCache(context.getSessionHandler());
                sessions.setSessionDataStore(new NullSessionDataStore());
                context.getSessionHandler().setSessionCache(sessions);
            });
            routeGroups.forEach(group -> group.accept(config));
            // Last, so that it wraps the WebSocket routes too.
            Set<String> names = ServerNames.of(settings);
            config.jetty.modifyServer(server -> server.setHandler(new ServerNames(names, server.getHandler())));
            config.routes.exception(InvalidInputException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST)
                    .json(Map.of("status", HttpStatus.BAD_REQUEST.getCode(), "message", e.getMessage(), "path", e.path())));
            config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                    error(ctx, HttpStatus.BAD_REQUEST, "malformed JSON: " + StrictJson.problem(e)));
            config.routes.exception(Administration.LimitReachedException.class, (e, ctx) ->
                    error(ctx, HttpStatus.CONFLICT, e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has the details");
            });
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                if (ctx.result() == null) {
                    error(ctx, HttpStatus.NOT_FOUND, "no such resource: " + ctx.path());
                }
            });
        });
        javalin.start();
        return new ApiServer(javalin);
    }

    /** Answers an error as JSON with its status and message. */
    static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("status", status.getCode(), "message", message));
    }

    /**
     * Serves a WebSocket at {@code path} with Jetty's WebSocket core, in front of the Javalin routes.
     * Javalin's WebSocket routes keep each connection's upgrade request and a copy of it (headers,
     * cookies, the servlet request and its channel) for the connection's life, about 14 KiB a
     * connection; Jetty's core keeps the connection, its session and the negotiator's frame handler.
     * Upgrade requests to the path go to the negotiator, which gives the connection its frame handler
     * or answers the request itself (see {@link #refuse}); every other request goes on to Javalin.
     */
    public static void webSocket(JavalinConfig config, String path, WebSocketNegotiator negotiator) {
        // Javalin attaches its servlet context to the innermost handler afterwards, so this one stays in front.
        config.jetty.modifyServer(server -> server.setHandler(new WebSocketRoute(server, path, negotiator, server.getHandler())));
    }

    /** Refuses a WebSocket upgrade with the JSON error every route answers; the negotiator then returns no handler. */
    public static void refuse(Response response, Callback callback, HttpStatus status, String message) {
        byte[] body = Json.object().put("status", status.getCode()).put("message", message).toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.getCode());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Every route as "METHOD /path" (before- and after-handlers left out; a WebSocket as the GET it
     * starts with), e.g. to check the OpenAPI document.
     */
    public List<String> routes() {
        var router = javalin.unsafe.internalRouter;
        Stream<String> http = router.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path);
        Stream<String> javalinWebSockets = router.allWsHandlers().stream()
                .filter(ws -> ws.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET)
                .map(ws -> "GET " + ws.getPath());
        Stream<String> webSockets = javalin.jettyServer().server().getDescendants(WebSocketRoute.class).stream()
                .map(route -> "GET " + route.path());
        return Stream.of(http, javalinWebSockets, webSockets)
                .flatMap(routes -> routes)
                .distinct()
                .sorted()
                .toList();
    }

    /** The port the server listens on (useful when started on port 0). */
    public int port() {
        return javalin.port();
    }

    /** Whether the server is started and listening. */
    public boolean listening() {
        return javalin.jettyServer().server().isStarted();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
