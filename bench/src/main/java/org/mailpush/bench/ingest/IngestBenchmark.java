package org.mailpush.bench.ingest;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.Population;
import org.mailpush.bench.peers.PeerServers;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;
import org.mailpush.bench.report.Target;

/**
 * The ingest benchmark: the same SMTP load against mailpush on H2, on PostgreSQL, against GreenMail
 * and against Postfix (delivering to Dovecot), each with persistent connections and with a new
 * connection per mail; the same-run ratios first, then the figures.
 */
public final class IngestBenchmark {
    public static final String TABLE = "SMTP ingest";
    public static final String RATIOS = "SMTP ingest, same-run ratios of mails/s";
    public static final List<String> COLUMNS = List.of("server", "mails/s", "p50 ms", "p99 ms", "server CPU %", "mails");
    public static final String H2 = "mailpush, H2 (embedded file)";
    public static final String POSTGRES = "mailpush, PostgreSQL";
    public static final String GREENMAIL = "GreenMail (in memory, not durable)";
    public static final String POSTFIX = "Postfix → LMTP → Dovecot";
    public static final String H2_OVER_POSTFIX = "mailpush (H2) / Postfix";
    public static final String H2_OVER_GREENMAIL = "mailpush (H2) / GreenMail";
    private static final int TARGET_CLIENTS = 20;

    private IngestBenchmark() {}

    public static Result run(IngestOptions options) throws InterruptedException {
        var result = Result.begin("ingest", "SMTP ingest throughput")
                .parameter("SMTP clients", options.clients())
                .parameter("connections", String.join(", ", options.connections().stream().sorted()
                        .map(c -> c == IngestOptions.Connections.PERSISTENT ? "persistent" : "a new one per mail").toList()))
                .parameter("measured (s)", options.duration().toSeconds())
                .parameter("warm-up (s)", options.warmup().toSeconds())
                .parameter("mail size (bytes)", options.mailBytes())
                .parameter("recipients", options.users())
                .parameter("terminals per recipient (not connected)", options.devicesPerUser());
        if (!options.workspace().serverSettings().isEmpty()) {
            result.parameter("mailpush settings", String.join(" ", options.workspace().serverSettings()));
        }
        List<Table.Row> rows = new ArrayList<>();
        // mails/s by server and way of connecting, for the ratios
        Map<IngestOptions.Server, Map<IngestOptions.Connections, Double>> rates = new TreeMap<>();
        for (IngestOptions.Server server : List.of(IngestOptions.Server.H2, IngestOptions.Server.POSTGRES, IngestOptions.Server.GREENMAIL,
                IngestOptions.Server.POSTFIX)) {
            if (!options.servers().contains(server)) {
                continue;
            }
            for (IngestOptions.Connections connections : options.connections().stream().sorted().toList()) {
                var measured = measure(server, connections, options, result);
                if (measured != null) {
                    rows.add(row(measured.name() + label(connections, options), measured.figures()));
                    rates.computeIfAbsent(server, s -> new TreeMap<>()).put(connections, measured.figures().perSecond());
                }
            }
        }
        List<Table.Row> ratios = new ArrayList<>();
        ratio(H2_OVER_POSTFIX, rates, IngestOptions.Server.POSTFIX, options).ifPresent(ratios::add);
        ratio(H2_OVER_GREENMAIL, rates, IngestOptions.Server.GREENMAIL, options).ifPresent(ratios::add);
        if (!ratios.isEmpty()) {
            result.table(new Table(RATIOS, ratioColumns(options), ratios));
        }
        result.table(new Table(TABLE, COLUMNS, rows));
        String clients = options.clients() == TARGET_CLIENTS ? "" : "with " + options.clients() + " clients, not " + TARGET_CLIENTS;
        Double h2 = rates.getOrDefault(IngestOptions.Server.H2, Map.of()).get(IngestOptions.Connections.PERSISTENT);
        if (h2 != null) {
            result.target(Target.atLeast("durable mails/s on H2 with 20 SMTP clients", 2000, h2, "mails/s", clients));
        }
        result.note("every mail goes to a user with " + options.devicesPerUser()
                + " terminals, none connected: each is stored, routed (plan kept) and queued in the outbox before or while the next arrives");
        if (options.servers().contains(IngestOptions.Server.POSTFIX)) {
            result.note("Postfix (Debian's package, its defaults but for loopback and no chroot) fsyncs each mail's queue file before its 250,"
                    + " then delivers it over LMTP to Dovecot, which keeps it in a maildir (fsynced); its CPU is all its and Dovecot's processes");
        }
        return result.build();
    }

