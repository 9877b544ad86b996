package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.net.URI;
import java.time.InstantSource;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mailpush.access.ApiScope;
import org.mailpush.device.Device;
import org.mailpush.device.PushChannel;
import org.mailpush.device.PushChannels;

/**
 * A terminal's push channels (Web Push, UnifiedPush) under {@code /api/devices/{device}/push-channels},
 * for the user's session or the device's own token (not another device's); and the server's VAPID public key at
 * {@code /api/push/vapid-key}, which a browser needs to subscribe. A subscription is checked before it
 * is kept: its endpoint may be refused (not https, a private address) with the reason.
 */
public final class PushChannelApi implements Consumer<JavalinConfig> {
    private final UserAccess access;
    private final PushChannels channels;
    private final String vapidPublicKey;
    private final Function<PushChannel, String> refusal;
    private final InstantSource clock;

    /**
     * @param vapidPublicKey the server's VAPID public key, base64url (RFC 8292)
     * @param refusal        why a subscription cannot be used, or an empty string when it can
     */
    public PushChannelApi(UserAccess access, PushChannels channels, String vapidPublicKey, Function<PushChannel, String> refusal,
            InstantSource clock) {
        this.access = access;
        this.channels = channels;
        this.vapidPublicKey = vapidPublicKey;
        this.refusal = refusal;
        this.clock = clock;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/api/push/vapid-key", ctx -> ctx.json(Json.object().put("publicKey", vapidPublicKey)));
        config.routes.get("/api/devices/{device}/push-channels", ctx -> {
            Device device = access.ownDevice(ctx, ApiScope.DEVICES);
            ctx.json(channels.of(device.id()).stream().map(PushChannelApi::describe).toList());
        });
        config.routes.post("/api/devices/{device}/push-channels", this::add);
        config.routes.delete("/api/devices/{device}/push-channels", this::remove);
    }

    /**
     * {@code {"kind": "web-push", "endpoint": "https://...", "keys": {"p256dh": "...", "auth": "..."}}}: a Push API
     * subscription's JSON; the kinds without keys ({@code apns}, {@code fcm}, {@code sms}, {@code webhook}) give the kind and endpoint only.
     */
    private void add(Context ctx) throws IOException {
        Device device = access.ownDevice(ctx, ApiScope.DEVICES);
        JsonNode body = Json.body(ctx);
        PushChannel channel;
        try {
            PushChannel.Kind kind = PushChannel.Kind.of(text(body, "kind", "web-push"));
            boolean keyed = kind == PushChannel.Kind.WEB_PUSH || kind == PushChannel.Kind.UNIFIED_PUSH;
            channel = new PushChannel(device.id(), kind, URI.create(text(body, "endpoint", null)),
                    keyed ? text(body.path("keys"), "p256dh", null) : "", keyed ? text(body.path("keys"), "auth", null) : "");
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        String refused = refusal.apply(channel);
        if (!refused.isEmpty()) {
            throw new BadRequestResponse("endpoint: " + refused);
        }
        channels.add(channel, clock.instant());
        ctx.status(HttpStatus.CREATED).json(describe(channel));
    }

    /** {@code ?endpoint=...}: the channel to remove, as the subscription gave it. */
    private void remove(Context ctx) {
        Device device = access.ownDevice(ctx, ApiScope.DEVICES);
        String endpoint = ctx.queryParam("endpoint");
        if (endpoint == null) {
            throw new BadRequestResponse("endpoint: the channel's endpoint is required as a query parameter");
        }
        if (!channels.remove(device.id(), URI.create(endpoint))) {
            throw new NotFoundResponse("device '" + device.id() + "' has no push channel with that endpoint");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (otherwise == null) {
                throw new IllegalArgumentException(field + ": required");
            }
            return otherwise;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return value.asText();
    }

    /** The channel as the API shows it: its kind and where it goes; the keys stay on the server. */
    private static ObjectNode describe(PushChannel channel) {
        ObjectNode json = Json.object();
        json.put("kind", channel.kind().token());
        json.put("endpoint", channel.endpoint().toString());
        return json;
    }

}
