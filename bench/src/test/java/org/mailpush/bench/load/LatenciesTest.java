package org.mailpush.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesAreNearestRank() {
        var latencies = new Latencies();
        for (int i = 100; i >= 1; i--) {
            latencies.add(i * 1_000_000L);
        }

        var summary = latencies.summary();

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50.0);
        assertThat(summary.p90()).isEqualTo(90.0);
        assertThat(summary.p99()).isEqualTo(99.0);
        assertThat(summary.max()).isEqualTo(100.0);
    }

    @Test
    void nothingMeasuredIsNotANumber() {
        var summary = new Latencies().summary();

        assertThat(summary.count()).isZero();
        assertThat(summary.p50()).isNaN();
        assertThat(summary.max()).isNaN();
    }

    @Test
    void growsPastItsFirstArray() {
        var latencies = new Latencies();
        for (int i = 0; i < 5000; i++) {
            latencies.add(1);
        }

        assertThat(latencies.count()).isEqualTo(5000);
    }
}