    private record Measured(String name, SmtpLoad.Figures figures) {}

    private static Measured measure(IngestOptions.Server server, IngestOptions.Connections connections, IngestOptions options,
            Result.Builder result) throws InterruptedException {
        return switch (server) {
            case H2 -> new Measured(H2, mailpush(options, connections, "h2", List.of()));
            case POSTGRES -> {
                var postgres = options.postgres();
                try (var schema = new PostgresSchema(postgres)) {
                    var figures = mailpush(options, connections, "postgres", List.of("database.url=" + schema.url(),
                            "database.user=" + postgres.user(), "database.password=" + postgres.password()));
                    yield new Measured(POSTGRES + " " + schema.version().replaceAll(" .*", ""), figures);
                } catch (SQLException e) {
                    result.note("PostgreSQL left out: cannot use " + postgres.url() + " (" + e.getMessage() + ")");
                    yield null;
                }
            }
            case GREENMAIL -> new Measured(GREENMAIL, greenMail(options, connections));
            case POSTFIX -> postfix(options, connections);
        };
    }

    private static String label(IngestOptions.Connections connections, IngestOptions options) {
        return options.connections().size() == 1 ? "" : connections == IngestOptions.Connections.PERSISTENT ? ", persistent"
                : ", new connection per mail";
    }

    private static List<String> ratioColumns(IngestOptions options) {
        List<String> columns = new ArrayList<>(List.of("ratio"));
        options.connections().stream().sorted().forEach(c -> columns.add(c == IngestOptions.Connections.PERSISTENT
                ? options.clients() + " persistent sessions" : "new connection per mail"));
        return columns;
    }

    private static java.util.Optional<Table.Row> ratio(String name, Map<IngestOptions.Server, Map<IngestOptions.Connections, Double>> rates,
            IngestOptions.Server peer, IngestOptions options) {
        var h2 = rates.get(IngestOptions.Server.H2);
        var other = rates.get(peer);
        if (h2 == null || other == null) {
            return java.util.Optional.empty();
        }
        List<Double> values = options.connections().stream().sorted().map(c -> h2.get(c) / other.get(c)).toList();
        return java.util.Optional.of(new Table.Row(name, values));
    }

    private static SmtpLoad.Figures mailpush(IngestOptions options, IngestOptions.Connections connections, String name, List<String> database)
            throws InterruptedException {
        Path data = options.workspace().data("ingest-" + name);
        List<String> settings = new ArrayList<>(List.of("data-dir=" + data, "smtp.port=0", "http.port=0",
                // Persistent clients all come from 127.0.0.1; the default allows 10 connections per address.
                "smtp.max-connections-per-address=" + (options.clients() + 1),
                "smtp.max-connections=" + Math.max(100, options.clients() + 1)));
        settings.addAll(database);
        try (HostProcess host = options.workspace().start("ingest-mailpush-" + name, "mailpush", settings)) {
            List<String> recipients = Population.enrol(host.port("http"), data, options.users(), options.devicesPerUser(), 16).stream()
                    .map(Population.Member::address).toList();
            return SmtpLoad.run(SmtpLoad.Target.of(host), options, connections, recipients);
        }
    }

    private static List<String> plainRecipients(IngestOptions options) {
        return IntStream.range(0, options.users()).mapToObj(u -> "u" + u + "@" + Population.DOMAIN).toList();
    }

    private static SmtpLoad.Figures greenMail(IngestOptions options, IngestOptions.Connections connections) throws InterruptedException {
        List<String> recipients = plainRecipients(options);
        List<String> arguments = new ArrayList<>(List.of("secret"));
        arguments.addAll(recipients);
        try (HostProcess host = options.workspace().start("ingest-greenmail", "greenmail", arguments)) {
            return SmtpLoad.run(SmtpLoad.Target.of(host), options, connections, recipients);
        }
    }

    private static Measured postfix(IngestOptions options, IngestOptions.Connections connections) throws InterruptedException {
        try (var peers = PeerServers.start(options.workspace().log("ingest-peers"))) {
            var figures = SmtpLoad.run(new SmtpLoad.Target(peers.smtpPort(), peers::cpuNanos), options, connections, plainRecipients(options));
            return new Measured(peers.postfix() + " → LMTP → " + peers.dovecot(), figures);
        }
    }

    private static Table.Row row(String server, SmtpLoad.Figures figures) {
        var transactions = figures.transactions().summary();
        return Table.Row.of(server, figures.perSecond(), transactions.p50(), transactions.p99(), figures.serverCpuPercent(),
                (double) figures.accepted());
    }
}
