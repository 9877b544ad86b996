package org.mailpush.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.mailpush.json.InvalidInputException;
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
            // mailpush keeps nothing in HTTP sessions, but Javalin opens one for every WebSocket upgrade (to copy its
            // attributes), and Jetty would keep each forever: a terminal reconnecting daily would leak one a day.
            config.jetty.modifyServletContextHandler(context -> {
                var sessions = new NullSessionCache(context.getSessionHandler());
                sessions.setSessionDataStore(new NullSessionDataStore());
                context.getSessionHandler().setSessionCache(sessions);
            });
            routeGroups.forEach(group -> group.accept(config));
            config.routes.exception(InvalidInputException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST)
                    .json(Map.of("status", HttpStatus.BAD_REQUEST.getCode(), "message", e.getMessage(), "path", e.path())));
            config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                    error(ctx, HttpStatus.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage()));
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
     * Every route as "METHOD /path" (before- and after-handlers left out; a WebSocket as the GET it
     * starts with), e.g. to check the OpenAPI document.
     */
    public List<String> routes() {
        var router = javalin.unsafe.internalRouter;
        return java.util.stream.Stream.concat(
                        router.allHttpHandlers().stream()
                                .map(parsed -> parsed.endpoint)
                                .filter(endpoint -> endpoint.method.isHttpMethod())
                                .map(endpoint -> endpoint.method.name() + " " + endpoint.path),
                        router.allWsHandlers().stream()
                                .filter(ws -> ws.getType() == io.javalin.websocket.WsHandlerType.WEBSOCKET)
                                .map(ws -> "GET " + ws.getPath()))
                .distinct()
                .sorted()
                .toList();
    }

    /** The port the server listens on (useful when started on port 0). */
    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
