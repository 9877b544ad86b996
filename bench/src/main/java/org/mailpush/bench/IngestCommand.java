package org.mailpush.bench;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mailpush.bench.ingest.IngestBenchmark;
import org.mailpush.bench.ingest.IngestOptions;
import org.mailpush.bench.report.Result;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest",
        description = {"SMTP ingest throughput, durable, on H2 and PostgreSQL, next to GreenMail and (--peers) Postfix.",
            "",
            "K clients send mail as fast as it is accepted, to mailpush on H2, on PostgreSQL (a schema of its own),",
            "to GreenMail and, with --peers, to Postfix delivering over LMTP to Dovecot (installed from Debian's",
            "packages when missing, which needs root); each once on persistent connections and once with a new",
            "connection per mail. The same-run ratios, then mails/s, the time of one SMTP transaction, the server's CPU."})
final class IngestCommand implements Callable<Integer> {
    @Option(names = "--clients", paramLabel = "N", defaultValue = "20", description = "Concurrent SMTP clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "N", defaultValue = "30", description = "Seconds measured per server (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--mail-size", paramLabel = "N", defaultValue = "2048", description = "Bytes per mail (default: ${DEFAULT-VALUE}).")
    int mailSize;

    @Option(names = "--users", paramLabel = "N", defaultValue = "100", description = "Recipients (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--devices-per-user", paramLabel = "N", defaultValue = "2",
            description = "Terminals per recipient, enrolled but not connected (default: ${DEFAULT-VALUE}).")
    int devicesPerUser;

    @Option(names = "--postgres-url", paramLabel = "URL", defaultValue = "${env:MAILPUSH_TEST_POSTGRES_URL:-jdbc:postgresql://localhost:5432/mailpush_test}",
            description = "The PostgreSQL to measure on, in a schema of its own (default: ${DEFAULT-VALUE}, as scripts/test-services makes it).")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "${env:MAILPUSH_TEST_POSTGRES_USER:-mailpush}",
            description = "(default: ${DEFAULT-VALUE})")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD", defaultValue = "${env:MAILPUSH_TEST_POSTGRES_PASSWORD:-mailpush}",
            description = "(default: ${DEFAULT-VALUE})")
    String postgresPassword;

    @Option(names = "--servers", split = ",", paramLabel = "SERVER,…", defaultValue = "h2,postgres,greenmail",
            description = "The servers to measure: h2, postgres, greenmail, postfix (default: ${DEFAULT-VALUE}; --peers adds postfix).")
    Set<IngestOptions.Server> servers;

    @Option(names = "--peers", description = "Measure Postfix → LMTP → Dovecot too, in a private configuration on loopback"
            + " (installs the Debian packages postfix, dovecot-imapd and dovecot-lmtpd when missing; needs root).")
    boolean peers;

    @Option(names = "--connections", split = ",", paramLabel = "WAY,…", defaultValue = "persistent,per-mail",
            converter = ConnectionsConverter.class,
            description = "How the clients connect, each measured: persistent (one connection per client) and per-mail"
                    + " (a new connection for each mail) (default: ${DEFAULT-VALUE}).")
    Set<IngestOptions.Connections> connections;

    @Mixin
    RunOptions run;

    static final class ConnectionsConverter implements CommandLine.ITypeConverter<IngestOptions.Connections> {
        @Override
        public IngestOptions.Connections convert(String value) {
            return IngestOptions.Connections.of(value);
        }
    }

    Result measure() throws InterruptedException {
        var postgres = new IngestOptions.Postgres(postgresUrl, postgresUser, postgresPassword);
        Set<IngestOptions.Server> measured = EnumSet.copyOf(servers);
        if (peers) {
            measured.add(IngestOptions.Server.POSTFIX);
        }
        return run.measure("ingest", workspace -> IngestBenchmark.run(new IngestOptions(clients, Duration.ofSeconds(seconds),
                Duration.ofSeconds(warmup), mailSize, users, devicesPerUser, measured, connections, postgres, workspace)));
    }

    @Override
    public Integer call() throws InterruptedException {
        run.report(List.of(measure()));
        return 0;
    }
}
