package org.mailpush.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.mailpush.admin.Administration;
import org.mailpush.api.AccountApi;
import org.mailpush.api.AdminApi;
import org.mailpush.api.AdminToken;
import org.mailpush.api.ApiServer;
import org.mailpush.api.DeviceApi;
import org.mailpush.api.MailApi;
import org.mailpush.api.PolicyApi;
import org.mailpush.api.PushChannelApi;
import org.mailpush.api.SessionApi;
import org.mailpush.api.TerminalStates;
import org.mailpush.api.TokenApi;
import org.mailpush.api.UserAccess;
import org.mailpush.api.WebPages;
import org.mailpush.api.WebSessions;
import org.mailpush.auth.Authenticator;
import org.mailpush.auth.LoginThrottle;
import org.mailpush.auth.Passwords;
import org.mailpush.device.PushChannel;
import org.mailpush.health.Health;
import org.mailpush.health.HealthRoutes;
import org.mailpush.ingest.imap.ImapFlagWriter;
import org.mailpush.ingest.imap.ImapWatcher;
import org.mailpush.ingest.mime.MimeLimits;
import org.mailpush.ingest.mime.MimeSummarizer;
import org.mailpush.ingest.pop3.Pop3Watcher;
import org.mailpush.ingest.smtp.Quotas;
import org.mailpush.ingest.smtp.SmtpReceiver;
import org.mailpush.ingest.upstream.LoginCheck;
import org.mailpush.ingest.upstream.Pause;
import org.mailpush.ingest.upstream.UpstreamGuard;
import org.mailpush.ingest.upstream.UpstreamIntake;
import org.mailpush.ingest.upstream.UpstreamWatchers;
import org.mailpush.ingest.upstream.WatcherEnvironment;
import org.mailpush.cluster.nats.NatsPeers;
import org.mailpush.link.Link;
import org.mailpush.link.Peers;
import org.mailpush.mail.MailStore;
import org.mailpush.metrics.Metrics;
import org.mailpush.metrics.MetricsListener;
import org.mailpush.metrics.MetricsRoutes;
import org.mailpush.presence.BufferedReportStore;
import org.mailpush.presence.PresenceInference;
import org.mailpush.push.PushTransport;
import org.mailpush.push.PushTransports;
import org.mailpush.push.apns.ApnsTransport;
import org.mailpush.push.fcm.FcmTransport;
import org.mailpush.push.smpp.SmppTransport;
import org.mailpush.push.webhook.WebhookSecret;
import org.mailpush.push.webhook.WebhookTransport;
import org.mailpush.push.webpush.RetryTimer;
import org.mailpush.push.webpush.VapidKeys;
import org.mailpush.push.webpush.WebPushTransport;
import org.mailpush.push.wol.MagicPacketWaker;
import org.mailpush.route.Router;
import org.mailpush.store.jdbc.Database;
import org.mailpush.store.journal.JournaledMailStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store, starts routing and the terminal link, the SMTP receiver and
 * the HTTP API, and stops them in reverse order. Everything is wired here, in one place.
 */
