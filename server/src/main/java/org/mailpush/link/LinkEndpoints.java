package org.mailpush.link;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.mailpush.api.ApiServer;
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
        ApiServer.webSocket(config, WEBSOCKET, new WebSocketEndpoint(service, settings));
        config.routes.before(EVENTS, this::device);
        config.routes.sse(EVENTS, this::stream);
        config.routes.post(MESSAGES, this::post);
        config.routes.get("/api/link/mails/{mail}/raw", this::fetch);
    }

    private void stream(SseClient client) {
        Context ctx = client.ctx();
        Session session = service.open(new SseChannel(client));
        client.onClose(() -> service.closed(session));
        client.keepAlive();
        service.authenticate(session, bearer(ctx).orElseThrow(), lastAck(ctx), Optional.empty());
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
        // Never shown by a browser as a page of this origin, whatever it holds: saved as a file, and sandboxed if opened.
        ctx.header("Content-Disposition", "attachment; filename=\"mail-" + id.value() + ".eml\"");
        ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
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
