package org.mailpush.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.mailpush.device.DeviceId;
import org.mailpush.device.DeviceRegistry;
import org.mailpush.device.DeviceType;
import org.mailpush.device.PushChannel;
import org.mailpush.ingest.smtp.SmtpReplies;
import org.mailpush.ingest.upstream.WatcherStatus;
import org.mailpush.mail.StoredMail;
import org.mailpush.push.Outbox;
import org.mailpush.push.PushTransport;
import org.mailpush.push.RoutingStore;
import org.mailpush.push.Waker;

/**
 * The server's meters, in one Prometheus registry: what each series means is in
 * docs/configuration.md ("Health and metrics"). The composition root asks for the decorators and
 * listeners here and puts them between the components; {@link #scrape()} is what {@code /metrics}
 * answers.
 */
public final class Metrics implements AutoCloseable {
    /** The histogram buckets of every latency: from a millisecond to a minute. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    /** The Prometheus text format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InstantSource clock;
    private final Acceptances acceptances = new Acceptances();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<DeviceId, DeviceType> types = new ConcurrentHashMap<>();

    public Metrics(InstantSource clock) {
        this.clock = clock;
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** The registry, e.g. for the store's connection pool to report to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every series now, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts the SMTP receiver's replies to MAIL, RCPT and DATA by command and code: {@code mailpush_smtp_replies_total}. */
    public SmtpReplies smtpReplies() {
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        return (command, code) -> counters.computeIfAbsent(command + code, key -> Counter.builder("mailpush.smtp.replies")
                .description("SMTP replies to MAIL, RCPT and DATA; DATA 250 is a mail accepted")
                .tag("command", command).tag("code", Integer.toString(code)).register(registry)).increment();
    }

    /**
     * Wraps what is told of each newly stored mail (routing): times the store, from the mail's
     * acceptance to its commit ({@code mailpush_ingest_seconds}), and remembers the acceptance for the
     * latencies measured later.
     */
    public Consumer<StoredMail> stored(Consumer<StoredMail> next) {
        Timer ingest = timer("mailpush.ingest", "from a mail's acceptance (SMTP DATA or upstream fetch) to its commit in the store")
                .register(registry);
        return mail -> {
            ingest.record(Duration.between(mail.receivedAt(), clock.instant()));
            acceptances.accepted(mail.id(), mail.receivedAt());
            next.accept(mail);
        };
    }

    /** Times routing and writes the one log line per mail: {@code mailpush_routing_seconds}. */
    public RoutingStore routings(RoutingStore store) {
        return new RoutingMeter(store, acceptances, registry, clock);
    }

    /**
     * Counts deliveries by state and channel ({@code mailpush_deliveries_total}) and measures the
     * latency from a mail's acceptance to its terminal ({@code mailpush_push_latency_seconds}).
     *
     * @param onLink whether a device's terminal is connected on its link now: a delivery sent then
     *               went over the link, else through its push channels
     */
    public Outbox outbox(Outbox outbox, Predicate<DeviceId> onLink) {
        return new OutboxMeter(outbox, onLink, acceptances, registry, clock);
    }

    /** Counts and times one kind of push channel's sends: {@code mailpush_push_channel_*}. */
    public PushTransport transport(PushChannel.Kind kind, PushTransport transport) {
        return new TransportMeter(kind.token(), transport, registry, clock);
    }

    /** Counts and times Wake-on-LAN signals as the push channel {@code wake-on-lan}. */
    public Waker waker(Waker waker) {
        return new WakerMeter(waker, registry, clock);
    }

    /** The connected terminals by device type: {@code mailpush_terminals_connected}. */
    public void terminals(Supplier<List<DeviceId>> connected, DeviceRegistry devices) {
        for (DeviceType type : DeviceType.values()) {
            Gauge.builder("mailpush.terminals.connected", () -> connected.get().stream()
                            .filter(device -> type.equals(typeOf(device, devices))).count())
                    .description("terminals connected on their link now, by device type")
                    .tag("type", type.name().toLowerCase(Locale.ROOT)).strongReference(true).register(registry);
        }
    }

    private DeviceType typeOf(DeviceId device, DeviceRegistry devices) {
        if (types.size() > Acceptances.MOST) {
            types.clear();
        }
        DeviceType known = types.get(device);
        if (known != null) {
            return known;
        }
        return devices.find(device).map(d -> {
            types.put(device, d.type());
            return d.type();
        }).orElse(null);
    }

    /** The upstream watchers by status: {@code mailpush_upstream_watchers}. */
    public void watchers(Supplier<Map<?, WatcherStatus>> statuses) {
        for (String status : List.of("connecting", "idle", "polling", "failed", "gave-up", "paused", "stopped")) {
            Gauge.builder("mailpush.upstream.watchers", () -> statuses.get().values().stream()
                            .filter(s -> status.equals(word(s))).count())
                    .description("upstream IMAP/POP3 watchers by what they are doing now")
                    .tag("status", status).strongReference(true).register(registry);
        }
    }

    static String word(WatcherStatus status) {
        return switch (status) {
            case WatcherStatus.Connecting connecting -> "connecting";
            case WatcherStatus.Idle idle -> "idle";
            case WatcherStatus.Polling polling -> "polling";
            case WatcherStatus.Failed failed -> "failed";
            case WatcherStatus.GaveUp gaveUp -> "gave-up";
            case WatcherStatus.Paused paused -> "paused";
            case WatcherStatus.Stopped stopped -> "stopped";
        };
    }

    static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
