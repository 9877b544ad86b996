package org.mailpush.link;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsContext;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;

/**
 * The terminal link over HTTP (docs/protocol.md): the WebSocket at {@code /api/link}, the SSE stream
 * and POST fallback, and the authenticated fetch of a mail too large to push.
 */
final class LinkEndpoints implements Consumer<JavalinConfig> {
    static final String WEBSOCKET = "/api/link";
    static final String EVENTS = "/api/link/events";
    static final String MESSAGES = "/api/link/messages";
    private static final String SESSION = "mailpush.session";

    private final LinkService service;
    private final Terminals terminals;
    private final DeviceTokens tokens;
    private final DeviceRegistry devices;
    private final MailStore mails;
    private final LinkSettings settings;

    LinkEndpoints(LinkService service, Terminals terminals, DeviceTokens tokens, DeviceRegistry devices, MailStore mails,
            LinkSettings settings) {
        this.service = service;
        this.terminals = terminals;
        this.tokens = tokens;
        this.devices = devices;
        this.mails = mails;
        this.settings = settings;
    }

    static String fetchPath(MailId mail) {
        return "/api/link/mails/" + mail.value() + "/raw";
    }

    @Override
    public void accept(JavalinConfig config) {
        // Jetty's own limit only guards memory; the link's smaller limit answers with an error first.
        config.jetty.modifyWebSocketServletFactory(factory -> factory.setMaxTextMessageSize(4L * settings.maxMessageBytes()));
        config.routes.wsBeforeUpgrade(WEBSOCKET, this::checkOrigin);
        config.routes.ws(WEBSOCKET, ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(settings.heartbeat().multipliedBy(3));
                ctx.attribute(SESSION, service.open(new WebSocketChannel(ctx)));
            });
            ws.onMessage(ctx -> service.receive(ctx.attribute(SESSION), ctx.message()));
            ws.onClose(ctx -> service.closed(ctx.attribute(SESSION)));
            ws.onError(ctx -> {
                Session session = ctx.attribute(SESSION);
                if (session != null) {
                    service.closed(session);
                }
            });
        });
        config.routes.before(EVENTS, this::device);
        config.routes.sse(EVENTS, this::stream);
        config.routes.post(MESSAGES, this::post);
        config.routes.get("/api/link/mails/{mail}/raw", this::fetch);
    }

    private void checkOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String own = ctx.scheme() + "://" + ctx.host();
        if (!origin.equalsIgnoreCase(own) && settings.allowedOrigins().stream().noneMatch(origin::equalsIgnoreCase)) {
            throw new ForbiddenResponse("origin " + origin + " may not open the terminal link");
        }
    }

    private void stream(SseClient client) {
        Context ctx = client.ctx();
        Session session = service.open(new SseChannel(client));
        client.onClose(() -> service.closed(session));
        client.keepAlive();
        service.authenticate(session, bearer(ctx).orElseThrow(), lastAck(ctx));
    }

    private void post(Context ctx) {
        Device device = device(ctx);
        Session session = terminals.session(device.id())
                .orElseThrow(() -> new io.javalin.http.ConflictResponse("open " + EVENTS + " before posting messages"));
        service.receive(session, ctx.body());
        ctx.status(202);
    }

    private void fetch(Context ctx) {
        Device device = device(ctx);
        MailId id;
        try {
            id = MailId.parse(ctx.pathParam("mail"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("no such mail");
        }
        byte[] raw = mails.raw(device.owner(), id).orElseThrow(() -> new NotFoundResponse("no such mail"));
        ctx.contentType("message/rfc822").result(raw);
    }

    private Device device(Context ctx) {
        return bearer(ctx)
                .flatMap(token -> tokens.deviceOf(TokenHash.of(token)))
                .flatMap(devices::find)
                .orElseThrow(() -> new UnauthorizedResponse("the terminal link needs 'Authorization: Bearer <device token>'"));
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.startsWith("Bearer ") ? Optional.of(header.substring(7).strip()) : Optional.empty();
    }

    private static long lastAck(Context ctx) {
        String text = Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastAck"));
        try {
            return text == null ? 0 : Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private record WebSocketChannel(WsContext ctx) implements Channel {
        @Override
        public void send(String json, OptionalLong seq) {
            ctx.send(json);
        }

        @Override
        public void close(int code, String reason) {
            ctx.closeSession(code, reason);
        }
    }

    private record SseChannel(SseClient client) implements Channel {
        @Override
        public void send(String json, OptionalLong seq) {
            if (!client.terminated()) {
                client.sendEvent("message", json, seq.isPresent() ? Long.toString(seq.getAsLong()) : null);
            }
        }

        @Override
        public void close(int code, String reason) {
            client.close();
        }
    }
}
