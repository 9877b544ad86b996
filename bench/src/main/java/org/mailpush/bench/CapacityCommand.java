package org.mailpush.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailpush.bench.capacity.CapacityBenchmark;
import org.mailpush.bench.capacity.CapacityOptions;
import org.mailpush.bench.report.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "capacity",
        description = {"Connection capacity: idle terminals per server, memory per terminal, CPU to keep them.",
            "",
            "Connects idle terminals to one server (from several loopback addresses, past the ephemeral-port limit),",
            "weighs its heap and resident memory per terminal, and measures its CPU with the terminals silent and",
            "reporting at the heartbeat interval. Limited by the open-file limit (ulimit -n) of both processes."})
final class CapacityCommand implements Callable<Integer> {
    @Option(names = "--terminals", paramLabel = "N", defaultValue = "100000",
            description = "Terminals to connect; fewer when the open-file limit is lower (default: ${DEFAULT-VALUE}).")
    int terminals;

    @Option(names = "--devices-per-user", paramLabel = "N", defaultValue = "2", description = "Terminals per user (default: ${DEFAULT-VALUE}).")
    int devicesPerUser;

    @Option(names = "--heartbeat", paramLabel = "N", defaultValue = "600",
            description = "Heartbeat interval in seconds, the server's and the terminals' (default: ${DEFAULT-VALUE}, the server's default).")
    int heartbeat;

    @Option(names = "--window", paramLabel = "N", defaultValue = "30", description = "Seconds of each CPU window: silent, heartbeats unmeasured (the JIT compiler's), heartbeats measured (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--connections-per-address", paramLabel = "N", defaultValue = "25000",
            description = "Terminals per loopback source address, 127.0.0.1, 127.0.0.2, … (default: ${DEFAULT-VALUE}).")
    int connectionsPerAddress;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "200", description = "Connections opened at once (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Mixin
    RunOptions run;

    Result measure() throws InterruptedException {
        return run.measure("capacity", workspace -> CapacityBenchmark.run(new CapacityOptions(terminals, devicesPerUser,
                Duration.ofSeconds(heartbeat), Duration.ofSeconds(window), connectionsPerAddress, inFlight, workspace)));
    }

    @Override
    public Integer call() throws InterruptedException {
        run.report(List.of(measure()));
        return 0;
    }
}