public final class MailpushServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailpushServer.class);
    /** How long the readiness check waits for the database to answer. */
    private static final java.time.Duration STORE_CHECK = java.time.Duration.ofSeconds(2);
    /**
     * How long a terminal's report waits in memory before it is written with the others: one
     * transaction a second for every heartbeat, instead of one each (docs/architecture.md, "Reports").
     */
    private static final java.time.Duration REPORT_WRITE_DELAY = java.time.Duration.ofSeconds(1);

    private final ServerConfig config;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final ServerFile serverFile;
    private final ApiServer api;
    private final SmtpReceiver smtp;
    private final Health health = new Health(List.of("store", "migrations", "http", "smtp"));
    private final Optional<MetricsListener> metricsListener;

    private MailpushServer(ServerConfig config, InstantSource clock) throws IOException {
        this.config = config;
        try {
            DataDirectory.secure(config.dataDirectory());
            AdminToken token = AdminToken.loadOrCreate(config.dataDirectory());
            Metrics metrics = remember(new Metrics(clock));
            Database database = remember(Database.open(config.database(), config.secrets().storeKey()));
            DataDirectory.tightenCreated(config.dataDirectory());
            database.meterPool(metrics.registry());
            health.check("store", () -> database.reachable(STORE_CHECK) ? Optional.empty() : Optional.of("the database does not answer"));
            // Database.open returns once Flyway has applied every migration.
            health.check("migrations", Optional::empty);
            ImapFlagWriter flagWriter = remember(new ImapFlagWriter(database.mails(), database.upstreamAccounts(), config.upstream()));
            VapidKeys vapid = VapidKeys.loadOrCreate(config.dataDirectory());
            WebPushTransport webPush = remember(new WebPushTransport(config.webPush().settings(), vapid, clock, RetryTimer.system()));
            WebhookTransport webhook = remember(new WebhookTransport(config.webhook().settings(),
                    WebhookSecret.loadOrCreate(config.webhook().secretFile()), RetryTimer.system()));
            Map<PushChannel.Kind, PushTransport> byKind = transports(webPush, webhook, clock);
            byKind.replaceAll(metrics::transport);
            var transports = new PushTransports(byKind);
            var linked = new AtomicReference<Link>();
            // Closed after everything that records reports, before the database.
            var reports = remember(new BufferedReportStore(database.reports(), REPORT_WRITE_DELAY,
                    e -> LOG.warn("writing the terminals' reports failed; they wait for the next write: {}", e.getMessage(), e)));
            Optional<NatsPeers> cluster = config.cluster().map(settings -> remember(NatsPeers.join(settings,
                    new NatsPeers.Stores(database.routingClaims(), database.terminalDirectory(), database.devices()), clock,
                    () -> linked.get() == null ? null : linked.get().here())));
            Link link = new Link(new Link.Stores(database.devices(), database.tokens(), reports,
                    database.policies(), database.mails(), database.plans(),
                    metrics.outbox(database.outbox(), device -> linked.get() != null && linked.get().connected(device)),
                    database.escalations(), metrics.routings(database.routings()), database.pushChannels(), database.policyFromTerminals()),
                    new Router(new PresenceInference(config.presence())), clock, config.link(),
                    new Link.Pushing(transports, config.webPush().ttl(), channel -> refusal(transports, webPush, webhook, channel),
                            new Link.Waking(metrics.waker(new MagicPacketWaker(config.wake().settings())), config.wake().window(),
                                    config.presence().linkGrace())),
                    flagWriter::changed, cluster.<Peers>map(peers -> peers).orElseGet(() -> Link.singleNode(database.mails())));
            linked.set(link);
            metrics.terminals(link::connectedDevices, database.devices());
            var mails = new RoutedMailStore(journaled(database), metrics.stored(link::submit));
            var summarizer = new MimeSummarizer(MimeLimits.DEFAULTS);
            UpstreamWatchers watchers = remember(watchers(database, new UpstreamIntake(mails, summarizer, clock, config.bounds().quota(),
                    database.usage()), clock));
            metrics.watchers(watchers::statuses);
            var sessions = new WebSessions(clock);
            var administration = new Administration(new Administration.Stores(database.users(), database.credentials(),
                    database.upstreamAccounts(), database.devices(), database.tokens()),
                    new Administration.Listeners(watchers::watch, watchers::unwatch, link::disconnect, sessions::closeAllOf),
                    new UpstreamGuard(config.upstream().allowPrivateAddresses()), config.bounds().limits());
            var mailboxes = new AdminApi.Mailboxes(database.mails(), database.plans(), database.outbox());
            var authenticator = new Authenticator(database.users(), database.credentials(), new Passwords(), new LoginThrottle(), clock);
            var access = new UserAccess(sessions, database.users(), database.credentials(), database.tokens(), database.devices(),
                    database.apiTokens(), database.policyFromTerminals(), clock);
            var states = new TerminalStates(reports, new PresenceInference(config.presence()), clock, link::reachability,
                    config.staleDevicesAfter(), device -> database.pushChannels().listed(device));
            try {
                this.api = remember(ApiServer.start(config.http(), List.of(
                        new AdminApi(token, administration, mailboxes, states),
                        new SessionApi(authenticator, access, database.users()),
                        new DeviceApi(authenticator, access, administration, states),
                        new PolicyApi(access, database.policies(), link::setPolicy, administration, states,
                                new Router(new PresenceInference(config.presence()))),
                        new MailApi(access, mailboxes),
                        new AccountApi(access, administration, new LoginCheck(config.upstream()), watchers::status),
                        new PushChannelApi(access, database.pushChannels(), vapid.publicKey(),
                                channel -> refusal(transports, webPush, webhook, channel), clock, token, database.devices()),
                        new TokenApi(access, token, database.users(), clock),
                        new WebPages(),
                        new HealthRoutes(health),
                        new MetricsRoutes(metrics, token),
                        link.endpoints())));
                health.check("http", () -> api.listening() ? Optional.empty() : Optional.of("not listening"));
                this.metricsListener = config.metrics().listen().map(address -> remember(MetricsListener.start(address, metrics, health)));
            } finally {
                // Stopped before the HTTP server, so that its connections close while they still can.
                remember(link);
            }
            // Before ingest starts, so that mail accepted before the last stop is routed ahead of new mail.
            link.recover();
            this.smtp = remember(new SmtpReceiver(config.smtp(), database.users(), mails, summarizer, clock,
                    new Quotas(database.usage(), config.bounds().quota()), metrics.smtpReplies()));
            remember(new RetentionJob(database.retention(), config.bounds(), clock));
            smtp.start();
            health.check("smtp", () -> smtp.listening() ? Optional.empty() : Optional.of("not listening"));
            watchers.start();
            this.serverFile = new ServerFile(ProcessHandle.current().pid(), URI.create("http://" + httpHost() + ":" + api.port()));
            serverFile.write(config.dataDirectory());
        } catch (IOException | RuntimeException e) {
            stopStarted();
            throw e;
        }
    }

    /**
     * The mail store that ingest appends to: on H2, behind the mail journal in the data directory,
     * which first stores again what the database lost in a crash; on PostgreSQL, the database's own.
     */
    private MailStore journaled(Database database) {
        return database.journaled()
                .<MailStore>map(store -> remember(JournaledMailStore.open(config.dataDirectory().resolve("journal"),
                        database.mails(), store, JournaledMailStore.CHECKPOINT_INTERVAL)))
                .orElse(database.mails());
    }

    /** A transport for each kind of channel this server can reach: Web Push always, APNs and FCM when configured. */
    /** The push transports by kind of channel: Web Push and webhooks always, the phone and SMS ones when configured. */
    private Map<PushChannel.Kind, PushTransport> transports(WebPushTransport webPush, WebhookTransport webhook, InstantSource clock) {
        Map<PushChannel.Kind, PushTransport> byKind = new EnumMap<>(Map.of(PushChannel.Kind.WEB_PUSH, webPush,
                PushChannel.Kind.UNIFIED_PUSH, webPush, PushChannel.Kind.WEBHOOK, webhook));
        config.smpp().ifPresent(smpp -> byKind.put(PushChannel.Kind.SMS, remember(new SmppTransport(smpp, clock))));
        config.phones().apns().ifPresent(apns -> byKind.put(PushChannel.Kind.APNS,
                remember(ApnsTransport.start(apns, clock, RetryTimer.system()))));
        config.phones().fcm().ifPresent(fcm -> byKind.put(PushChannel.Kind.FCM,
                remember(new FcmTransport(fcm, clock, RetryTimer.system()))));
        return byKind;
    }

    /** Why the server cannot use a channel a terminal registers, or an empty string when it can. */
    private static String refusal(PushTransports transports, WebPushTransport webPush, WebhookTransport webhook, PushChannel channel) {
        if (!transports.handles(channel.kind())) {
            return "no " + channel.kind().word() + " transport is configured on this server";
        }
        return switch (channel.kind()) {
            case WEB_PUSH, UNIFIED_PUSH -> webPush.refusal(channel);
            case WEBHOOK -> webhook.refusal(channel);
            case APNS -> ApnsTransport.refusal(channel);
            case FCM -> FcmTransport.refusal(channel);
            case SMS -> channel.endpoint().getScheme().equals("tel")
                    && channel.endpoint().getSchemeSpecificPart().matches("\\+[0-9]{6,15}(;wap=si)?") ? ""
                    : "an SMS channel is tel:+E164, with ;wap=si for WAP Push";
        };
    }

    /** One watcher per upstream account, IMAP or POP3; what they find goes through the intake into the store. */
    private UpstreamWatchers watchers(Database database, UpstreamIntake intake, InstantSource clock) {
        var environment = new WatcherEnvironment(config.upstream(), clock, Pause.real(), new Random());
        return new UpstreamWatchers(database.upstreamAccounts(), account -> switch (account.server().protocol()) {
            case IMAP -> new ImapWatcher(account, intake, environment);
            case POP3 -> new Pop3Watcher(account, intake, environment);
        });
    }

    /** Starts a server; on failure whatever was started is stopped again. */
    public static MailpushServer start(ServerConfig config, InstantSource clock) {
        try {
            return new MailpushServer(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start: " + e.getMessage(), e);
        }
    }

    private <T extends AutoCloseable> T remember(T component) {
        started.add(component);
        return component;
    }

    public int httpPort() {
        return api.port();
    }

    public int smtpPort() {
        return smtp.port();
    }

    /** Every HTTP route the server answers, as "METHOD /path". */
    public List<String> httpRoutes() {
        return api.routes();
    }

    /** The port of the metrics and health listener, when {@code metrics.listen} asks for one. */
    public Optional<Integer> metricsPort() {
        return metricsListener.map(MetricsListener::port);
    }

    public URI httpAddress() {
        return serverFile.http();
    }

    private String httpHost() {
        String host = config.http().host();
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        health.stopping();
        serverFile.remove(config.dataDirectory());
        stopStarted();
    }

    private void stopStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", started.get(i).getClass().getSimpleName(), e);
            }
        }
    }
}
