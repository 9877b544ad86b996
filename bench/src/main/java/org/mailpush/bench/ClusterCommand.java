package org.mailpush.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mailpush.bench.ingest.ClusterBenchmark;
import org.mailpush.bench.ingest.IngestOptions;
import org.mailpush.bench.report.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "cluster",
        description = {"SMTP ingest with 1, 2, … nodes of a cluster on one PostgreSQL and one nats-server (docs/cluster.md).",
            "",
            "K persistent SMTP clients spread over the nodes send mail as fast as it is accepted; mails/s, the time of one",
            "SMTP transaction, and the nodes' CPU per mail. Needs PostgreSQL (scripts/test-services) and nats-server."})
final class ClusterCommand implements Callable<Integer> {
    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Measure 1 to N nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "12", description = "Concurrent SMTP clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "N", defaultValue = "20", description = "Seconds measured per cluster size (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--mail-size", paramLabel = "N", defaultValue = "2048", description = "Bytes per mail (default: ${DEFAULT-VALUE}).")
    int mailSize;

    @Option(names = "--users", paramLabel = "N", defaultValue = "100", description = "Recipients (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--devices-per-user", paramLabel = "N", defaultValue = "2",
            description = "Terminals per recipient, enrolled but not connected (default: ${DEFAULT-VALUE}).")
    int devicesPerUser;

    @Option(names = "--postgres-url", paramLabel = "URL", defaultValue = "${env:MAILPUSH_TEST_POSTGRES_URL:-jdbc:postgresql://localhost:5432/mailpush_test}",
            description = "The PostgreSQL the nodes share, in a schema of its own (default: ${DEFAULT-VALUE}).")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "${env:MAILPUSH_TEST_POSTGRES_USER:-mailpush}",
            description = "(default: ${DEFAULT-VALUE})")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD", defaultValue = "${env:MAILPUSH_TEST_POSTGRES_PASSWORD:-mailpush}",
            description = "(default: ${DEFAULT-VALUE})")
    String postgresPassword;

    @Mixin
    RunOptions run;

    Result measure() throws InterruptedException {
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, got " + nodes);
        }
        var postgres = new IngestOptions.Postgres(postgresUrl, postgresUser, postgresPassword);
        return run.measure("cluster", workspace -> ClusterBenchmark.run(new IngestOptions(clients, Duration.ofSeconds(seconds),
                Duration.ofSeconds(warmup), mailSize, users, devicesPerUser, Set.of(IngestOptions.Server.POSTGRES),
                Set.of(IngestOptions.Connections.PERSISTENT), postgres, workspace), nodes));
    }

    @Override
    public Integer call() throws InterruptedException {
        run.report(List.of(measure()));
        return 0;
    }
}
