package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.TooManyRequestsResponse;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.mailpush.auth.Authenticator;
import org.mailpush.json.UserJson;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * Logging in and out of the web app: {@code POST /api/session} with the user's id and password sets
 * an HttpOnly, SameSite=Strict session cookie (Secure behind HTTPS) and answers the CSRF token;
 * {@code DELETE /api/session} logs out; {@code GET /api/me} says who is logged in.
 */
public final class SessionApi implements Consumer<JavalinConfig> {
    private final Authenticator authenticator;
    private final UserAccess access;
    private final UserDirectory users;

    public SessionApi(Authenticator authenticator, UserAccess access, UserDirectory users) {
        this.authenticator = authenticator;
        this.access = access;
        this.users = users;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.post("/api/session", this::login);
        config.routes.delete("/api/session", this::logout);
        config.routes.get("/api/me", this::me);
    }

    private void login(Context ctx) throws IOException {
        // A form on another site cannot send JSON without a CORS preflight, which is never granted.
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new BadRequestResponse("log in with a JSON body: {\"user\": ..., \"password\": ...}");
        }
        JsonNode body = Json.body(ctx);
        if (!body.path("user").isTextual() || !body.path("password").isTextual()) {
            throw new BadRequestResponse(body.path("user").isTextual() ? "password: must be a string" : "user: must be a string");
        }
        Authenticator.Outcome.Authenticated authenticated = switch (authenticator.login(body.get("user").asText(),
                body.get("password").asText(), ctx.ip())) {
            case Authenticator.Outcome.Authenticated ok -> ok;
            case Authenticator.Outcome.Refused refused -> throw new UnauthorizedResponse("wrong user or password");
            case Authenticator.Outcome.Throttled throttled -> {
                long seconds = Math.max(1, throttled.retryAfter().toSeconds());
                ctx.header("Retry-After", Long.toString(seconds));
                throw new TooManyRequestsResponse("too many failed logins; try again in " + seconds + " s");
            }
        };
        UserId user = authenticated.user();
        WebSessions.Opened opened = access.sessions().open(user, authenticated.credential());
        Cookie cookie = new Cookie(UserAccess.COOKIE, opened.id(), "/", -1, secure(ctx), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(me(user, opened.session().csrfToken()));
    }

    private void logout(Context ctx) {
        access.caller(ctx);
        access.sessions().close(ctx.cookie(UserAccess.COOKIE));
        ctx.cookie(new Cookie(UserAccess.COOKIE, "", "/", 0, secure(ctx), true, null, SameSite.STRICT));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void me(Context ctx) {
        UserAccess.Caller caller = access.caller(ctx);
        ctx.json(me(caller.user(), caller.session().map(WebSessions.WebSession::csrfToken).orElse(null)));
    }

    private ObjectNode me(UserId user, String csrfToken) {
        ObjectNode json = Json.object();
        json.set("user", UserJson.write(users.find(user).orElseThrow(() -> new UnauthorizedResponse("no user '" + user + "'"))));
        if (csrfToken != null) {
            json.put("csrfToken", csrfToken);
        }
        return json;
    }

    /**
     * Behind a TLS-terminating proxy the request arrives as plain HTTP, with the proxy's header: the
     * scheme is resolved from it only when the proxy is in {@code http.trusted-proxies} (see ApiServer).
     */
    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }
}
