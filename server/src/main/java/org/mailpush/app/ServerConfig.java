package org.mailpush.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailpush.api.HttpSettings;
import org.mailpush.cluster.NodeId;
import org.mailpush.cluster.nats.ClusterSettings;
import org.mailpush.api.TrustedProxies;
import org.mailpush.api.TerminalStates;
import org.mailpush.ingest.smtp.SmtpLimits;
import org.mailpush.ingest.smtp.SmtpSettings;
import org.mailpush.ingest.smtp.SmtpTls;
import org.mailpush.ingest.upstream.UpstreamSettings;
import org.mailpush.link.LinkSettings;
import org.mailpush.mail.MailStore;
import org.mailpush.metrics.MetricsSettings;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.presence.Temperature;
import org.mailpush.push.apns.ApnsSettings;
import org.mailpush.push.fcm.FcmSettings;
import org.mailpush.push.smpp.SmppSettings;
import org.mailpush.push.webhook.WebhookSettings;
import org.mailpush.push.webpush.RetryPolicy;
import org.mailpush.push.webpush.WebPushSettings;
import org.mailpush.push.wol.WakeOnLanSettings;
import org.mailpush.store.jdbc.DatabaseSettings;
import org.mailpush.store.jdbc.StoreKey;
import org.mailpush.upstream.Secret;
import org.mailpush.user.UserId;

/**
 * The server's whole configuration, read once at start-up from {@link Settings}; each component gets
 * its slice. Every key and its default is listed in {@code docs/configuration.md}.
 */
