package org.mailpush.ingest.smtp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.mailpush.ingest.mime.MimeLimits;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.mail.MailStore;
import org.mailpush.mail.MailUsage;
import org.mailpush.mail.Quota;
import org.mailpush.mail.StoredMail;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/**
 * A receiver on an ephemeral loopback port, as the tests know it: mx.example.test serving alice
 * (alice@example.test, alias a.smith@example.test) and bob (bob@example.test), with
 * lists.example.test as a further local domain and the clock standing at {@link #NOW}.
 */
final class RunningReceiver implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
    static final UserId ALICE = new UserId("alice");
    static final UserId BOB = new UserId("bob");

    final InMemoryUserDirectory users = new InMemoryUserDirectory();
    final MailStore store;
    final SmtpReceiver receiver;

    private RunningReceiver(SmtpSettings settings, MailStore store) {
        this(settings, store, null);
    }

    /** @param quota how much each mailbox may hold, counted over the mail in {@code store}; null for no limit */
    private RunningReceiver(SmtpSettings settings, MailStore store, Quota quota) {
        this.store = store;
        users.add(new User(ALICE, "Alice", Set.of(MailAddress.of("alice@example.test"), MailAddress.of("a.smith@example.test"))));
        users.add(new User(BOB, "Bob", Set.of(MailAddress.of("bob@example.test"))));
        Quotas quotas = quota == null ? Quotas.NONE : new Quotas(owner -> new MailUsage.Usage(store.recent(owner, 10_000).size(),
                store.recent(owner, 10_000).stream().mapToLong(mail -> mail.summary().sizeBytes()).sum()), quota);
        receiver = new SmtpReceiver(settings, users, store, new MimeSummarizer(MimeLimits.DEFAULTS), InstantSource.fixed(NOW), quotas, SmtpReplies.NONE);
        receiver.start();
    }

    /** The settings every test starts from. */
    static SmtpSettings settings() {
        return SmtpSettings.defaults("mx.example.test")
                .withListener(InetAddress.getLoopbackAddress(), 0)
                .withLocalDomains(Set.of("lists.example.test"));
    }

    static RunningReceiver start(UnaryOperator<SmtpSettings> adjust) {
        return new RunningReceiver(adjust.apply(settings()), new InMemoryMailStore());
    }

    static RunningReceiver start(UnaryOperator<SmtpSettings> adjust, MailStore store) {
        return new RunningReceiver(adjust.apply(settings()), store);
    }

    static RunningReceiver withQuota(Quota quota) {
        return new RunningReceiver(settings(), new InMemoryMailStore(), quota);
    }

    static RunningReceiver start() {
        return start(UnaryOperator.identity());
    }

    int port() {
        return receiver.port();
    }

    /** The raw message stored as a mail. */
    String raw(StoredMail mail) {
        return new String(store.raw(mail.owner(), mail.id()).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** Every stored mail of alice and bob, oldest first. */
    List<StoredMail> stored() {
        return store.pendingRouting(1000);
    }

    @Override
    public void close() {
        receiver.close();
    }
}
