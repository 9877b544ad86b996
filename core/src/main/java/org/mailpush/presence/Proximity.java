package org.mailpush.presence;

/** What a terminal's proximity sensor (infrared, Bluetooth) says about its user. */
public enum Proximity {
    /** The terminal has no such sensor, or did not read it. */
    NOT_SENSED,
    /** The sensor detects the user. */
    NEAR,
    /** The sensor works and detects nobody. */
    AWAY
}