public record ServerConfig(
        Path dataDirectory, DatabaseSettings database, HttpSettings http, SmtpSettings smtp, PresenceSettings presence,
        LinkSettings link, UpstreamSettings upstream, Duration staleDevicesAfter, WebPush webPush, Wake wake, Webhook webhook,
        Phones phones, Optional<SmppSettings> smpp, Secrets secrets, Bounds bounds, MetricsSettings metrics,
        Optional<ClusterSettings> cluster) {

    /** The Web Push transport's settings, and how long a push service keeps a notice for a terminal that is away. */
    public record WebPush(WebPushSettings settings, Duration ttl) {}

    /** The webhook transport's settings, and the file with the secret that signs the bodies. */
    public record Webhook(WebhookSettings settings, Path secretFile) {}

    /** Where magic packets go, and how long a mail waits for a woken terminal's hello (SPEC M6). */
    public record Wake(WakeOnLanSettings settings, Duration window) {
        public Wake {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the wake window must be positive, got " + window);
            }
        }
    }

    /**
     * The key that seals the secrets the store keeps: given whole ({@code secrets.key}, best as the
     * environment variable {@code MAILPUSH_SECRETS_KEY}), or else kept in {@code keyFile}, made on first start.
     */
    public record Secrets(Optional<StoreKey> key, Path keyFile) {
        /** The key given, or the one in the key file, which is made when missing. */
        public StoreKey storeKey() {
            try {
                return key.isPresent() ? key.get() : StoreKey.loadOrCreate(keyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or make the key file " + keyFile + ": " + e.getMessage(), e);
            }
        }
    }

    /** The phone push transports that are configured: APNs for iOS apps, FCM for Android apps; each empty when not. */
    public record Phones(Optional<ApnsSettings> apns, Optional<FcmSettings> fcm) {}

    /** Reads every key; an unknown key or a bad value fails with a message naming it. */
    public static ServerConfig read(Settings settings) {
        Path data = settings.path("data-dir", Path.of("data")).toAbsolutePath().normalize();
        ServerConfig config = new ServerConfig(data, database(settings, data), http(settings), smtp(settings),
                presence(settings), link(settings), upstream(settings),
                settings.duration("devices.stale-after", TerminalStates.DEFAULT_STALE_AFTER), webPush(settings), wake(settings),
                webhook(settings, data), new Phones(apns(settings), fcm(settings)), smpp(settings),
                secrets(settings, data), Bounds.read(settings),
                settings.check("metrics.listen", () -> MetricsSettings.parse(settings.text("metrics.listen", ""))),
                cluster(settings));
        settings.requireAllUsed();
        if (config.cluster().isPresent() && config.database().url().startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("config key cluster.nats-url: a cluster node needs PostgreSQL as its store, which every node"
                    + " shares; H2 is one node's own file. Set database.url to jdbc:postgresql://..., or leave cluster.nats-url out to run"
                    + " one node on H2 (docs/cluster.md)");
        }
        return config;
    }

    /** A cluster node when {@code cluster.nats-url} is set; then {@code cluster.node-id} is needed too. */
    private static Optional<ClusterSettings> cluster(Settings s) {
        String url = s.text("cluster.nats-url", "");
        String node = s.text("cluster.node-id", "");
        Duration sweep = s.duration("cluster.sweep", ClusterSettings.DEFAULT_SWEEP);
        Duration claimLease = s.duration("cluster.claim-lease", ClusterSettings.DEFAULT_CLAIM_LEASE);
        Duration terminalLease = s.duration("cluster.terminal-lease", ClusterSettings.DEFAULT_TERMINAL_LEASE);
        if (url.isEmpty()) {
            unusedWithout("cluster.nats-url", Map.of("cluster.node-id", node));
            return Optional.empty();
        }
        if (node.isEmpty()) {
            throw new IllegalArgumentException("config key cluster.node-id: a cluster node needs a name of its own, unique in the cluster"
                    + " (node-a, say)");
        }
        NodeId id = s.check("cluster.node-id", () -> new NodeId(node));
        URI nats = s.check("cluster.nats-url", () -> URI.create(url));
        return Optional.of(s.check("cluster", () -> new ClusterSettings(id, nats, sweep, claimLease, terminalLease)));
    }

    private static DatabaseSettings database(Settings s, Path data) {
        DatabaseSettings h2 = DatabaseSettings.h2(data.resolve("db"));
        String url = s.text("database.url", h2.url());
        String user = s.text("database.user", url.equals(h2.url()) ? h2.user() : "mailpush");
        String password = s.text("database.password", url.equals(h2.url()) ? h2.password() : "");
        int pool = s.count("database.pool-size", DatabaseSettings.DEFAULT_POOL_SIZE);
        Duration duplicates = s.duration("smtp.duplicate-window", MailStore.DUPLICATE_WINDOW);
        return s.check("database", () -> new DatabaseSettings(url, user, password, pool, duplicates));
    }

    private static WebPush webPush(Settings s) {
        WebPushSettings d = WebPushSettings.defaults(URI.create("mailto:postmaster@" + localHostName()));
        String subject = s.text("webpush.subject", d.subject().toString());
        Duration connect = s.duration("webpush.connect-timeout", d.connectTimeout());
        Duration request = s.duration("webpush.request-timeout", d.requestTimeout());
        int perOrigin = s.count("webpush.max-in-flight-per-service", d.perOriginInFlight());
        int total = s.count("webpush.max-in-flight", d.maxInFlight());
        boolean loopback = s.flag("webpush.allow-insecure-loopback", d.allowInsecureLoopback());
        Duration ttl = s.duration("webpush.ttl", Duration.ofHours(24));
        WebPushSettings settings = s.check("webpush", () -> new WebPushSettings(URI.create(subject), connect, request, perOrigin, total,
                d.retry(), loopback));
        return new WebPush(settings, ttl);
    }

    private static Secrets secrets(Settings s, Path data) {
        // Read as text and checked apart, so that a bad key is never repeated in the message.
        String key = s.text("secrets.key", "");
        Path file = s.path("secrets.key-file", data.resolve("secret.key"));
        return new Secrets(key.isEmpty() ? Optional.empty()
                : Optional.of(StoreKey.parse(key, "config key secrets.key (MAILPUSH_SECRETS_KEY)")), file);
    }

    private static Webhook webhook(Settings s, Path data) {
        WebhookSettings d = WebhookSettings.DEFAULTS;
        Duration connect = s.duration("webhook.connect-timeout", d.connectTimeout());
        Duration request = s.duration("webhook.request-timeout", d.requestTimeout());
        int perOrigin = s.count("webhook.max-in-flight-per-host", d.perOriginInFlight());
        int total = s.count("webhook.max-in-flight", d.maxInFlight());
        String publicUrl = s.text("webhook.public-url", "");
        boolean loopback = s.flag("webhook.allow-insecure-loopback", d.allowInsecureLoopback());
        Path secret = s.path("webhook.secret-file", data.resolve("webhook-secret"));
        WebhookSettings settings = s.check("webhook", () -> new WebhookSettings(connect, request, perOrigin, total, d.maxAttempts(),
                d.initialBackoff(), publicUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(publicUrl)), loopback));
        return new Webhook(settings, secret);
    }

    private static Wake wake(Settings s) {
        InetAddress broadcast = s.check("wake.broadcast", () -> broadcast(s.text("wake.broadcast", "255.255.255.255")));
        int port = s.port("wake.port", WakeOnLanSettings.DEFAULT_PORT);
        Duration window = s.duration("wake.window", Duration.ofSeconds(20));
        return s.check("wake", () -> new Wake(new WakeOnLanSettings(broadcast, port, WakeOnLanSettings.DEFAULT_REPEATS), window));
    }

    /** The SMPP transport's settings, when {@code smpp.host} names an SMSC; the password only from a file. */
    private static Optional<SmppSettings> smpp(Settings s) {
        String host = s.text("smpp.host", "");
        int port = s.port("smpp.port", 2775);
        String systemId = s.text("smpp.system-id", "");
        Path passwordFile = s.path("smpp.password-file", null);
        String systemType = s.text("smpp.system-type", "");
        String source = s.text("smpp.source-address", "");
        SmppSettings.Limits dl = SmppSettings.Limits.DEFAULTS;
        int inFlight = s.count("smpp.max-in-flight", dl.maxInFlight());
        double rate = s.number("smpp.rate", dl.rate());
        int queue = s.count("smpp.queue", dl.queue());
        boolean concatenate = s.flag("smpp.concatenate", false);
        boolean receipts = s.flag("smpp.receipts", false);
        String publicUrl = s.text("smpp.public-url", "");
        SmppSettings.Timing dt = SmppSettings.Timing.DEFAULTS;
        Duration enquireLink = s.duration("smpp.enquire-link", dt.enquireLink());
        Duration responseTimeout = s.duration("smpp.response-timeout", dt.responseTimeout());
        int attempts = s.count("smpp.max-attempts", dt.maxAttempts());
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (passwordFile == null) {
            throw new IllegalArgumentException("config key smpp.password-file: the SMSC's password is read from a file; name one");
        }
        Secret password = s.check("smpp.password-file", () -> {
            try {
                return new Secret(Files.readString(passwordFile).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + passwordFile + ": " + e.getMessage());
            }
        });
        return Optional.of(s.check("smpp", () -> new SmppSettings(
                new SmppSettings.Smsc(host, port, systemId, password, systemType, source),
                new SmppSettings.Limits(inFlight, rate, queue),
                new SmppSettings.Timing(enquireLink, responseTimeout, dt.initialBackoff(), dt.maxBackoff(), attempts),
                publicUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(publicUrl)), concatenate, receipts)));
    }

    /** APNs when {@code apns.key-file} is set; then the key id, team id and topic are needed too. */
    private static Optional<ApnsSettings> apns(Settings s) {
        Path keyFile = s.path("apns.key-file", null);
        String keyId = s.text("apns.key-id", "");
        String teamId = s.text("apns.team-id", "");
        String topic = s.text("apns.topic", "");
        String environment = s.text("apns.environment", "production");
        if (keyFile == null) {
            unusedWithout("apns.key-file", Map.of("apns.key-id", keyId, "apns.team-id", teamId, "apns.topic", topic));
            return Optional.empty();
        }
        readable("apns.key-file", keyFile);
        ApnsSettings.Environment where = s.check("apns.environment", () -> ApnsSettings.Environment.of(environment));
        return Optional.of(s.check("apns", () -> new ApnsSettings(keyFile, keyId, teamId, topic, where, RetryPolicy.DEFAULTS)));
    }

    /** FCM when {@code fcm.service-account-file} is set; then the project id is needed too. */
    private static Optional<FcmSettings> fcm(Settings s) {
        Path account = s.path("fcm.service-account-file", null);
        String project = s.text("fcm.project-id", "");
        String endpoint = s.text("fcm.endpoint", FcmSettings.GOOGLE.toString());
        Duration timeout = s.duration("fcm.timeout", FcmSettings.DEFAULT_TIMEOUT);
        if (account == null) {
            unusedWithout("fcm.service-account-file", Map.of("fcm.project-id", project));
            return Optional.empty();
        }
        readable("fcm.service-account-file", account);
        return Optional.of(s.check("fcm", () -> new FcmSettings(account, project, URI.create(endpoint), timeout, RetryPolicy.DEFAULTS)));
    }

    /** A key that means nothing without another is a mistake, not something to ignore. */
    private static void unusedWithout(String needed, Map<String, String> values) {
        values.forEach((key, value) -> {
            if (!value.isEmpty()) {
                throw new IllegalArgumentException("config key " + key + " is set but " + needed + " is not");
            }
        });
    }

    private static void readable(String key, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("config key " + key + ": " + file + " is not a file this server can read");
        }
    }

    private static HttpSettings http(Settings s) {
        String host = s.text("http.host", HttpSettings.DEFAULTS.host());
        int port = s.port("http.port", HttpSettings.DEFAULTS.port());
        long max = s.bytes("http.max-request-size", HttpSettings.DEFAULTS.maxRequestBytes());
        TrustedProxies proxies = s.check("http.trusted-proxies", () -> new TrustedProxies(s.list("http.trusted-proxies", List.of())));
        List<String> names = s.list("http.server-names", List.of());
        return s.check("http", () -> new HttpSettings(host, port, max, proxies, names));
    }

    private static SmtpSettings smtp(Settings s) {
        SmtpLimits d = SmtpLimits.DEFAULTS;
        InetAddress bind = s.check("smtp.host", () -> address(s.text("smtp.host", "127.0.0.1")));
        int port = s.port("smtp.port", 2525);
        String hostname = s.text("smtp.hostname", localHostName());
        List<String> domains = s.list("smtp.local-domains", List.of());
        SmtpLimits limits = s.check("smtp", () -> new SmtpLimits(
                (int) Math.min(Integer.MAX_VALUE, s.bytes("smtp.max-message-size", d.maxMessageBytes())),
                s.count("smtp.max-recipients", d.maxRecipients()),
                s.count("smtp.max-line-length", d.maxLineLength()),
                s.duration("smtp.command-timeout", d.commandTimeout()),
                s.duration("smtp.data-timeout", d.dataTimeout()),
                s.duration("smtp.data-deadline", d.dataDeadline()),
                s.count("smtp.max-connections", d.maxConnections()),
                s.count("smtp.max-connections-per-address", d.maxConnectionsPerAddress()),
                s.count("smtp.max-errors", d.maxErrors())));
        SmtpLimits bounded = s.check("smtp", () -> limits.withMaxDataBytesInFlight(s.bytes("smtp.max-data-in-flight",
                SmtpLimits.defaultMaxDataBytesInFlight(limits.maxMessageBytes()))));
        Optional<Path> keystore = Optional.ofNullable(s.path("smtp.tls.keystore", null));
        String password = s.text("smtp.tls.password", "");
        String postmaster = s.text("smtp.postmaster", "");
        return s.check("smtp", () -> {
            SmtpSettings plain = SmtpSettings.defaults(hostname).withListener(bind, port)
                    .withLocalDomains(new HashSet<>(domains)).withLimits(bounded);
            SmtpSettings smtp = postmaster.isBlank() ? plain : plain.withPostmaster(new UserId(postmaster.strip()));
            return keystore.map(k -> smtp.withTls(new SmtpTls(k, new Secret(password)))).orElse(smtp);
        });
    }

    private static PresenceSettings presence(Settings s) {
        PresenceSettings d = PresenceSettings.DEFAULTS;
        Duration window = s.duration("presence.input-window", d.inputWindow());
        double low = s.number("presence.body-heat-low", d.bodyHeatLow().celsius());
        double high = s.number("presence.body-heat-high", d.bodyHeatHigh().celsius());
        Duration ttl = s.duration("presence.report-ttl", d.reportTtl());
        Duration grace = s.duration("presence.link-grace", d.linkGrace());
        return s.check("presence", () -> new PresenceSettings(window, new Temperature(low), new Temperature(high), ttl, grace));
    }

    private static LinkSettings link(Settings s) {
        LinkSettings d = LinkSettings.DEFAULTS;
        return s.check("link", () -> new LinkSettings(
                s.duration("link.heartbeat", d.heartbeat()),
                s.duration("link.probe-deadline", d.probeDeadline()),
                s.duration("link.ack-timeout", d.ackTimeout()),
                s.duration("link.hello-timeout", d.helloTimeout()),
                (int) Math.min(Integer.MAX_VALUE, s.bytes("link.max-message-size", d.maxMessageBytes())),
                s.number("link.rate", d.messagesPerSecond()),
                s.count("link.burst", d.burst()),
                s.count("link.max-strikes", d.maxStrikes()),
                s.list("link.allowed-origins", d.allowedOrigins()))
                .withMaxQueuedBytes(s.bytes("link.max-queued-bytes", d.maxQueuedBytes()))
                .withMaxTotalQueuedBytes(s.bytes("link.max-total-queued-bytes", d.maxTotalQueuedBytes()))
                .withMaxRoutingQueue(s.count("link.max-routing-queue", d.maxRoutingQueue()))
                .withMaxUnidentified(s.count("link.max-connections-before-hello", d.maxUnidentified())));
    }

    private static UpstreamSettings upstream(Settings s) {
        UpstreamSettings d = UpstreamSettings.DEFAULTS;
        return s.check("upstream", () -> new UpstreamSettings(
                s.duration("upstream.idle-renewal", d.idleRenewal()),
                s.duration("upstream.poll-interval", d.pollInterval()),
                s.duration("upstream.backoff-initial", d.backoffInitial()),
                s.duration("upstream.backoff-max", d.backoffMax()),
                s.duration("upstream.connect-timeout", d.connectTimeout()),
                s.duration("upstream.read-timeout", d.readTimeout()),
                s.flag("upstream.allow-private-addresses", d.allowPrivateAddresses()),
                s.count("upstream.max-attempts", d.maxAttempts()),
                s.duration("upstream.give-up-after", d.giveUpAfter()),
                s.bytes("upstream.max-message-size", d.maxMessageBytes())));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address of this machine");
        }
    }

    private static InetAddress broadcast(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a broadcast address such as 255.255.255.255 or 192.168.1.255");
        }
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName().toLowerCase(Locale.ROOT);
            return name.matches("[a-z0-9.-]+") && !name.startsWith(".") ? name : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
