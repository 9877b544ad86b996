package org.mailpush.policy;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    // 2025-03-14 is a Friday.
    private static final TimeWindow OFFICE_HOURS = window(Set.of(), "09:00", "17:00");
    private static final TimeWindow FRIDAY_NIGHT = window(Set.of(FRIDAY), "22:00", "07:00");

    @ParameterizedTest(name = "office hours at {0}: {1}")
    @CsvSource({
        "2025-03-14T08:59:59, false",
        "2025-03-14T09:00,    true",
        "2025-03-14T12:30,    true",
        "2025-03-14T16:59:59, true",
        "2025-03-14T17:00,    false",
        "2025-03-16T10:00,    true"
    })
    void daytimeWindowsIncludeFromAndExcludeTo(String local, boolean inside) {
        assertThat(OFFICE_HOURS.contains(at(local))).isEqualTo(inside);
    }

    @ParameterizedTest(name = "Friday night at {0}: {1}")
    @CsvSource({
        "2025-03-14T21:59, false",
        "2025-03-14T22:00, true",
        "2025-03-14T23:59, true",
        "2025-03-15T00:00, true",
        "2025-03-15T06:59, true",
        "2025-03-15T07:00, false",
        "2025-03-15T23:00, false",
        "2025-03-14T03:00, false",
        "2025-03-16T03:00, false"
    })
    void overnightWindowsBelongToTheDayTheyStartOn(String local, boolean inside) {
        assertThat(FRIDAY_NIGHT.contains(at(local))).isEqualTo(inside);
    }

    @Test
    void windowsEndingAtMidnightRunToTheEndOfTheDay() {
        TimeWindow evening = window(Set.of(), "18:00", "00:00");

        assertThat(evening.contains(at("2025-03-14T23:59:59"))).isTrue();
        assertThat(evening.contains(at("2025-03-15T00:00"))).isFalse();
        assertThat(evening.contains(at("2025-03-14T17:59"))).isFalse();
    }

    @Test
    void onlyOnTheGivenDays() {
        TimeWindow weekend = window(EnumSet.of(SATURDAY, SUNDAY), "10:00", "12:00");

        assertThat(weekend.contains(at("2025-03-15T11:00"))).isTrue();
        assertThat(weekend.contains(at("2025-03-14T11:00"))).isFalse();
        assertThat(weekend.contains(at("2025-03-17T11:00"))).as("Monday").isFalse();
    }

    @Test
    void noDaysMeansEveryDay() {
        assertThat(OFFICE_HOURS.days()).containsExactlyInAnyOrder(DayOfWeek.values());
    }

    @Test
    void localTimeIsReadInTheGivenZone() {
        // 21:30 UTC is 22:30 in Berlin (CET, UTC+1 in March before the switch).
        ZonedDateTime utc = ZonedDateTime.parse("2025-03-14T21:30:00Z");

        assertThat(FRIDAY_NIGHT.contains(utc)).isFalse();
        assertThat(FRIDAY_NIGHT.contains(utc.withZoneSameInstant(BERLIN))).isTrue();
    }

    @Test
    void fromAndToMustDiffer() {
        assertThatThrownBy(() -> window(Set.of(MONDAY), "08:00", "08:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void daysAreCopied() {
        var days = EnumSet.of(MONDAY);
        TimeWindow window = window(days, "08:00", "09:00");
        days.add(FRIDAY);

        assertThat(window.days()).containsExactly(MONDAY);
    }

    private static TimeWindow window(Set<DayOfWeek> days, String from, String to) {
        return new TimeWindow(days, LocalTime.parse(from), LocalTime.parse(to));
    }

    private static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN);
    }
}
