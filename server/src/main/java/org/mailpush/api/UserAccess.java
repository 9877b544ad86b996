package org.mailpush.api;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.user.Credentials;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * Who is asking the user API: a browser with its session cookie, or a script with the token of one
 * of the user's devices as bearer ({@code Authorization: Bearer <device token>}). A request that
 * changes something with the cookie must also carry the session's CSRF token in
 * {@value #CSRF_HEADER}; a bearer token cannot be sent by another site, so it needs none.
 */
public final class UserAccess {
    static final String COOKIE = "mailpush_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    /** The asker: the user, and the browser session or the device whose token they came with. */
    record Caller(UserId user, Optional<WebSessions.WebSession> session, Optional<DeviceId> device) {}

    private final WebSessions sessions;
    private final UserDirectory users;
    private final Credentials credentials;
    private final DeviceTokens tokens;
    private final DeviceRegistry devices;

    public UserAccess(WebSessions sessions, UserDirectory users, Credentials credentials, DeviceTokens tokens, DeviceRegistry devices) {
        this.sessions = sessions;
        this.users = users;
        this.credentials = credentials;
        this.tokens = tokens;
        this.devices = devices;
    }

    WebSessions sessions() {
        return sessions;
    }

    /** The user asking; 401 when nobody is logged in, 403 when a cookie request lacks its CSRF token. */
    UserId user(Context ctx) {
        return caller(ctx).user();
    }

    /** The caller's device named in the path parameter {@code device}; 404 for another user's, exactly as for none. */
    Device device(Context ctx) {
        UserId user = user(ctx);
        DeviceId id = Json.id(ctx, "device", DeviceId::new, "device");
        return devices.find(id).filter(d -> d.owner().equals(user))
                .orElseThrow(() -> new NotFoundResponse("no device '" + id + "'"));
    }

    /**
     * As {@link #device}, for what a terminal may do only for itself: with a device token, the device
     * named must be the token's own (403 otherwise); with the user's session, any of the user's.
     */
    Device ownDevice(Context ctx) {
        Optional<DeviceId> token = caller(ctx).device();
        Device device = device(ctx);
        if (token.isPresent() && !token.get().equals(device.id())) {
            throw new ForbiddenResponse("a device token acts for its own device only, not for '" + device.id() + "'");
        }
        return device;
    }

    Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        Caller caller;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = tokens.deviceOf(TokenHash.of(header.substring(7).strip()))
                    .flatMap(devices::find)
                    .map(device -> new Caller(device.owner(), Optional.empty(), Optional.of(device.id())))
                    .orElseThrow(() -> new UnauthorizedResponse("unknown or revoked token"));
        } else {
            String cookie = ctx.cookie(COOKIE);
            WebSessions.WebSession session = sessions.find(cookie)
                    .orElseThrow(() -> new UnauthorizedResponse("log in first (POST /api/session), or send 'Authorization: Bearer <device token>'"));
            // The password the session was opened with must still be the user's: a new password, or a user removed and
            // added again under the same id, ends it.
            if (!credentials.of(session.user()).map(WebSessions::credentialOf).filter(session.credential()::equals).isPresent()) {
                sessions.close(cookie);
                throw new UnauthorizedResponse("the session ended: the password changed or the user was removed; log in again");
            }
            if (!SAFE.contains(ctx.method()) && !matches(session.csrfToken(), ctx.header(CSRF_HEADER))) {
                throw new ForbiddenResponse("a request that changes something needs the session's CSRF token in " + CSRF_HEADER);
            }
            caller = new Caller(session.user(), Optional.of(session), Optional.empty());
        }
        if (users.find(caller.user()).isEmpty()) {
            throw new UnauthorizedResponse("user '" + caller.user() + "' no longer exists");
        }
        return caller;
    }

    private static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
