package org.mailpush.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.routing.RoutingOptions;
import org.mailpush.bench.routing.RoutingRun;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "routing",
        description = "The routing decision under JMH: Router.plan for a user with 2, 5 and 20 terminals.")
final class RoutingCommand implements Callable<Integer> {
    @Option(names = "--devices", split = ",", paramLabel = "N,…", defaultValue = "2,5,20", description = "Terminal counts (default: ${DEFAULT-VALUE}).")
    List<Integer> devices;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "2", description = "JMH forks; 0 runs in this JVM (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup-iterations", paramLabel = "N", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
    int warmupIterations;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--iteration-time", paramLabel = "N", defaultValue = "1000", description = "Milliseconds per iteration (default: ${DEFAULT-VALUE}).")
    int iterationMillis;

    @Mixin
    RunOptions run;

    Result measure() throws RunnerException {
        return RoutingRun.run(new RoutingOptions(devices, forks, warmupIterations, iterations, Duration.ofMillis(iterationMillis), false));
    }

    @Override
    public Integer call() throws RunnerException {
        run.report(List.of(measure()));
        return 0;
    }
}
