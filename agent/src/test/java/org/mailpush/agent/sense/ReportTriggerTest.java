package org.mailpush.agent.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailpush.agent.config.SensingConfig;
import org.mailpush.presence.Location;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;
import org.mailpush.presence.UsageReport;

class ReportTriggerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final ReportTrigger trigger = new ReportTrigger(Duration.ofMinutes(5), Optional.of(new SensingConfig.Heat(Path.of("/x"),
            Temperature.celsius(31), Temperature.celsius(38.5))), 100);

    private static UsageReport at(int seconds) {
        return UsageReport.on(T0.plusSeconds(seconds));
    }

    @Test
    void sameStateIsNotWorthAReport() {
        assertThat(trigger.worthReporting(at(0).withLastInput(T0), at(30).withLastInput(T0))).isFalse();
    }

    @Test
    void powerAndProximityChangesAre() {
        assertThat(trigger.worthReporting(at(0), at(1).withPower(PowerState.ASLEEP))).isTrue();
        assertThat(trigger.worthReporting(at(0), at(1).withProximity(Proximity.NEAR))).isTrue();
        assertThat(trigger.worthReporting(at(0).withProximity(Proximity.NEAR), at(1).withProximity(Proximity.AWAY))).isTrue();
    }

    @Test
    void inputWhileTheServerBelievesTheUserActiveWaitsUntilHalfTheWindow() {
        UsageReport sent = at(0).withLastInput(T0);

        assertThat(trigger.worthReporting(sent, at(60).withLastInput(T0.plusSeconds(60)))).isFalse();
        assertThat(trigger.worthReporting(sent, at(149).withLastInput(T0.plusSeconds(149)))).isFalse();
        assertThat(trigger.worthReporting(sent, at(150).withLastInput(T0.plusSeconds(150)))).isTrue();
    }

    @Test
    void theUserComingBackAfterAnIdleSpellIsWorthAReport() {
        UsageReport sent = at(0).withLastInput(T0.minus(Duration.ofHours(1)));

        assertThat(trigger.worthReporting(sent, at(10).withLastInput(T0.plusSeconds(9)))).isTrue();
    }

    @Test
    void idleTimeGrowingIsNot() {
        UsageReport sent = at(0).withLastInput(T0.minus(Duration.ofHours(1)));

        assertThat(trigger.worthReporting(sent, at(600).withLastInput(T0.minus(Duration.ofHours(1))))).isFalse();
        assertThat(trigger.worthReporting(sent, at(600))).as("the sensor failing once").isFalse();
    }

    @Test
    void firstInputEverAndInputMovingBackAreWorthAReport() {
        assertThat(trigger.worthReporting(at(0), at(10).withLastInput(T0.plusSeconds(5)))).isTrue();
        assertThat(trigger.worthReporting(at(0).withLastInput(T0), at(10).withLastInput(T0.minusSeconds(60)))).isTrue();
    }

    @Test
    void temperatureMattersWhenItCrossesTheCarriedBand() {
        UsageReport cold = at(0).withTemperature(Temperature.celsius(24));

        assertThat(trigger.worthReporting(cold, at(30).withTemperature(Temperature.celsius(26)))).isFalse();
        assertThat(trigger.worthReporting(cold, at(30).withTemperature(Temperature.celsius(33)))).isTrue();
        assertThat(trigger.worthReporting(at(0).withTemperature(Temperature.celsius(34)), at(30).withTemperature(Temperature.celsius(35.5))))
                .isFalse();
        assertThat(trigger.worthReporting(at(0), at(30).withTemperature(Temperature.celsius(20)))).isTrue();
    }

    @Test
    void locationMattersWhenItMovesFarEnough() {
        UsageReport here = at(0).withLocation(new Location(52.52, 13.405, 10));

        assertThat(trigger.worthReporting(here, at(30).withLocation(new Location(52.5201, 13.405, 10)))).as("11 m").isFalse();
        assertThat(trigger.worthReporting(here, at(30).withLocation(new Location(52.53, 13.405, 10)))).as("1.1 km").isTrue();
        assertThat(trigger.worthReporting(at(0), here)).isTrue();
    }
}
