package org.mailpush.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailpush.bench.capacity.CapacityBenchmark;
import org.mailpush.bench.capacity.CapacityOptions;
import org.mailpush.bench.host.Workspace;
import org.mailpush.bench.ingest.ClusterBenchmark;
import org.mailpush.bench.ingest.IngestBenchmark;
import org.mailpush.bench.ingest.IngestOptions;
import org.mailpush.bench.latency.LatencyBenchmark;
import org.mailpush.bench.latency.LatencyOptions;
import org.mailpush.bench.peers.PeerServers;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;
import org.mailpush.bench.routing.RoutingOptions;
import org.mailpush.bench.routing.RoutingRun;

/**
 * Every benchmark once, with tiny sizes, against real servers in their own processes: each must
 * produce its figures. Whether they meet their targets is for real runs to say, not for CI.
 */
class BenchSmokeIT {
    private static final Map<String, String> ENVIRONMENT = System.getenv();

    @TempDir
    Path work;

    private Workspace workspace() {
        return new Workspace(work, List.of("-Xmx256m"), List.of());
    }

    @Test
    void latency() throws Exception {
        boolean peers = PeerServers.install(work.resolve("install.log"));
        // Two loopback source addresses for six terminals.
        Result result = LatencyBenchmark.run(new LatencyOptions(6, 2, 10, 3, 1024, 4, Duration.ofSeconds(20),
                new LatencyOptions.Hinted(10, 5, 10), peers ? 5 : 0, workspace()));

        Table table = result.table(LatencyBenchmark.TABLE);
        for (String way : List.of(LatencyBenchmark.HEARTBEAT, LatencyBenchmark.PROBE, LatencyBenchmark.AFTER_ANSWERS,
                LatencyBenchmark.IDLE_FETCHED, LatencyBenchmark.ECHO)) {
            assertThat(table.value(way, "p50")).as(way).isPositive();
            assertThat(table.value(way, "max")).as(way).isPositive();
            assertThat(table.value(way, "mails")).as(way).isEqualTo(10.0);
        }
        assertThat(table.value(LatencyBenchmark.IDLE_ANNOUNCED, "max")).isNotNaN();
        assertThat(result.targets()).hasSize(6);
        Table hinted = result.table(String.format(LatencyBenchmark.HINTED, 10, 5));
        for (String way : List.of(LatencyBenchmark.CLOSED_FULL, LatencyBenchmark.OPEN_FULL_DUE, LatencyBenchmark.OPEN_HINT)) {
            assertThat(hinted.value(way, "p50")).as(way).isPositive();
        }
        assertThat(hinted.value(LatencyBenchmark.CLOSED_HINT, "mails")).isEqualTo(40.0);
        assertThat(result.table(LatencyBenchmark.STAGES).value("open loop: keep (plan and deliveries)", "mails")).isEqualTo(10.0);
        if (peers) {
            assertThat(table.value(LatencyBenchmark.PEERS_FETCHED, "p50")).isPositive();
            assertThat(table.value(LatencyBenchmark.PEERS_FETCHED, "mails")).isEqualTo(5.0);
        }
    }

    @Test
    void ingest() throws Exception {
        var postgres = new IngestOptions.Postgres(
                ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/mailpush_test"),
                ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_USER", "mailpush"),
                ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_PASSWORD", "mailpush"));

        // The peers are installed from Debian's packages when missing: only a machine that cannot install them skips them.
        var servers = EnumSet.allOf(IngestOptions.Server.class);
        boolean peers = PeerServers.install(work.resolve("install.log"));
        if (!peers) {
            servers.remove(IngestOptions.Server.POSTFIX);
        }

        Result result = IngestBenchmark.run(new IngestOptions(2, Duration.ofSeconds(1), Duration.ofMillis(500), 1024, 3, 1,
                servers, EnumSet.allOf(IngestOptions.Connections.class), postgres, workspace()));

        Table table = result.table(IngestBenchmark.TABLE);
        assertThat(result.notes()).noneMatch(note -> note.startsWith("PostgreSQL left out"));
        assertThat(table.rows()).hasSize(servers.size() * 2);
        for (Table.Row row : table.rows()) {
            assertThat(row.values()).as(row.label()).allSatisfy(value -> assertThat(value).isPositive());
        }
        assertThat(result.table(IngestBenchmark.RATIOS).rows()).hasSize(peers ? 2 : 1);
    }

    @Test
    void cluster() throws Exception {
        var postgres = new IngestOptions.Postgres(
                ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/mailpush_test"),
                ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_USER", "mailpush"),
                ENVIRONMENT.getOrDefault("MAILPUSH_TEST_POSTGRES_PASSWORD", "mailpush"));

        Result result = ClusterBenchmark.run(new IngestOptions(2, Duration.ofSeconds(1), Duration.ofMillis(500), 1024, 3, 1,
                EnumSet.of(IngestOptions.Server.POSTGRES), EnumSet.of(IngestOptions.Connections.PERSISTENT), postgres, workspace()), 2);

        Table table = result.table(ClusterBenchmark.TABLE);
        assertThat(table.rows()).extracting(Table.Row::label).containsExactly("1", "2");
        for (Table.Row row : table.rows()) {
            assertThat(row.values()).as(row.label()).allSatisfy(value -> assertThat(value).isPositive());
        }
        Table latency = result.table(ClusterBenchmark.LATENCY);
        assertThat(latency.rows()).extracting(Table.Row::label).containsExactly("1", "2");
        assertThat(latency.value("2", "mails")).isEqualTo(100.0);
        assertThat(latency.value("2", "p50 ms")).isPositive();
    }

    @Test
    void capacity() throws Exception {
        // Heartbeats every 3 s make work enough to show in the CPU time of a 2 s window.
        Result result = CapacityBenchmark.run(new CapacityOptions(200, 2, Duration.ofSeconds(3), Duration.ofSeconds(2), 120, 20,
                workspace()));

        Table table = result.table(CapacityBenchmark.TABLE);
        // On a loaded machine a terminal may miss its hello or heartbeat deadline: the bench must then say so in its notes.
        double held = table.value(CapacityBenchmark.HELD, "value");
        assertThat(held).as("terminals held; notes: %s", result.notes()).isPositive().isLessThanOrEqualTo(200.0);
        if (held < 200) {
            assertThat(result.notes()).as("the terminals not held are explained")
                    .anyMatch(note -> note.contains("were disconnected during the run") || note.contains("could not connect"));
        }
        assertThat(table.value(CapacityBenchmark.HEAP, "value")).isPositive();
        assertThat(table.value(CapacityBenchmark.RSS, "value")).isNotNaN();
        // Idle terminals cost so little that a short window may see no CPU time at all.
        assertThat(table.value(CapacityBenchmark.CPU_IDLE, "value")).isNotNegative();
        assertThat(table.value(CapacityBenchmark.CPU_HEARTBEAT, "value")).isPositive();
        assertThat(table.value(CapacityBenchmark.CPU_PER_REPORT_COMPILED, "value")).isNotNaN();
    }

    @Test
    void routing() throws Exception {
        Result result = RoutingRun.run(new RoutingOptions(List.of(2, 5, 20), 0, 0, 1, Duration.ofMillis(200), true));

        Table table = result.table(RoutingRun.TABLE);
        for (String devices : List.of("2", "5", "20")) {
            assertThat(table.value(devices, "µs/plan")).as(devices + " terminals").isPositive();
            assertThat(table.value(devices, "allocated B/plan")).as(devices + " terminals").isPositive();
        }
    }
}
