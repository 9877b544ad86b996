package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.mailpush.access.ApiScope;
import org.mailpush.access.ApiToken;
import org.mailpush.access.ApiTokenId;
import org.mailpush.access.ApiTokens;
import org.mailpush.device.TokenHash;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/**
 * Personal API tokens: {@code /api/tokens} for the logged-in user (a login session only: no token
 * makes or lists tokens), and {@code /api/admin/users/{user}/tokens} with the admin token, which the
 * command line uses. A new token is answered once, in {@code token}; the server keeps its hash.
 */
public final class TokenApi implements Consumer<JavalinConfig> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccess access;
    private final AdminToken adminToken;
    private final UserDirectory users;
    private final InstantSource clock;

    public TokenApi(UserAccess access, AdminToken adminToken, UserDirectory users, InstantSource clock) {
        this.access = access;
        this.adminToken = adminToken;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/api/tokens", ctx -> ctx.json(list(access.user(ctx))));
        config.routes.post("/api/tokens", ctx -> create(ctx, access.user(ctx)));
        config.routes.delete("/api/tokens/{token}", ctx -> revoke(ctx, access.user(ctx)));
        config.routes.get("/api/admin/users/{user}/tokens", ctx -> ctx.json(list(adminUser(ctx))));
        config.routes.post("/api/admin/users/{user}/tokens", ctx -> create(ctx, adminUser(ctx)));
        config.routes.delete("/api/admin/users/{user}/tokens/{token}", ctx -> revoke(ctx, adminUser(ctx)));
    }

    private ArrayNode list(UserId user) {
        ArrayNode json = Json.array();
        tokens().of(user).forEach(token -> json.add(describe(token)));
        return json;
    }

    /** {@code {"name": "backup script", "scopes": ["mail:read"]}} → the token's description with {@code token}, shown this once. */
    private void create(Context ctx, UserId user) throws IOException {
        JsonNode body = Json.body(ctx);
        if (!body.isObject() || !body.path("name").isTextual()) {
            throw new BadRequestResponse("name: must be a string; the body is {\"name\": ..., \"scopes\": [...]}");
        }
        if (!body.path("scopes").isArray() || body.get("scopes").isEmpty()) {
            throw new BadRequestResponse("scopes: must be a list of at least one of " + scopeWords());
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (JsonNode scope : body.get("scopes")) {
            try {
                scopes.add(ApiScope.of(scope.isTextual() ? scope.asText() : scope.toString()));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("scopes: " + e.getMessage());
            }
        }
        String name;
        try {
            name = ApiToken.checkName(body.get("name").asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("name: " + e.getMessage());
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = UserAccess.API_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken issued = tokens().issue(user, name, scopes, TokenHash.of(token), clock.instant());
        ctx.status(HttpStatus.CREATED).json(describe(issued).put("token", token));
    }

    private void revoke(Context ctx, UserId user) {
        String text = ctx.pathParam("token");
        ApiTokenId id;
        try {
            id = ApiTokenId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("no token " + text);
        }
        if (!tokens().revoke(user, id)) {
            throw new NotFoundResponse("no token " + text);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private ApiTokens tokens() {
        return access.apiTokens();
    }

    private UserId adminUser(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ") || !adminToken.matches(header.substring(7).strip())) {
            throw new UnauthorizedResponse("the admin API needs 'Authorization: Bearer <admin token>'");
        }
        String text = ctx.pathParam("user");
        try {
            UserId user = new UserId(text);
            if (users.find(user).isPresent()) {
                return user;
            }
        } catch (IllegalArgumentException e) {
            // not a user id: there is no such user
        }
        throw new NotFoundResponse("no user '" + text + "'");
    }

    /** A token as the API shows it: never the token itself, which only its creation answers. */
    static ObjectNode describe(ApiToken token) {
        ObjectNode json = Json.object();
        json.put("id", token.id().value());
        json.put("user", token.user().value());
        json.put("name", token.name());
        ArrayNode scopes = json.putArray("scopes");
        token.scopes().stream().sorted().map(ApiScope::token).forEach(scopes::add);
        json.put("created", token.created().toString());
        if (token.lastUsed().isPresent()) {
            json.put("lastUsed", token.lastUsed().get().toString());
        } else {
            json.putNull("lastUsed");
        }
        return json;
    }

    private static String scopeWords() {
        return String.join(", ", java.util.Arrays.stream(ApiScope.values()).map(ApiScope::token).toList());
    }
}
