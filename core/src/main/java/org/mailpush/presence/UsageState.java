package org.mailpush.presence;

import java.util.Locale;

/** What the server believes about a terminal's use right now, derived from its latest report. */
public enum UsageState {
    /** On, and the user is using or carrying it: recent input, proximity, or body heat (SPEC T2). */
    IN_USE,
    /** On, with no sign of the user. */
    IDLE,
    /** Reported going to sleep. */
    ASLEEP,
    /** Reported switching off. */
    OFF,
    /** No report, or the latest one is older than its time-to-live (SPEC X2). */
    UNKNOWN;

    /** Whether the terminal is known to be on and awake. */
    public boolean on() {
        return this == IN_USE || this == IDLE;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
