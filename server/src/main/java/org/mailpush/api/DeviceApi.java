package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import org.mailpush.admin.Administration;
import org.mailpush.auth.Authenticator;
import org.mailpush.device.Device;
import org.mailpush.json.DeviceJson;
import org.mailpush.user.UserId;

/**
 * {@code POST /api/devices}: a user enrols a terminal with their own credentials (HTTP Basic) and
 * gets its token (docs/protocol.md, Enrolment).
 */
public final class DeviceApi implements Consumer<JavalinConfig> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Authenticator authenticator;
    private final Administration admin;

    public DeviceApi(Authenticator authenticator, Administration admin) {
        this.authenticator = authenticator;
        this.admin = admin;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.post("/api/devices", this::enrol);
    }

    private void enrol(Context ctx) throws IOException {
        UserId user = basicUser(ctx);
        JsonNode body = JSON.readTree(ctx.bodyAsBytes());
        if (body == null || body.isMissingNode()) {
            throw new io.javalin.http.BadRequestResponse("the request needs the device as JSON");
        }
        Device device = DeviceJson.read(body, user);
        Administration.Enrolled enrolled = admin.enrolDevice(device)
                .orElseThrow(() -> new ConflictResponse("device id '" + device.id() + "' belongs to another user"));
        var json = JSON.createObjectNode();
        json.set("device", DeviceJson.write(enrolled.device()));
        json.put("token", enrolled.token());
        ctx.status(HttpStatus.CREATED).json(json);
    }

    private UserId basicUser(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized(ctx, "enrolling a device needs the user's credentials (HTTP Basic)");
        }
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
                ctx.header("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
                throw new io.javalin.http.TooManyRequestsResponse("too many failed logins; try again in "
                        + Math.max(1, throttled.retryAfter().toSeconds()) + " s");
            }
        };
    }

    private static io.javalin.http.UnauthorizedResponse unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Basic realm=\"mailpush\", charset=\"UTF-8\"");
        return new io.javalin.http.UnauthorizedResponse(message);
    }
}
