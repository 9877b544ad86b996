package org.mailpush.presence;

/** The power state a terminal reports (SPEC T2: always part of the report). */
public enum PowerState {
    ON,
    ASLEEP,
    OFF
}
