package org.mailpush.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PresenceInferenceTest {
    private static final Instant NOW = Instant.parse("2025-03-14T10:00:00Z");
    private static final PresenceInference INFERENCE = new PresenceInference(PresenceSettings.DEFAULTS);
    private static final Location OFFICE = new Location(48.8566, 2.3522, 10);

    private static Presence infer(UsageReport report) {
        return INFERENCE.infer(Optional.of(report), NOW);
    }

    private static UsageReport onSince(Duration age) {
        return UsageReport.on(NOW.minus(age));
    }

    @Nested
    class InUse {
        @Test
        void byInputWithinTheWindow() {
            Presence presence = infer(UsageReport.on(NOW).withLastInput(NOW.minusSeconds(12)));

            assertThat(presence.state()).isEqualTo(UsageState.IN_USE);
            assertThat(presence.evidence()).containsExactly(new Evidence.RecentInput(Duration.ofSeconds(12)));
            assertThat(presence.describe()).isEqualTo("input 12 s ago");
        }

        @Test
        void byInputExactlyAtTheEndOfTheWindow() {
            Presence presence = infer(UsageReport.on(NOW).withLastInput(NOW.minus(Duration.ofMinutes(5))));

            assertThat(presence.state()).isEqualTo(UsageState.IN_USE);
            assertThat(presence.describe()).isEqualTo("input 5 min ago");
        }

        @Test
        void byProximity() {
            Presence presence = infer(UsageReport.on(NOW).withProximity(Proximity.NEAR));

            assertThat(presence.state()).isEqualTo(UsageState.IN_USE);
            assertThat(presence.evidence()).containsExactly(new Evidence.ProximityDetected());
            assertThat(presence.describe()).isEqualTo("proximity sensor detects the user");
        }

        @Test
        void byBodyHeat() {
            Presence presence = infer(UsageReport.on(NOW).withTemperature(Temperature.celsius(36.4)));

            assertThat(presence.state()).isEqualTo(UsageState.IN_USE);
            assertThat(presence.evidence()).containsExactly(new Evidence.BodyHeat(Temperature.celsius(36.4)));
            assertThat(presence.describe()).isEqualTo("36.4 °C (carried)");
        }

        @ParameterizedTest(name = "{0} °C is body heat: {1}")
        @CsvSource({"30.9, false", "31.0, true", "36.6, true", "38.5, true", "38.6, false"})
        void bodyHeatBandIncludesBothEnds(double celsius, boolean carried) {
            Presence presence = infer(UsageReport.on(NOW).withTemperature(Temperature.celsius(celsius)));

            assertThat(presence.state()).isEqualTo(carried ? UsageState.IN_USE : UsageState.IDLE);
        }

        @Test
        void listsEverySignOfUseAndNoSignOfIdleness() {
            Presence presence = infer(UsageReport.on(NOW)
                    .withLastInput(NOW.minusSeconds(3))
                    .withProximity(Proximity.NEAR)
                    .withTemperature(Temperature.celsius(35)));

            assertThat(presence.describe()).isEqualTo("input 3 s ago, proximity sensor detects the user, 35.0 °C (carried)");
        }

        @Test
        void oneSignOfUseOutweighsSignsOfIdleness() {
            Presence presence = infer(UsageReport.on(NOW)
                    .withLastInput(NOW.minusSeconds(30))
                    .withProximity(Proximity.AWAY)
                    .withTemperature(Temperature.celsius(20)));

            assertThat(presence.state()).isEqualTo(UsageState.IN_USE);
            assertThat(presence.evidence()).containsExactly(new Evidence.RecentInput(Duration.ofSeconds(30)));
        }

        @Test
        void inputInTheFutureCountsAsNow() {
            Presence presence = infer(UsageReport.on(NOW).withLastInput(NOW.plusSeconds(40)));

            assertThat(presence.state()).isEqualTo(UsageState.IN_USE);
            assertThat(presence.evidence()).containsExactly(new Evidence.RecentInput(Duration.ZERO));
            assertThat(presence.describe()).isEqualTo("input 0 s ago");
        }
    }

    @Nested
    class Idle {
        @Test
        void whenOnWithNothingSensed() {
            Presence presence = infer(UsageReport.on(NOW));

            assertThat(presence.state()).isEqualTo(UsageState.IDLE);
            assertThat(presence.evidence()).containsExactly(new Evidence.NoRecentInput(Optional.empty()));
            assertThat(presence.describe()).isEqualTo("on, no input reported");
        }

        @Test
        void givesEveryPieceOfIdleEvidence() {
            Presence presence = infer(UsageReport.on(NOW)
                    .withLastInput(NOW.minus(Duration.ofMinutes(10)))
                    .withProximity(Proximity.AWAY)
                    .withTemperature(Temperature.celsius(22)));

            assertThat(presence.state()).isEqualTo(UsageState.IDLE);
            assertThat(presence.evidence()).containsExactly(
                    new Evidence.NoRecentInput(Optional.of(Duration.ofMinutes(10))),
                    new Evidence.UserAway(),
                    new Evidence.NotCarried(Temperature.celsius(22)));
            assertThat(presence.describe())
                    .isEqualTo("no input for 10 min, proximity sensor detects nobody, 22.0 °C (not carried)");
        }

        @Test
        void justAfterTheInputWindow() {
            Presence presence = infer(UsageReport.on(NOW).withLastInput(NOW.minus(Duration.ofMinutes(5).plusMillis(1))));

            assertThat(presence.state()).isEqualTo(UsageState.IDLE);
            assertThat(presence.describe()).isEqualTo("no input for 5 min");
        }

        @Test
        void inputAgeCountsFromNowNotFromTheReport() {
            // Input at the moment of a 6-minute-old report is 6 minutes old now.
            Instant reportedAt = NOW.minus(Duration.ofMinutes(6));
            Presence presence = infer(UsageReport.on(reportedAt).withLastInput(reportedAt));

            assertThat(presence.state()).isEqualTo(UsageState.IDLE);
        }
    }

    @Test
    void asleepAsReportedWhateverTheSensorsSay() {
        Presence presence = infer(UsageReport.on(NOW.minusSeconds(90))
                .withPower(PowerState.ASLEEP)
                .withLastInput(NOW.minusSeconds(95))
                .withTemperature(Temperature.celsius(36))
                .withLocation(OFFICE));

        assertThat(presence.state()).isEqualTo(UsageState.ASLEEP);
        assertThat(presence.evidence()).containsExactly(new Evidence.Asleep());
        assertThat(presence.describe()).isEqualTo("asleep");
        assertThat(presence.reportAge()).contains(Duration.ofSeconds(90));
        assertThat(presence.location()).contains(OFFICE);
    }

    @Test
    void offAsReported() {
        Presence presence = infer(UsageReport.on(NOW).withPower(PowerState.OFF).withProximity(Proximity.NEAR));

        assertThat(presence.state()).isEqualTo(UsageState.OFF);
        assertThat(presence.evidence()).containsExactly(new Evidence.PoweredOff());
        assertThat(presence.describe()).isEqualTo("off");
    }

    @Nested
    class Unknown {
        @Test
        void withoutAnyReport() {
            Presence presence = INFERENCE.infer(Optional.empty(), NOW);

            assertThat(presence.state()).isEqualTo(UsageState.UNKNOWN);
            assertThat(presence.evidence()).containsExactly(new Evidence.NoReport());
            assertThat(presence.describe()).isEqualTo("no report yet");
            assertThat(presence.reportAge()).isEmpty();
            assertThat(presence.location()).isEmpty();
        }

        @Test
        void whenTheReportIsOlderThanItsTimeToLive() {
            Presence presence = infer(onSince(Duration.ofMinutes(25))
                    .withProximity(Proximity.NEAR)
                    .withLocation(OFFICE));

            assertThat(presence.state()).isEqualTo(UsageState.UNKNOWN);
            assertThat(presence.evidence()).containsExactly(new Evidence.Stale(Duration.ofMinutes(25)));
            assertThat(presence.describe()).isEqualTo("last report 25 min ago (stale)");
            assertThat(presence.reportAge()).contains(Duration.ofMinutes(25));
            assertThat(presence.location()).as("a stale report's location says nothing").isEmpty();
        }

        @Test
        void staleReportsOfSleepingOrSwitchedOffTerminalsToo() {
            assertThat(infer(onSince(Duration.ofHours(3)).withPower(PowerState.OFF)).state()).isEqualTo(UsageState.UNKNOWN);
            assertThat(infer(onSince(Duration.ofHours(3)).withPower(PowerState.ASLEEP)).state()).isEqualTo(UsageState.UNKNOWN);
        }

        @Test
        void notYetAtExactlyTheTimeToLive() {
            Presence presence = infer(onSince(Duration.ofMinutes(20)).withProximity(Proximity.NEAR));

            assertThat(presence.state()).isEqualTo(UsageState.IN_USE);
            assertThat(presence.reportAge()).contains(Duration.ofMinutes(20));
        }

        @Test
        void justPastTheTimeToLive() {
            Presence presence = infer(onSince(Duration.ofMinutes(20).plusMillis(1)).withProximity(Proximity.NEAR));

            assertThat(presence.state()).isEqualTo(UsageState.UNKNOWN);
        }
    }

    @Test
    void aReportFromTheFutureIsFreshWithAgeZero() {
        Presence presence = infer(UsageReport.on(NOW.plus(Duration.ofHours(1))).withLocation(OFFICE));

        assertThat(presence.state()).isEqualTo(UsageState.IDLE);
        assertThat(presence.reportAge()).contains(Duration.ZERO);
        assertThat(presence.location()).contains(OFFICE);
    }

    @Test
    void freshReportsKeepTheirLocation() {
        assertThat(infer(UsageReport.on(NOW).withLocation(OFFICE)).location()).contains(OFFICE);
        assertThat(infer(UsageReport.on(NOW).withPower(PowerState.OFF).withLocation(OFFICE)).location()).contains(OFFICE);
    }

    @Test
    void honoursItsOwnSettings() {
        var strict = new PresenceInference(new PresenceSettings(
                Duration.ofSeconds(30), Temperature.celsius(34), Temperature.celsius(37), Duration.ofMinutes(2)));

        assertThat(strict.infer(Optional.of(UsageReport.on(NOW).withLastInput(NOW.minusSeconds(31))), NOW).state())
                .isEqualTo(UsageState.IDLE);
        assertThat(strict.infer(Optional.of(UsageReport.on(NOW).withTemperature(Temperature.celsius(33))), NOW).state())
                .isEqualTo(UsageState.IDLE);
        assertThat(strict.infer(Optional.of(UsageReport.on(NOW.minusSeconds(121))), NOW).state())
                .isEqualTo(UsageState.UNKNOWN);
    }

    @ParameterizedTest(name = "{0} s reads \"{1}\"")
    @CsvSource({
        "0, input 0 s ago",
        "12, input 12 s ago",
        "119, input 119 s ago",
        "120, input 2 min ago",
        "7199, input 119 min ago",
        "7200, input 2 h ago",
        "172799, input 47 h ago",
        "172800, input 2 d ago"
    })
    void agesReadTheWayPeopleSayThem(long seconds, String phrase) {
        assertThat(new Evidence.RecentInput(Duration.ofSeconds(seconds)).describe()).isEqualTo(phrase);
    }

    @Nested
    class Settings {
        @Test
        void defaults() {
            assertThat(PresenceSettings.DEFAULTS).isEqualTo(new PresenceSettings(
                    Duration.ofMinutes(5), Temperature.celsius(31.0), Temperature.celsius(38.5), Duration.ofMinutes(20)));
        }

        @Test
        void inputWindowMustBePositive() {
            assertThatThrownBy(() -> settings(Duration.ZERO, 31, 38.5, Duration.ofMinutes(20)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("inputWindow");
            assertThatThrownBy(() -> settings(Duration.ofSeconds(-1), 31, 38.5, Duration.ofMinutes(20)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("inputWindow");
            assertThatThrownBy(() -> settings(null, 31, 38.5, Duration.ofMinutes(20)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("inputWindow");
        }

        @Test
        void reportTtlMustBePositive() {
            assertThatThrownBy(() -> settings(Duration.ofMinutes(5), 31, 38.5, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reportTtl");
            assertThatThrownBy(() -> settings(Duration.ofMinutes(5), 31, 38.5, Duration.ofMinutes(-20)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reportTtl");
        }

        @Test
        void bodyHeatBandMustNotBeUpsideDown() {
            assertThatThrownBy(() -> settings(Duration.ofMinutes(5), 38.5, 31, Duration.ofMinutes(20)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bodyHeatLow")
                    .hasMessageContaining("bodyHeatHigh");
        }

        @Test
        void bodyHeatBandMayBeOneTemperature() {
            PresenceSettings exact = settings(Duration.ofMinutes(5), 36.6, 36.6, Duration.ofMinutes(20));

            assertThat(exact.bodyHeat(Temperature.celsius(36.6))).isTrue();
            assertThat(exact.bodyHeat(Temperature.celsius(36.5))).isFalse();
        }

        @Test
        void bodyHeatBandMustBeGiven() {
            assertThatThrownBy(() -> new PresenceSettings(
                            Duration.ofMinutes(5), null, Temperature.celsius(38.5), Duration.ofMinutes(20)))
                    .hasMessageContaining("bodyHeatLow");
        }

        private static PresenceSettings settings(Duration inputWindow, double low, double high, Duration reportTtl) {
            return new PresenceSettings(inputWindow, Temperature.celsius(low), Temperature.celsius(high), reportTtl);
        }
    }

    @Test
    void temperaturesOutsidePhysicsAreRejected() {
        assertThatThrownBy(() -> Temperature.celsius(-300)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Temperature.celsius(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Temperature.celsius(36.44)).hasToString("36.4 °C");
    }

    @Test
    void aPresenceNeedsEvidence() {
        assertThatThrownBy(() -> new Presence(UsageState.IDLE, List.of(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evidence");
    }

    @Nested
    class History {
        private static final Duration SLOT = Duration.ofMinutes(10);
        private static final Instant FROM = NOW.minus(Duration.ofHours(1));

        @Test
        void eachSlotHasTheStateItsReportsTellAsInferredAtTheTime() {
            // In use at 09:05 (input then), idle once the input is older than 5 min, asleep from 09:25, unknown once that
            // report is older than its 20 min time-to-live.
            List<UsageReport> reports = List.of(
                    UsageReport.on(FROM.plusSeconds(300)).withLastInput(FROM.plusSeconds(299)),
                    UsageReport.on(FROM.plusSeconds(1500)).withPower(PowerState.ASLEEP));

            assertThat(INFERENCE.history(reports, FROM, SLOT, 6)).containsExactly(
                    UsageState.IN_USE, UsageState.IDLE, UsageState.ASLEEP, UsageState.ASLEEP, UsageState.UNKNOWN, UsageState.UNKNOWN);
        }

        @Test
        void aShortUseWithinASlotShowsAndAReportFromBeforeTheSpanCounts() {
            List<UsageReport> reports = List.of(
                    UsageReport.on(FROM.minusSeconds(60)).withPower(PowerState.OFF),
                    UsageReport.on(FROM.plusSeconds(1260)).withLastInput(FROM.plusSeconds(1260)),
                    UsageReport.on(FROM.plusSeconds(1300)).withPower(PowerState.OFF));

            assertThat(INFERENCE.history(reports, FROM, SLOT, 4))
                    .containsExactly(UsageState.OFF, UsageState.UNKNOWN, UsageState.IN_USE, UsageState.OFF);
        }

        @Test
        void withoutReportsEverySlotIsUnknown() {
            assertThat(INFERENCE.history(List.of(), FROM, SLOT, 3)).containsOnly(UsageState.UNKNOWN).hasSize(3);
            assertThatThrownBy(() -> INFERENCE.history(List.of(), FROM, Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
