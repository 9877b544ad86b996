package org.mailpush.policy;

/** How the server learns whether a terminal is in use (SPEC T5). */
public enum ReportingMode {
    /** Terminals report on change and on a sparse schedule; the server uses the latest reports. */
    HEARTBEAT,
    /** On each mail the server asks the connected terminals and waits briefly for their answers (SPEC S5). */
    PROBE
}
