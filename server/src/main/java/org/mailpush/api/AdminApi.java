package org.mailpush.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.mailpush.admin.Administration;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.json.AccountJson;
import org.mailpush.json.DeviceJson;
import org.mailpush.json.UserJson;
import org.mailpush.mail.MailId;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.StoredMail;
import org.mailpush.push.Outbox;
import org.mailpush.push.PlanStore;
import org.mailpush.upstream.UpstreamAccount;
import org.mailpush.upstream.UpstreamAccountId;
import org.mailpush.upstream.UpstreamServer;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/**
 * The admin API under {@code /api/admin}: users, their devices and upstream accounts. Every request needs
 * {@code Authorization: Bearer <admin token>}. See {@code docs/admin.md}.
 */
public final class AdminApi implements Consumer<JavalinConfig> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminToken token;
    private final Administration admin;
    private final Mailboxes mailboxes;
    private final TerminalStates states;

    /** What the admin API reads of the mailboxes: the mail, its plans and its deliveries (SPEC X4). */
    public record Mailboxes(MailStore mails, PlanStore plans, Outbox outbox) {}

    /** @param states what the server believes of each terminal, shown in the device list */
    public AdminApi(AdminToken token, Administration admin, Mailboxes mailboxes, TerminalStates states) {
        this.token = token;
        this.admin = admin;
        this.mailboxes = mailboxes;
        this.states = states;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.before("/api/admin/*", this::authorise);
        config.routes.get("/api/admin/users", ctx -> ctx.json(admin.users().stream().map(UserJson::write).toList()));
        config.routes.post("/api/admin/users", this::addUser);
        config.routes.get("/api/admin/users/{user}", ctx -> ctx.json(UserJson.write(user(ctx))));
        config.routes.delete("/api/admin/users/{user}", this::removeUser);
        config.routes.put("/api/admin/users/{user}/password", this::setPassword);
        config.routes.get("/api/admin/users/{user}/mails", this::mails);
        config.routes.get("/api/admin/users/{user}/mails/{mail}", this::mail);
        config.routes.get("/api/admin/users/{user}/accounts", ctx ->
                ctx.json(admin.accountsOf(user(ctx).id()).stream().map(AccountJson::write).toList()));
        config.routes.post("/api/admin/users/{user}/accounts", this::addAccount);
        config.routes.delete("/api/admin/accounts/{account}", this::removeAccount);
        config.routes.get("/api/admin/users/{user}/devices", ctx ->
                ctx.json(admin.devicesOf(user(ctx).id()).stream().map(states::describe).toList()));
        config.routes.post("/api/admin/users/{user}/devices", this::enrolDevice);
        config.routes.delete("/api/admin/users/{user}/devices/{device}", this::revokeDevice);
    }

    private void authorise(Context ctx) {
        token.require(ctx);
    }

    private void addUser(Context ctx) throws IOException {
        User user = UserJson.read(body(ctx));
        switch (admin.addUser(user)) {
            case ADDED -> ctx.status(HttpStatus.CREATED).json(UserJson.write(user));
            case ID_TAKEN -> ApiServer.error(ctx, HttpStatus.CONFLICT, "user '" + user.id() + "' exists already");
            case ADDRESS_TAKEN -> ApiServer.error(ctx, HttpStatus.CONFLICT, "one of the addresses belongs to another user");
        }
    }

    private void mails(Context ctx) {
        User user = user(ctx);
        int limit = Json.limit(ctx);
        List<StoredMail> page = MailApi.before(ctx).map(before -> mailboxes.mails().olderThan(user.id(), before, limit))
                .orElseGet(() -> mailboxes.mails().recent(user.id(), limit));
        ctx.json(page.stream().map(MailJson::write).toList());
    }

    private void mail(Context ctx) {
        User user = user(ctx);
        MailId id;
        try {
            id = MailId.parse(ctx.pathParam("mail"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("no mail " + ctx.pathParam("mail"));
        }
        StoredMail mail = mailboxes.mails().find(user.id(), id)
                .orElseThrow(() -> new NotFoundResponse("user '" + user.id() + "' has no mail " + id));
        ctx.json(MailJson.explained(mail, mailboxes.plans().plansOf(user.id(), id), mailboxes.outbox().ofMail(id)));
    }

    private void setPassword(Context ctx) throws IOException {
        User user = user(ctx);
        JsonNode body = body(ctx);
        if (!body.path("password").isTextual()) {
            throw new io.javalin.http.BadRequestResponse("password: must be a string");
        }
        try {
            admin.setPassword(user.id(), body.get("password").asText());
        } catch (IllegalArgumentException e) {
            throw new io.javalin.http.BadRequestResponse("password: " + e.getMessage());
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void removeUser(Context ctx) {
        admin.removeUser(user(ctx).id());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void addAccount(Context ctx) throws IOException {
        User user = user(ctx);
        var document = body(ctx);
        UpstreamServer server = AccountJson.read(document);
        UpstreamAccount account;
        try {
            account = admin.addAccount(user.id(), server, AccountJson.insecure(document))
                    .orElseThrow(() -> new NotFoundResponse("no user '" + user.id() + "'"));
        } catch (IllegalArgumentException refused) {
            // The host is refused (a private address, plaintext not confirmed): the document itself was well formed.
            throw new BadRequestResponse(refused.getMessage());
        }
        ctx.status(HttpStatus.CREATED).json(AccountJson.write(account));
    }

    private void enrolDevice(Context ctx) throws IOException {
        User user = user(ctx);
        Device device = DeviceJson.read(body(ctx), user.id());
        Administration.Enrolled enrolled = admin.enrolDevice(device).orElseThrow(() ->
                new ConflictResponse("device id '" + device.id() + "' belongs to another user"));
        var json = JSON.createObjectNode();
        json.set("device", DeviceJson.write(enrolled.device()));
        json.put("token", enrolled.token());
        ctx.status(HttpStatus.CREATED).json(json);
    }

    private void revokeDevice(Context ctx) {
        User user = user(ctx);
        try {
            if (admin.revokeDevice(user.id(), new DeviceId(ctx.pathParam("device")))) {
                ctx.status(HttpStatus.NO_CONTENT);
                return;
            }
        } catch (IllegalArgumentException e) {
            // not a device id: there is no such device
        }
        throw new NotFoundResponse("user '" + user.id() + "' has no device '" + ctx.pathParam("device") + "'");
    }

    private void removeAccount(Context ctx) {
        UpstreamAccountId id;
        try {
            id = new UpstreamAccountId(Long.parseLong(ctx.pathParam("account")));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("no upstream account " + ctx.pathParam("account"));
        }
        if (!admin.removeAccount(id)) {
            throw new NotFoundResponse("no upstream account " + id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private User user(Context ctx) {
        String id = ctx.pathParam("user");
        try {
            return admin.user(new UserId(id)).orElseThrow(() -> new NotFoundResponse("no user '" + id + "'"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("no user '" + id + "'");
        }
    }

    private static JsonNode body(Context ctx) throws IOException {
        JsonNode node = JSON.readTree(ctx.bodyAsBytes());
        if (node == null || node.isMissingNode()) {
            throw new io.javalin.http.BadRequestResponse("the request needs a JSON body");
        }
        return node;
    }
}
