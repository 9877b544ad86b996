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

    @Override
    public Integer call() throws Exception {
        var latency = CommandLine.populateCommand(new LatencyCommand());
        var ingest = CommandLine.populateCommand(new IngestCommand());
        var capacity = CommandLine.populateCommand(new CapacityCommand());
        var routing = CommandLine.populateCommand(new RoutingCommand());
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
