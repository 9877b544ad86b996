package org.mailpush.api;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import org.mailpush.access.ApiScope;
import org.mailpush.access.ApiToken;
import org.mailpush.access.ApiTokens;
import org.mailpush.access.InMemoryApiTokens;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.policy.InMemoryPolicyFromTerminals;
import org.mailpush.policy.PolicyFromTerminals;
import org.mailpush.user.Credentials;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * Who is asking the user API, and what they may do there:
 * <ul>
 * <li>a browser with its session cookie: everything of its user. A request that changes something
 * must also carry the session's CSRF token in {@value #CSRF_HEADER};</li>
 * <li>a script with a personal API token ({@code Authorization: Bearer mpt_...}): what the token's
 * scopes allow ({@link ApiScope}), never more — no tokens, no enrolling;</li>
 * <li>a terminal with its device token as bearer: the link, and its own calls only — its own device
 * and push channels, reading the policy, and setting it when the user lets terminals do so.</li>
 * </ul>
 * Everything else answers 403 with what it would take. A bearer token cannot be sent by another
 * site, so it needs no CSRF token.
 */
public final class UserAccess {
    static final String COOKIE = "mailpush_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    /** Personal API tokens begin so, device tokens never do. */
    static final String API_TOKEN_PREFIX = "mpt_";
    /** The last use of a personal token is written down at most this often. */
    private static final Duration USE_NOTED_EVERY = Duration.ofMinutes(1);

    /** The asker: the user, and the browser session, the device or the personal token they came with. */
    record Caller(UserId user, Optional<WebSessions.WebSession> session, Optional<DeviceId> device, Optional<ApiToken> token) {
        Caller(UserId user, Optional<WebSessions.WebSession> session, Optional<DeviceId> device) {
            this(user, session, device, Optional.empty());
        }
    }

    private final WebSessions sessions;
    private final UserDirectory users;
    private final Credentials credentials;
    private final DeviceTokens tokens;
    private final DeviceRegistry devices;
    private final ApiTokens apiTokens;
    private final PolicyFromTerminals policyFromTerminals;
    private final InstantSource clock;

    /** Without personal API tokens, and with terminals allowed to set the policy: for tests of other parts. */
    public UserAccess(WebSessions sessions, UserDirectory users, Credentials credentials, DeviceTokens tokens, DeviceRegistry devices) {
        this(sessions, users, credentials, tokens, devices, new InMemoryApiTokens(), new InMemoryPolicyFromTerminals(),
                InstantSource.system());
    }

    /** @param clock when a personal token was last used */
    public UserAccess(WebSessions sessions, UserDirectory users, Credentials credentials, DeviceTokens tokens, DeviceRegistry devices,
            ApiTokens apiTokens, PolicyFromTerminals policyFromTerminals, InstantSource clock) {
        this.sessions = sessions;
        this.users = users;
        this.credentials = credentials;
        this.tokens = tokens;
        this.devices = devices;
        this.apiTokens = apiTokens;
        this.policyFromTerminals = policyFromTerminals;
        this.clock = clock;
    }

    ApiTokens apiTokens() {
        return apiTokens;
    }

    WebSessions sessions() {
        return sessions;
    }

    /**
     * The user asking with a login session: what neither a personal API token nor a device token may
     * do (making tokens, enrolling). 401 when nobody is logged in, 403 for a token or a cookie
     * request that lacks its CSRF token.
     */
    UserId user(Context ctx) {
        Caller caller = caller(ctx);
        if (caller.session().isEmpty()) {
            throw new ForbiddenResponse(caller.device().isPresent() ? deviceRefusal(ctx, "a login session")
                    : ctx.method() + " " + ctx.path() + " needs a login session (POST /api/session); an API token cannot do it");
        }
        return caller.user();
    }

    /** The user asking with a login session, or a personal API token with this scope; 403 for other tokens. */
    UserId user(Context ctx, ApiScope scope) {
        Caller caller = caller(ctx);
        if (caller.device().isPresent()) {
            throw new ForbiddenResponse(deviceRefusal(ctx, "a login session or a personal API token with scope '" + scope.token() + "'"));
        }
        checkScope(ctx, caller, scope);
        return caller.user();
    }

    /** As {@link #user(Context, ApiScope)}, and a device token of the user too: a terminal's own call. */
    UserId userOrTerminal(Context ctx, ApiScope scope) {
        Caller caller = caller(ctx);
        checkScope(ctx, caller, scope);
        return caller.user();
    }

    /**
     * Who may replace the policy: as {@link #user(Context, ApiScope)} with scope {@code policy}, and a
     * device token of a user who lets terminals set the policy (SPEC T6, {@link PolicyFromTerminals}).
     */
    UserId policySetter(Context ctx) {
        Caller caller = caller(ctx);
        if (caller.device().isPresent() && !policyFromTerminals.allowed(caller.user())) {
            throw new ForbiddenResponse("user '" + caller.user() + "' does not let terminals set the policy "
                    + "(PUT /api/policy/terminals {\"allowed\": true} allows it); use a login session or a personal API token with scope 'policy'");
        }
        checkScope(ctx, caller, ApiScope.POLICY);
        return caller.user();
    }

    PolicyFromTerminals policyFromTerminals() {
        return policyFromTerminals;
    }

    private static void checkScope(Context ctx, Caller caller, ApiScope scope) {
        if (caller.token().isPresent() && !caller.token().get().allows(scope)) {
            throw new ForbiddenResponse("this API token lacks the scope '" + scope.token() + "' that "
                    + ctx.method() + " " + ctx.path() + " needs");
        }
    }

    private static String deviceRefusal(Context ctx, String needs) {
        return "a device token opens the terminal link and its terminal's own calls only; " + ctx.method() + " " + ctx.path()
                + " needs " + needs;
    }

    /** The caller's device named in the path parameter {@code device}; 404 for another user's, exactly as for none. */
    Device device(Context ctx, ApiScope scope) {
        return device(ctx, user(ctx, scope));
    }

    private Device device(Context ctx, UserId user) {
        DeviceId id = Json.id(ctx, "device", DeviceId::new, "device");
        return devices.find(id).filter(d -> d.owner().equals(user))
                .orElseThrow(() -> new NotFoundResponse("no device '" + id + "'"));
    }

    /**
     * As {@link #device}, for what a terminal may do only for itself: with a device token, the device
     * named must be the token's own (403 otherwise); with the user's session or a personal token
     * with this scope, any of the user's.
     */
    Device ownDevice(Context ctx, ApiScope scope) {
        Caller caller = caller(ctx);
        checkScope(ctx, caller, scope);
        Device device = device(ctx, caller.user());
        Optional<DeviceId> token = caller.device();
        if (token.isPresent() && !token.get().equals(device.id())) {
            throw new ForbiddenResponse("a device token acts for its own device only, not for '" + device.id() + "'");
        }
        return device;
    }

    Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        Caller caller;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String bearer = header.substring(7).strip();
            caller = bearer.startsWith(API_TOKEN_PREFIX) ? personal(bearer)
                    : tokens.deviceOf(TokenHash.of(bearer))
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

    private Caller personal(String bearer) {
        ApiToken token = apiTokens.find(TokenHash.of(bearer)).orElseThrow(() -> new UnauthorizedResponse("unknown or revoked token"));
        Instant now = clock.instant();
        if (token.lastUsed().map(last -> !now.isBefore(last.plus(USE_NOTED_EVERY))).orElse(true)) {
            apiTokens.used(token.id(), now);
        }
        return new Caller(token.user(), Optional.empty(), Optional.empty(), Optional.of(token));
    }

    private static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
