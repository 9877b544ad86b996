package org.mailpush.bench.routing;

import java.util.concurrent.TimeUnit;
import org.mailpush.presence.PresenceInference;
import org.mailpush.presence.PresenceSettings;
import org.mailpush.route.PushPlan;
import org.mailpush.route.Router;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One routing decision (SPEC S3): {@code Router.plan} for a user with {@code devices} terminals. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {
    @Param({"2", "5", "20"})
    public int devices;

    private Router router;
    private RoutingScenario scenario;

    @Setup
    public void setUp() {
        router = new Router(new PresenceInference(PresenceSettings.DEFAULTS));
        scenario = RoutingScenario.of(devices);
    }

    @Benchmark
    public PushPlan plan() {
        return router.plan(scenario.user(), scenario.devices(), scenario.policy(), scenario.mail(), scenario.now());
    }
}
