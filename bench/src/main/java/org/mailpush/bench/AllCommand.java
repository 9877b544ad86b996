package org.mailpush.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailpush.bench.report.Result;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "all",
        description = "Every benchmark with its default sizes, one after the other: latency, ingest, capacity, routing.")
final class AllCommand implements Callable<Integer> {
    @Mixin
    RunOptions run;

    /** A subcommand with its default sizes, as the command line would make it. */
    static <T> T withDefaults(T command) {
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
        return command;
    }

    @Override
    public Integer call() throws Exception {
        var latency = withDefaults(new LatencyCommand());
        var ingest = withDefaults(new IngestCommand());
        var capacity = withDefaults(new CapacityCommand());
        var routing = withDefaults(new RoutingCommand());
        latency.run = ingest.run = capacity.run = routing.run = run;
        List<Result> results = new ArrayList<>();
        results.add(latency.measure());
        results.add(ingest.measure());
        results.add(capacity.measure());
        results.add(routing.measure());
        run.report(results);
        return 0;
    }
}
