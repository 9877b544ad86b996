package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.TooManyRequestsResponse;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;
import org.mailpush.access.ApiScope;
import org.mailpush.admin.Administration;
import org.mailpush.auth.Authenticator;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.json.DeviceJson;
import org.mailpush.presence.ReportStore;
import org.mailpush.user.UserId;

/**
 * A user's own terminals under {@code /api/devices}: list them with their state and its evidence,
 * the history of a terminal's states over the last hours, enrol one, rename it or change its capabilities, revoke it. Enrolling takes the user's credentials
 * (HTTP Basic, for a terminal enrolling itself, docs/protocol.md) or the web session; every other
 * route takes the session or a bearer device token (see {@link UserAccess}). A device of another user
 * is answered as if it did not exist.
 */
public final class DeviceApi implements Consumer<JavalinConfig> {
    private static final Set<String> CHANGEABLE = Set.of("name", "capabilities");

    private final Authenticator authenticator;
    private final UserAccess access;
    private final Administration admin;
    private final TerminalStates states;

    public DeviceApi(Authenticator authenticator, UserAccess access, Administration admin, TerminalStates states) {
        this.authenticator = authenticator;
        this.access = access;
        this.admin = admin;
        this.states = states;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/api/devices", ctx -> {
            UserId user = access.user(ctx, ApiScope.DEVICES);
            ctx.json(admin.devicesOf(user).stream().map(states::describe).toList());
        });
        config.routes.post("/api/devices", this::enrol);
        config.routes.get("/api/devices/{device}", ctx -> ctx.json(states.describe(access.ownDevice(ctx, ApiScope.DEVICES))));
        config.routes.get("/api/devices/{device}/history", ctx -> ctx.json(states.history(access.ownDevice(ctx, ApiScope.DEVICES), hours(ctx))));
        config.routes.patch("/api/devices/{device}", this::change);
        config.routes.delete("/api/devices/{device}", this::revoke);
    }

    private void enrol(Context ctx) throws IOException {
        String header = ctx.header("Authorization");
        UserId user = header != null && header.regionMatches(true, 0, "Basic ", 0, 6) ? basicUser(ctx, header) : access.user(ctx);
        Device device = DeviceJson.read(Json.body(ctx), user);
        Administration.Enrolled enrolled = admin.enrolDevice(device)
                // Answered as for any id the caller cannot see, so that it tells nothing of another user's devices (SPEC X8).
                .orElseThrow(() -> new NotFoundResponse("no device '" + device.id() + "'"));
        ObjectNode json = Json.object();
        json.set("device", states.describe(enrolled.device()));
        json.put("token", enrolled.token());
        ctx.status(HttpStatus.CREATED).json(json);
    }

    /** The {@code hours} query parameter of a state history: 1–24 (the report store keeps a day), by default 6. */
    private static int hours(Context ctx) {
        String text = ctx.queryParam("hours");
        if (text == null) {
            return 6;
        }
        try {
            int hours = Integer.parseInt(text);
            if (hours >= 1 && hours <= ReportStore.HISTORY.toHours()) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse("hours: must be a whole number from 1 to " + ReportStore.HISTORY.toHours() + ", got '" + text + "'");
    }

    /** Renames a device or changes its capabilities: {@code {"name": ..., "capabilities": {...}}}, each optional. */
    private void change(Context ctx) throws IOException {
        Device device = access.device(ctx, ApiScope.DEVICES);
        UserId user = device.owner();
        JsonNode body = Json.body(ctx);
        if (!body.isObject()) {
            throw new BadRequestResponse("must be an object with 'name' and/or 'capabilities'");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CHANGEABLE.contains(name)) {
                throw new BadRequestResponse(name + ": unknown field (expected one of capabilities, name)");
            }
        }
        String name = device.name();
        if (body.has("name")) {
            if (!body.get("name").isTextual()) {
                throw new BadRequestResponse("name: must be a string");
            }
            name = body.get("name").asText().strip();
        }
        Capabilities capabilities = body.has("capabilities") ? DeviceJson.capabilities(body.get("capabilities"), "capabilities")
                : device.capabilities();
        Device changed;
        try {
            changed = new Device(device.id(), user, name, device.type(), capabilities, device.addresses());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("name: " + e.getMessage());
        }
        if (!admin.updateDevice(changed)) {
            throw new NotFoundResponse("no device '" + device.id() + "'");
        }
        ctx.json(states.describe(changed));
    }

    private void revoke(Context ctx) {
        Device device = access.device(ctx, ApiScope.DEVICES);
        UserId user = device.owner();
        if (!admin.revokeDevice(user, device.id())) {
            throw new NotFoundResponse("no device '" + device.id() + "'");
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }


    private UserId basicUser(Context ctx, String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized(ctx, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw unauthorized(ctx, "malformed Basic credentials");
        }
        return switch (authenticator.login(decoded.substring(0, colon), decoded.substring(colon + 1), ctx.ip())) {
            case Authenticator.Outcome.Authenticated ok -> ok.user();
            case Authenticator.Outcome.Refused refused -> throw unauthorized(ctx, "wrong user or password");
            case Authenticator.Outcome.Throttled throttled -> {
                long seconds = Math.max(1, throttled.retryAfter().toSeconds());
                ctx.header("Retry-After", Long.toString(seconds));
                throw new TooManyRequestsResponse("too many failed logins; try again in " + seconds + " s");
            }
        };
    }

    private static UnauthorizedResponse unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Basic realm=\"mailpush\", charset=\"UTF-8\"");
        return new UnauthorizedResponse(message);
    }
}
