package org.mailpush.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailpush.api.ApiServer;
import org.mailpush.api.HttpSettings;
import org.mailpush.device.Capabilities;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceAddress;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceType;
import org.mailpush.device.InMemoryDeviceRegistry;
import org.mailpush.device.InMemoryDeviceTokens;
import org.mailpush.device.InMemoryPushChannels;
import org.mailpush.device.TokenHash;
import org.mailpush.mail.Importance;
import org.mailpush.mail.InMemoryMailStore;
import org.mailpush.mail.MailSummary;
import org.mailpush.mail.NewMail;
import org.mailpush.mail.Origin;
import org.mailpush.mail.StoreException;
import org.mailpush.mail.StoredMail;
import org.mailpush.policy.InMemoryPolicyStore;
import org.mailpush.presence.InMemoryReportStore;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.UsageReport;
import org.mailpush.push.InMemoryEscalationStore;
import org.mailpush.push.InMemoryOutbox;
import org.mailpush.push.InMemoryPlanStore;
import org.mailpush.push.InMemoryRoutingStore;
import org.mailpush.push.RoutingStore;
import org.mailpush.route.Router;
import org.mailpush.user.InMemoryUserDirectory;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserId;

/** The link on in-memory stores behind a real HTTP server on an ephemeral port. */
final class LinkFixture implements AutoCloseable {
    final InMemoryUserDirectory users = new InMemoryUserDirectory();
    /** How many of the next keeps of a mail's routing fail, as a store that is away would. */
    final AtomicInteger failingKeeps = new AtomicInteger();
    /** Counted down by each keep that failed. */
    final Semaphore failedKeeps = new Semaphore(0);
    /** Each keep of the mail with this subject waits, before it keeps, until {@link #heldKeep} is counted down. */
    volatile String holdKeepOf = "";
    final CountDownLatch heldKeep = new CountDownLatch(1);
    /** The subjects of the mails kept, in the order their keeps began. */
    final List<String> keeps = new java.util.concurrent.CopyOnWriteArrayList<>();
    final InMemoryPushChannels channels = new InMemoryPushChannels();
    /** The push channels' transport: records each message and answers as told. */
    final RecordingPushTransport pushes = new RecordingPushTransport();
    final Link.Stores stores = inMemory(new InMemoryMailStore(), new InMemoryPlanStore(), new InMemoryOutbox(),
            new InMemoryEscalationStore());
    final Link link;
    final ApiServer server;

    LinkFixture(LinkSettings settings, InstantSource clock, Link.Waking waking) {
        link = new Link(stores, new Router(new PresenceInference(PresenceSettings.DEFAULTS)), clock, settings,
                new Link.Pushing(pushes, Duration.ofHours(24), channel -> channel.endpoint().getHost() != null
                        && channel.endpoint().getHost().endsWith(".invalid") ? "the host does not resolve" : "", waking),
                (owner, mail) -> { });
        server = ApiServer.start(new HttpSettings("127.0.0.1", 0, 1024 * 1024), List.of(link.endpoints()));
    }

    LinkFixture(LinkSettings settings, InstantSource clock) {
        this(settings, clock, Link.Waking.NONE);
    }

    LinkFixture(LinkSettings settings) {
        this(settings, InstantSource.system());
    }

    LinkFixture() {
        this(LinkSettings.DEFAULTS);
    }

    private Link.Stores inMemory(InMemoryMailStore mails, InMemoryPlanStore plans, InMemoryOutbox outbox,
            InMemoryEscalationStore escalations) {
        RoutingStore routings = new InMemoryRoutingStore(mails, plans, outbox, escalations);
        RoutingStore flaky = routed -> {
            String subject = mails.find(routed.owner(), routed.mail()).map(m -> m.summary().subject()).orElse("");
            keeps.add(subject);
            if (subject.equals(holdKeepOf)) {
                try {
                    heldKeep.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failingKeeps.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failedKeeps.release();
                throw new StoreException("the database is away", new IOException("connection refused"));
            }
            return routings.keep(routed);
        };
        return new Link.Stores(new InMemoryDeviceRegistry(), new InMemoryDeviceTokens(), new InMemoryReportStore(),
                new InMemoryPolicyStore(), mails, plans, outbox, escalations, flaky, channels);
    }

    int port() {
        return server.port();
    }

    UserId user(String id) {
        users.add(new User(new UserId(id), id, Set.of(MailAddress.of(id + "@example.com"))));
        return new UserId(id);
    }

    /** Enrols a device and returns its token. */
    String device(UserId owner, String id, DeviceType type, Capabilities capabilities) {
        return device(owner, id, type, capabilities, List.of());
    }

    /** Enrols a device with addresses beside its link ("mac:…" for Wake-on-LAN) and returns its token. */
    String device(UserId owner, String id, DeviceType type, Capabilities capabilities, List<DeviceAddress> addresses) {
        Device device = new Device(new DeviceId(id), owner, id, type, capabilities, addresses);
        stores.devices().save(device);
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        stores.tokens().issue(device.id(), TokenHash.of(token));
        return token;
    }

    String device(UserId owner, String id, DeviceType type) {
        return device(owner, id, type, Capabilities.FULL);
    }

    void report(String device, UsageReport report) {
        stores.reports().record(new DeviceId(device), report);
    }

    /** A terminal in use right now (input a second ago). */
    void inUse(String device) {
        Instant now = Instant.now();
        report(device, UsageReport.on(now).withLastInput(now.minusSeconds(1)));
    }

    /** Stores a mail for the user without routing it, as one accepted before a crash. */
    StoredMail stored(UserId owner, String subject) {
        byte[] raw = ("From: carol@example.org\r\nSubject: " + subject + "\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
        var summary = new MailSummary("carol@example.org", subject, raw.length, 0, List.of(), Importance.NORMAL, "Hello.");
        return stores.mails().append(new NewMail(List.of(owner), "carol@example.org", raw, summary, Instant.now(),
                new Origin.Smtp("127.0.0.1", "test"))).getFirst();
    }

    /** Stores a mail for the user and routes it, as ingest does. */
    StoredMail mail(UserId owner, String subject) {
        byte[] raw = ("From: carol@example.org\r\nSubject: " + subject + "\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
        var summary = new MailSummary("carol@example.org", subject, raw.length, 0, List.of(), Importance.NORMAL, "Hello.");
        StoredMail stored = stores.mails().append(new NewMail(List.of(owner), "carol@example.org", raw, summary, Instant.now(),
                new Origin.Smtp("127.0.0.1", "test"))).getFirst();
        link.submit(stored);
        return stored;
    }

    Optional<StoredMail> find(UserId owner, StoredMail mail) {
        return stores.mails().find(owner, mail.id());
    }

    @Override
    public void close() {
        link.close();
        server.close();
    }
}
