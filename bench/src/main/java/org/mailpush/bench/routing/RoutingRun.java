package org.mailpush.bench.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.mailpush.bench.report.Result;
import org.mailpush.bench.report.Table;
import org.mailpush.bench.report.Target;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link RoutingBenchmark} through the JMH Runner API and turns its scores into a result. */
public final class RoutingRun {
    public static final String TABLE = "Router.plan, average time per plan";
    public static final List<String> COLUMNS = List.of("terminals", "µs/plan", "± µs (99.9%)", "allocated B/plan");

    private RoutingRun() {}

    public static Result run(RoutingOptions options) throws RunnerException {
        var result = Result.begin("routing", "Routing decision (JMH)")
                .parameter("forks", options.forks())
                .parameter("warm-up iterations", options.warmupIterations())
                .parameter("iterations", options.iterations())
                .parameter("iteration (s)", options.iterationTime().toMillis() / 1000.0);
        var jmh = new OptionsBuilder()
                .include(RoutingBenchmark.class.getName() + ".plan")
                .param("devices", options.devices().stream().map(String::valueOf).toArray(String[]::new))
                .forks(options.forks())
                .warmupIterations(options.warmupIterations())
                .warmupTime(TimeValue.milliseconds(options.iterationTime().toMillis()))
                .measurementIterations(options.iterations())
                .measurementTime(TimeValue.milliseconds(options.iterationTime().toMillis()))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(options.quiet() ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .build();
        Collection<RunResult> runs = new Runner(jmh).run();
        List<Table.Row> rows = new ArrayList<>();
        Double five = null;
        for (RunResult run : runs.stream().sorted(Comparator.comparingInt(RoutingRun::devices)).toList()) {
            Statistics score = run.getPrimaryResult().getStatistics();
            double micros = score.getMean() / 1000;
            double error = Double.isNaN(score.getMeanErrorAt(0.999)) ? Double.NaN : score.getMeanErrorAt(0.999) / 1000;
            var allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
            rows.add(Table.Row.of(Integer.toString(devices(run)), micros, error, allocation == null ? null : allocation.getScore()));
            if (devices(run) == 5) {
                five = micros;
            }
        }
        result.table(new Table(TABLE, COLUMNS, rows));
        if (five != null) {
            result.target(Target.atMost("planning for 5 terminals", 2, five, "µs", ""));
        }
        return result.build();
    }

    private static int devices(RunResult run) {
        return Integer.parseInt(run.getParams().getParam("devices"));
    }
}
