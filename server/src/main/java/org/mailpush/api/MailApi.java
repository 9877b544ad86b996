package org.mailpush.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mailpush.access.ApiScope;
import org.mailpush.mail.MailId;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.UserId;

/**
 * The user's own mail under {@code /api/mails}: the newest first, a page at a time ({@code limit}, and
 * {@code before} a mail id for the page after it), and one mail with every plan made
 * for it and every delivery — why each terminal got the mail, a hint or nothing, and when it was sent
 * and acknowledged (SPEC X4). Another user's mail id is answered as if it did not exist (SPEC X8).
 */
public final class MailApi implements Consumer<JavalinConfig> {
    private final UserAccess access;
    private final AdminApi.Mailboxes mailboxes;

    public MailApi(UserAccess access, AdminApi.Mailboxes mailboxes) {
        this.access = access;
        this.mailboxes = mailboxes;
    }

    @Override
    public void accept(JavalinConfig config) {
        config.routes.get("/api/mails", ctx -> {
            UserId user = access.user(ctx, ApiScope.MAIL_READ);
            int limit = Json.limit(ctx);
            List<StoredMail> page = before(ctx).map(before -> mailboxes.mails().olderThan(user, before, limit))
                    .orElseGet(() -> mailboxes.mails().recent(user, limit));
            ctx.json(page.stream().map(MailJson::write).toList());
        });
        config.routes.get("/api/mails/{mail}", this::mail);
    }

    /** The {@code before} query parameter: a mail id, the page then holds the mails older than it. */
    static Optional<MailId> before(Context ctx) {
        String text = ctx.queryParam("before");
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MailId.parse(text));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("before: must be a mail id (a positive whole number), got '" + text + "'");
        }
    }

    private void mail(Context ctx) {
        UserId user = access.user(ctx, ApiScope.MAIL_READ);
        MailId id = Json.id(ctx, "mail", MailId::parse, "mail");
        StoredMail mail = mailboxes.mails().find(user, id).orElseThrow(() -> new NotFoundResponse("no mail " + ctx.pathParam("mail")));
        ctx.json(MailJson.explained(mail, mailboxes.plans().plansOf(user, id), mailboxes.outbox().ofMail(id)));
    }
}
