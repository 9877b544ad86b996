package org.mailpush.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mailpush.bench.host.HostProcess;
import org.mailpush.bench.host.NatsProcess;
import org.mailpush.bench.load.Latencies;
import org.mailpush.bench.load.Population;
import org.mailpush.bench.load.SmtpClient;
import org.mailpush.bench.load.Terminal;
import org.mailpush.bench.load.TestMail;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;
import org.mailpush.presence.UsageReport;
import org.mailpush.protocol.ServerMessage;

/**
 * The cluster benchmark (docs/cluster.md): the SMTP ingest load against 1, 2, … nodes on one
 * PostgreSQL schema and one {@code nats-server}, the clients spread evenly over the nodes; mails/s,
 * transaction times, and each node's CPU per mail; before that load, the latency of mail taken by one
 * node to a terminal on another. All nodes share this machine's cores, so the figures show what a node
 * costs, not what more machines would add.
 */
public final class ClusterBenchmark {
    public static final String TABLE = "Cluster ingest";
    public static final List<String> COLUMNS = List.of("nodes", "mails/s", "p50 ms", "p99 ms", "CPU % (all nodes)",
            "CPU ms per mail (all nodes)", "CPU ms per mail, busiest node");
    public static final String LATENCY = "Cluster latency, mail taken by the node after the terminal's";
    public static final List<String> LATENCY_COLUMNS = List.of("nodes", "p50 ms", "p90 ms", "p99 ms", "max ms", "mails");
    /** Terminals connected for the latency, one per user, and mails sent to them one after another. */
    private static final int LATENCY_TERMINALS = 10;
    private static final int LATENCY_MAILS = 100;

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
        List<Table.Row> latencyRows = new ArrayList<>();
        for (int nodes = 1; nodes <= maxNodes; nodes++) {
            var postgres = options.postgres();
            try (var schema = new PostgresSchema(postgres); NatsProcess nats = NatsProcess.start()) {
                Latencies latencies = new Latencies();
                SmtpLoad.Figures figures = measure(options, nodes, schema, nats, latencies);
                var latency = latencies.summary();
                latencyRows.add(Table.Row.of(Integer.toString(nodes), latency.p50(), latency.p90(), latency.p99(), latency.max(),
                        (double) latency.count()));
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
        result.table(new Table(LATENCY, LATENCY_COLUMNS, latencyRows));
        result.note("every node runs on this machine: they share its cores with PostgreSQL, nats-server and the SMTP clients, so more"
                + " nodes here add coordination, not capacity; on machines of their own, mails/s would grow with the nodes until PostgreSQL"
                + " (one commit per mail, its WAL flushed) is the limit, and the CPU per mail of one node is what each added machine must have");
        result.note("latency: before the ingest load, " + LATENCY_TERMINALS + " terminals, one per user, connect to the nodes in turn and get "
                + LATENCY_MAILS + " mails one after another, each sent to the node after its terminal's (with one node, that node): from"
                + " the 250 to the mail on the terminal, through the routing node's signal over NATS to the terminal's node");
        result.note("every mail goes to a user with " + options.devicesPerUser() + " terminals, none connected: each is stored, claimed,"
                + " routed (plan kept) and queued in the outbox by the node that took it");
        return result.build();
    }

    /**
     * Connects one terminal of each member to the nodes in turn, sends each mail to the node after its
     * terminal's, one after another, and records from each 250 to the mail on the terminal.
     */
    private static void latency(List<HostProcess> nodes, List<Population.Member> members, int mailBytes, Latencies latencies)
            throws InterruptedException {
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();
        Terminal.Events events = new Terminal.Events() {
            @Override
            public void mail(Terminal terminal, ServerMessage.Mail mail, long nanos) {
                CountDownLatch latch = arrived.get(mail.summary().subject());
                if (latch != null && arrivedAt.putIfAbsent(mail.summary().subject(), nanos) == null) {
                    latch.countDown();
                }
            }
        };
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        try {
            for (int m = 0; m < members.size(); m++) {
                Population.Member member = members.get(m);
                Population.Enrolled device = member.devices().getFirst();
                Terminal terminal = new Terminal(member.user(), device.device(), device.token(), UsageReport::on, events);
                URI link = URI.create("ws://127.0.0.1:" + nodes.get(m % nodes.size()).port("http") + "/api/link");
                sockets.add(http.newWebSocketBuilder().buildAsync(link, terminal).join());
                terminal.welcomed().orTimeout(30, TimeUnit.SECONDS).join();
            }
            List<SmtpClient> smtp = nodes.stream().map(node -> new SmtpClient(node.port("smtp"))).toList();
            try {
                for (int i = 0; i < LATENCY_MAILS; i++) {
                    int m = i % members.size();
                    String subject = "latency " + i;
                    arrived.put(subject, new CountDownLatch(1));
                    var sent = smtp.get((m + 1) % nodes.size()).send("sender@bench.example", members.get(m).address(),
                            TestMail.of("sender@bench.example", members.get(m).address(), subject, mailBytes));
                    if (arrived.get(subject).await(10, TimeUnit.SECONDS)) {
                        // The mail may be on the terminal before the client has read its 250: that counts as no wait.
                        latencies.add(Math.max(0, arrivedAt.get(subject) - sent.accepted()));
                    }
                }
            } finally {
                smtp.forEach(SmtpClient::close);
            }
        } finally {
            sockets.forEach(socket -> socket.abort());
        }
    }

    private static SmtpLoad.Figures measure(IngestOptions options, int count, PostgresSchema schema, NatsProcess nats, Latencies latencies)
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
            List<Population.Member> members = Population.enrol(nodes.getFirst().port("http"), data.getFirst(), options.users(),
                    Math.max(1, options.devicesPerUser()), 16);
            latency(nodes, members.subList(0, Math.min(LATENCY_TERMINALS, members.size())), options.mailBytes(), latencies);
            List<String> recipients = members.stream().map(Population.Member::address).toList();
            return SmtpLoad.run(SmtpLoad.Target.of(nodes), options, IngestOptions.Connections.PERSISTENT, recipients);
        } finally {
            nodes.forEach(HostProcess::close);
        }
    }
}
