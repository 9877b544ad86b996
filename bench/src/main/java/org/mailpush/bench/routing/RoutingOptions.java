package org.mailpush.bench.routing;

import java.time.Duration;
import java.util.List;

/**
 * How JMH runs: forks (0 runs in this JVM, for a smoke run only), iterations and their length.
 *
 * @param devices the terminal counts to measure
 */
public record RoutingOptions(List<Integer> devices, int forks, int warmupIterations, int iterations, Duration iterationTime,
        boolean quiet) {
    public RoutingOptions {
        devices = List.copyOf(devices);
        if (devices.isEmpty() || forks < 0 || warmupIterations < 0 || iterations < 1) {
            throw new IllegalArgumentException("need terminal counts, forks ≥ 0, warm-up iterations ≥ 0 and at least one iteration");
        }
    }
}
