package org.mailpush.agent.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailpush.agent.fixtures.MutableClock;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.UsageReport;

class ReporterTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<UsageReport> sent = new ArrayList<>();
    private volatile Instant lastInput = T0.minus(Duration.ofHours(2));
    private volatile boolean connected = true;
    private final Sensor input = new Sensor() {
        @Override
        public String name() {
            return "input";
        }

        @Override
        public Optional<Reading> read(Instant now) {
            return Optional.of(new Reading.LastInput(lastInput));
        }
    };
    private final Reporter reporter = new Reporter(new Sensing(List.of(input)),
            new ReportTrigger(Duration.ofMinutes(5), Optional.empty(), 100), clock, report -> connected && sent.add(report));

    @Test
    void reportsOnConnectThenOnlyOnChangeAndAtTheHeartbeat() {
        reporter.connected(Duration.ofMinutes(10));
        assertThat(sent).hasSize(1);

        for (int i = 0; i < 19; i++) {
            clock.advance(Duration.ofSeconds(30));
            reporter.look();
        }
        assertThat(sent).as("an idle machine is quiet for a heartbeat interval").hasSize(1);

        clock.advance(Duration.ofSeconds(30));
        reporter.look();
        assertThat(sent).as("the heartbeat, 10 minutes after the last report").hasSize(2);
    }

    @Test
    void theUserComingBackIsReportedAtTheNextLook() {
        reporter.connected(Duration.ofMinutes(10));
        clock.advance(Duration.ofSeconds(30));
        lastInput = clock.instant().minusSeconds(2);

        reporter.look();

        assertThat(sent).hasSize(2);
        assertThat(sent.getLast().lastInput()).contains(lastInput);
    }

    @Test
    void powerChangesAreReportedAtOnce() {
        reporter.connected(Duration.ofMinutes(10));

        reporter.power(PowerState.ASLEEP);
        reporter.power(PowerState.ASLEEP);

        assertThat(sent).hasSize(2);
        assertThat(sent.getLast().power()).isEqualTo(PowerState.ASLEEP);
    }

    @Test
    void aReportThatCouldNotBeSentIsTriedAgainAtTheNextLook() {
        connected = false;
        reporter.connected(Duration.ofMinutes(10));
        connected = true;
        clock.advance(Duration.ofSeconds(30));

        reporter.look();

        assertThat(sent).hasSize(1);
    }

    @Test
    void aProbeAnswerIsAFreshReadingAndCountsAsReported() {
        reporter.connected(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(9));

        UsageReport answer = reporter.probe();
        clock.advance(Duration.ofMinutes(2));
        reporter.look();

        assertThat(answer.reportedAt()).isEqualTo(T0.plus(Duration.ofMinutes(9)));
        assertThat(sent).as("the heartbeat counts from the probe answer").hasSize(1);
    }
}
