package org.mailpush.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailpush.bench.latency.LatencyBenchmark;
import org.mailpush.bench.latency.LatencyOptions;
import org.mailpush.bench.report.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"End-to-end push latency: N terminals connected over WebSocket, mails sent over SMTP one at a time,",
            "each timed from its 250 to the chosen terminal receiving it, in heartbeat and probe mode;",
            "beside it IMAP IDLE on GreenMail, and a bare WebSocket echo."})
final class LatencyCommand implements Callable<Integer> {
    @Option(names = "--terminals", defaultValue = "10000", description = "Terminals connected (default: ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--devices-per-user", defaultValue = "2", description = "Terminals per user (default: ${DEFAULT-VALUE}).")
    int devicesPerUser;

    @Option(names = "--mails", defaultValue = "2000", description = "Mails measured per way (default: ${DEFAULT-VALUE}).")
    int mails;

    @Option(names = "--warmup", defaultValue = "300", description = "Mails sent first, not measured, per way (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--mail-size", defaultValue = "2048", description = "Bytes per mail (default: ${DEFAULT-VALUE}).")
    int mailSize;

    @Option(names = "--connections-per-address", defaultValue = "25000",
            description = "Terminals per loopback source address, 127.0.0.1, 127.0.0.2, … (default: ${DEFAULT-VALUE}).")
    int connectionsPerAddress;

    @Mixin
    RunOptions run;

    Result measure() throws InterruptedException {
        var workspace = run.workspace("latency");
        try {
            return LatencyBenchmark.run(new LatencyOptions(terminals, devicesPerUser, mails, warmup, mailSize, connectionsPerAddress,
                    Duration.ofSeconds(30), workspace));
        } finally {
            workspace.deleteData();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        run.report(List.of(measure()));
        return 0;
    }
}
