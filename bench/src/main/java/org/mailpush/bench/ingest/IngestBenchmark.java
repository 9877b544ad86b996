package org.mailpush.bench.ingest;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.load.Population;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;
import org.mailpush.bench.report.Target;

/** The ingest benchmark: the same SMTP load against mailpush on H2, on PostgreSQL, and against GreenMail. */
public final class IngestBenchmark {
    public static final String TABLE = "SMTP ingest";
    public static final List<String> COLUMNS = List.of("server", "mails/s", "p50 ms", "p99 ms", "server CPU %", "mails");
    public static final String H2 = "mailpush, H2 (embedded file)";
    public static final String POSTGRES = "mailpush, PostgreSQL";
    public static final String GREENMAIL = "GreenMail (in memory, not durable)";
    private static final int TARGET_CLIENTS = 20;

    private IngestBenchmark() {}

    public static Result run(IngestOptions options) throws InterruptedException {
        var result = Result.begin("ingest", "SMTP ingest throughput")
                .parameter("SMTP clients", options.clients())
                .parameter("measured (s)", options.duration().toSeconds())
                .parameter("warm-up (s)", options.warmup().toSeconds())
                .parameter("mail size (bytes)", options.mailBytes())
                .parameter("recipients", options.users())
                .parameter("terminals per recipient (not connected)", options.devicesPerUser());
        if (!options.workspace().serverSettings().isEmpty()) {
            result.parameter("mailpush settings", String.join(" ", options.workspace().serverSettings()));
        }
        List<Table.Row> rows = new ArrayList<>();
        SmtpLoad.Figures h2 = null;
        if (options.servers().contains(IngestOptions.Server.H2)) {
            h2 = mailpush(options, "h2", List.of());
            rows.add(row(H2, h2));
        }
        if (options.servers().contains(IngestOptions.Server.POSTGRES)) {
            var server = options.postgres();
            try (var schema = new PostgresSchema(server)) {
                var postgres = mailpush(options, "postgres", List.of("database.url=" + schema.url(),
                        "database.user=" + server.user(), "database.password=" + server.password()));
                rows.add(row(POSTGRES + " " + schema.version().replaceAll(" .*", ""), postgres));
            } catch (SQLException e) {
                result.note("PostgreSQL left out: cannot use " + server.url() + " (" + e.getMessage() + ")");
            }
        }
        if (options.servers().contains(IngestOptions.Server.GREENMAIL)) {
            rows.add(row(GREENMAIL, greenMail(options)));
        }
        result.table(new Table(TABLE, COLUMNS, rows));
        String clients = options.clients() == TARGET_CLIENTS ? "" : "with " + options.clients() + " clients, not " + TARGET_CLIENTS;
        if (h2 != null) {
            result.target(Target.atLeast("durable mails/s on H2 with 20 SMTP clients", 2000, h2.perSecond(), "mails/s", clients));
        }
        result.note("every mail goes to a user with " + options.devicesPerUser()
                + " terminals, none connected: each is stored, routed (plan kept) and queued in the outbox before or while the next arrives");
        return result.build();
    }

    private static SmtpLoad.Figures mailpush(IngestOptions options, String name, List<String> database) throws InterruptedException {
        Path data = options.workspace().data("ingest-" + name);
        List<String> settings = new ArrayList<>(List.of("data-dir=" + data, "smtp.port=0", "http.port=0",
                // Every client comes from 127.0.0.1; the default allows 10 connections per address.
                "smtp.max-connections-per-address=" + (options.clients() + 1),
                "smtp.max-connections=" + Math.max(100, options.clients() + 1)));
        settings.addAll(database);
        try (HostProcess host = options.workspace().start("ingest-mailpush-" + name, "mailpush", settings)) {
            List<String> recipients = Population.enrol(host.port("http"), data, options.users(), options.devicesPerUser(), 16).stream()
                    .map(Population.Member::address).toList();
            return SmtpLoad.run(host, options, recipients);
        }
    }

    private static SmtpLoad.Figures greenMail(IngestOptions options) throws InterruptedException {
        List<String> recipients = IntStream.range(0, options.users()).mapToObj(u -> "u" + u + "@" + Population.DOMAIN).toList();
        List<String> arguments = new ArrayList<>(List.of("secret"));
        arguments.addAll(recipients);
        try (HostProcess host = options.workspace().start("ingest-greenmail", "greenmail", arguments)) {
            return SmtpLoad.run(host, options, recipients);
        }
    }

    private static Table.Row row(String server, SmtpLoad.Figures figures) {
        var transactions = figures.transactions().summary();
        return Table.Row.of(server, figures.perSecond(), transactions.p50(), transactions.p99(), figures.serverCpuPercent(),
                (double) figures.accepted());
    }
}
