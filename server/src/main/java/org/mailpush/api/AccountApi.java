package org.mailpush.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mailpush.access.ApiScope;
import org.mailpush.admin.Administration;
import org.mailpush.ingest.upstream.LoginCheck;
import org.mailpush.ingest.upstream.WatcherStatus;
import org.mailpush.json.AccountJson;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.user.UserId;

/**
 * The user's own upstream mailboxes under {@code /api/accounts} (separate mode, SPEC S1): list them with
 * what their watchers are doing, add one (watched at once), try a login before adding or for one
 * added, and remove one. The password is taken, never shown.
 */
public final class AccountApi implements Consumer<JavalinConfig> {
    private final UserAccess access;
    private final Administration admin;
    private final LoginCheck check;
    private final Function<UpstreamAccountId, Optional<WatcherStatus>> watchers;

    /** @param watchers the status of an account's watcher, empty when it is not watched */
    public AccountApi(UserAccess access, Administration admin, LoginCheck check,
            Function<UpstreamAccountId, Optional<WatcherStatus>> watchers) {
        this.access = access;
        this.admin = admin;
        this.check = check;
        this.watchers = watchers;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/api/accounts", ctx ->
                ctx.json(admin.accountsOf(access.user(ctx, ApiScope.ACCOUNTS)).stream().map(this::write).toList()));
        config.routes.post("/api/accounts", this::add);
        config.routes.post("/api/accounts/test", this::tryNew);
        config.routes.post("/api/accounts/{account}/test", this::tryAdded);
        config.routes.delete("/api/accounts/{account}", this::remove);
    }

    /** The account with its watcher's status: {@code "watcher": {"status": "failed", "reason": ..., "nextAttempt": ...}}. */
    private ObjectNode write(UpstreamAccount account) {
        ObjectNode json = AccountJson.write(account);
        watchers.apply(account.id()).ifPresentOrElse(status -> json.set("watcher", watcher(status)), () -> json.putNull("watcher"));
        return json;
    }

    static ObjectNode watcher(WatcherStatus status) {
        ObjectNode json = Json.object();
        switch (status) {
            case WatcherStatus.Connecting connecting -> json.put("status", "connecting").put("since", connecting.since().toString());
            case WatcherStatus.Idle idle -> json.put("status", "idle").put("since", idle.since().toString());
            case WatcherStatus.Polling polling -> json.put("status", "polling").put("nextPoll", polling.nextPoll().toString());
            case WatcherStatus.Failed failed -> json.put("status", "failed").put("reason", failed.reason())
                    .put("nextAttempt", failed.nextAttempt().toString());
            case WatcherStatus.GaveUp gaveUp -> json.put("status", "gave-up").put("reason", gaveUp.reason())
                    .put("attempts", gaveUp.attempts()).put("since", gaveUp.since().toString());
            case WatcherStatus.Paused paused -> json.put("status", "paused").put("reason", paused.reason())
                    .put("nextAttempt", paused.nextAttempt().toString());
            case WatcherStatus.Stopped stopped -> json.put("status", "stopped").put("since", stopped.since().toString());
        }
        return json;
    }

    /** Tries the login of an account described as for adding it, without adding it. */
    private void tryNew(Context ctx) throws IOException {
        access.user(ctx, ApiScope.ACCOUNTS);
        var document = Json.body(ctx);
        UpstreamServer server = AccountJson.read(document);
        ctx.json(result(check.check(server, AccountJson.insecure(document))));
    }

    /** Tries the login of an account added already, with the password it was added with. */
    private void tryAdded(Context ctx) {
        UpstreamAccount account = own(ctx);
        // Added, so the guard let it be added: a plain-text login was allowed or confirmed then.
        ctx.json(result(check.check(account.server(), true)));
    }

    private static ObjectNode result(LoginCheck.Result result) {
        return Json.object().put("ok", result.ok()).put("message", result.message());
    }

    private UpstreamAccount own(Context ctx) {
        UserId user = access.user(ctx, ApiScope.ACCOUNTS);
        UpstreamAccountId id = Json.id(ctx, "account", text -> new UpstreamAccountId(Long.parseLong(text)), "account");
        return admin.accountsOf(user).stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundResponse("no account " + ctx.pathParam("account")));
    }

    private void add(Context ctx) throws IOException {
        UserId user = access.user(ctx, ApiScope.ACCOUNTS);
        var document = Json.body(ctx);
        UpstreamServer server = AccountJson.read(document);
        UpstreamAccount account;
        try {
            account = admin.addAccount(user, server, AccountJson.insecure(document))
                    .orElseThrow(() -> new NotFoundResponse("no user '" + user + "'"));
        } catch (IllegalArgumentException refused) {
            // The host is refused (a private address, plaintext not confirmed): the document itself was well formed.
            throw new BadRequestResponse(refused.getMessage());
        }
        ctx.status(HttpStatus.CREATED).json(write(account));
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
