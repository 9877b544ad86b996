package org.mailpush.bench.ingest;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.host.NatsProcess;
import org.mailpush.bench.load.Population;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;

/**
 * The cluster benchmark (docs/cluster.md): the SMTP ingest load against 1, 2, … nodes on one
 * PostgreSQL schema and one {@code nats-server}, the clients spread evenly over the nodes; mails/s,
 * transaction times, and each node's CPU per mail. All nodes share this machine's cores, so the
 * figures show what a node costs, not what more machines would add.
 */
public final class ClusterBenchmark {
    public static final String TABLE = "Cluster ingest";
    public static final List<String> COLUMNS = List.of("nodes", "mails/s", "p50 ms", "p99 ms", "CPU % (all nodes)",
            "CPU ms per mail (all nodes)", "CPU ms per mail, busiest node");

    private ClusterBenchmark() {}

    public static Result run(IngestOptions options, int maxNodes) throws InterruptedException {
        var result = Result.begin("cluster", "Several nodes as one service: ingest")
                .parameter("SMTP clients (persistent, spread over the nodes)", options.clients())
                .parameter("measured (s)", options.duration().toSeconds())
                .parameter("warm-up (s)", options.warmup().toSeconds())
                .parameter("mail size (bytes)", options.mailBytes())
                .parameter("recipients", options.users())
                .parameter("terminals per recipient (not connected)", options.devicesPerUser())
                .parameter("cores", Runtime.getRuntime().availableProcessors());
        List<Table.Row> rows = new ArrayList<>();
        for (int nodes = 1; nodes <= maxNodes; nodes++) {
            var postgres = options.postgres();
            try (var schema = new PostgresSchema(postgres); NatsProcess nats = NatsProcess.start()) {
                SmtpLoad.Figures figures = measure(options, nodes, schema, nats);
                double seconds = figures.measured().toNanos() / 1e9;
                double perMail = figures.serverCpuPercent() / 100 * seconds * 1000 / Math.max(1, figures.accepted());
                double busiest = figures.serverCpuPercents().stream().mapToDouble(Double::doubleValue).max().orElse(0) / 100 * seconds * 1000
                        / Math.max(1, figures.accepted());
                var transactions = figures.transactions().summary();
                rows.add(Table.Row.of(Integer.toString(nodes), figures.perSecond(), transactions.p50(), transactions.p99(),
                        figures.serverCpuPercent(), perMail, busiest));
            } catch (SQLException e) {
                result.note("left out: cannot use PostgreSQL at " + postgres.url() + " (" + e.getMessage() + ")");
                break;
            }
        }
        result.table(new Table(TABLE, COLUMNS, rows));
        result.note("every node runs on this machine: they share its cores with PostgreSQL, nats-server and the SMTP clients, so more"
                + " nodes here add coordination, not capacity; on machines of their own, mails/s would grow with the nodes until PostgreSQL"
                + " (one commit per mail, its WAL flushed) is the limit, and the CPU per mail of one node is what each added machine must have");
        result.note("every mail goes to a user with " + options.devicesPerUser() + " terminals, none connected: each is stored, claimed,"
                + " routed (plan kept) and queued in the outbox by the node that took it");
        return result.build();
    }

    private static SmtpLoad.Figures measure(IngestOptions options, int count, PostgresSchema schema, NatsProcess nats)
            throws InterruptedException {
        List<HostProcess> nodes = new ArrayList<>();
        try {
            List<Path> data = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                Path directory = options.workspace().data("cluster-" + count + "-node-" + n);
                data.add(directory);
                List<String> settings = new ArrayList<>(List.of("data-dir=" + directory, "smtp.port=0", "http.port=0",
                        "smtp.max-connections-per-address=" + (options.clients() + 1), "smtp.max-connections=" + Math.max(100, options.clients() + 1),
                        "database.url=" + schema.url(), "database.user=" + options.postgres().user(),
                        "database.password=" + options.postgres().password(), "cluster.nats-url=" + nats.url(), "cluster.node-id=node-" + n));
                nodes.add(options.workspace().start("cluster-" + count + "-node-" + n, "mailpush", settings));
            }
            List<String> recipients = Population.enrol(nodes.getFirst().port("http"), data.getFirst(), options.users(), options.devicesPerUser(), 16)
                    .stream().map(Population.Member::address).toList();
            return SmtpLoad.run(SmtpLoad.Target.of(nodes), options, IngestOptions.Connections.PERSISTENT, recipients);
        } finally {
            nodes.forEach(HostProcess::close);
        }
    }
}
