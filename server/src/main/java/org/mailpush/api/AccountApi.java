package org.mailpush.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.mailpush.access.ApiScope;
import org.mailpush.admin.Administration;
import org.mailpush.json.AccountJson;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.user.UserId;

/**
 * The user's own upstream mailboxes under {@code /api/accounts} (separate mode, SPEC S1): list, add
 * (watched at once) and remove them. The password is taken, never shown.
 */
public final class AccountApi implements Consumer<JavalinConfig> {
    private final UserAccess access;
    private final Administration admin;

    public AccountApi(UserAccess access, Administration admin) {
        this.access = access;
        this.admin = admin;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/api/accounts", ctx ->
                ctx.json(admin.accountsOf(access.user(ctx, ApiScope.ACCOUNTS)).stream().map(AccountJson::write).toList()));
        config.routes.post("/api/accounts", this::add);
        config.routes.delete("/api/accounts/{account}", this::remove);
    }

    private void add(Context ctx) throws IOException {
        UserId user = access.user(ctx, ApiScope.ACCOUNTS);
        var document = Json.body(ctx);
        UpstreamAccount account;
        try {
            account = admin.addAccount(user, AccountJson.read(document), AccountJson.insecure(document))
                    .orElseThrow(() -> new NotFoundResponse("no user '" + user + "'"));
        } catch (IllegalArgumentException refused) {
            throw new io.javalin.http.BadRequestResponse(refused.getMessage());
        }
        ctx.status(HttpStatus.CREATED).json(AccountJson.write(account));
    }

    private void remove(Context ctx) {
        UserId user = access.user(ctx, ApiScope.ACCOUNTS);
        UpstreamAccountId id = Json.id(ctx, "account", text -> new UpstreamAccountId(Long.parseLong(text)), "account");
        boolean own = admin.accountsOf(user).stream().anyMatch(a -> a.id().equals(id));
        if (!own || !admin.removeAccount(id)) {
            throw new NotFoundResponse("no account " + ctx.pathParam("account"));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
