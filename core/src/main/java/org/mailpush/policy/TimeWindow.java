package org.mailpush.policy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Local times on some days of the week, in the policy's time zone. A window whose {@code from} is after
 * its {@code to} runs over midnight and belongs to the day it starts on.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public TimeWindow {
        days = Collections.unmodifiableSet(days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("time window from and to must differ, both are " + from);
        }
    }

    public boolean contains(ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        if (!from.isAfter(to)) {
            return days.contains(at.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
        }
        // Overnight: the evening part belongs to today, the morning part to yesterday.
        return (days.contains(at.getDayOfWeek()) && !time.isBefore(from))
                || (days.contains(at.getDayOfWeek().minus(1)) && time.isBefore(to));
    }
}
