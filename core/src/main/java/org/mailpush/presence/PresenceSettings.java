package org.mailpush.presence;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of presence inference.
 *
 * @param inputWindow  input at most this long ago means the terminal is in use (default 5 min)
 * @param bodyHeatLow  lowest body-contact temperature that means "carried" (default 31.0 °C)
 * @param bodyHeatHigh highest body-contact temperature that means "carried" (default 38.5 °C)
 * @param reportTtl    a report older than this says nothing any more: the state is unknown (default 20 min)
 * @param linkGrace    a terminal whose link is lost longer than this, with no push channel, is unreachable
 *                     (default 30 s: long enough for a phone to switch networks and connect again)
 */
public record PresenceSettings(
        Duration inputWindow, Temperature bodyHeatLow, Temperature bodyHeatHigh, Duration reportTtl, Duration linkGrace) {
    public static final Duration DEFAULT_LINK_GRACE = Duration.ofSeconds(30);
    public static final PresenceSettings DEFAULTS = new PresenceSettings(
            Duration.ofMinutes(5), Temperature.celsius(31.0), Temperature.celsius(38.5), Duration.ofMinutes(20), DEFAULT_LINK_GRACE);

    public PresenceSettings {
        Objects.requireNonNull(bodyHeatLow, "bodyHeatLow");
        Objects.requireNonNull(bodyHeatHigh, "bodyHeatHigh");
        requirePositive("inputWindow", inputWindow);
        requirePositive("reportTtl", reportTtl);
        requirePositive("linkGrace", linkGrace);
        if (bodyHeatLow.compareTo(bodyHeatHigh) > 0) {
            throw new IllegalArgumentException(
                    "bodyHeatLow (" + bodyHeatLow + ") must not be above bodyHeatHigh (" + bodyHeatHigh + ")");
        }
    }

    /** With the default link grace. */
    public PresenceSettings(Duration inputWindow, Temperature bodyHeatLow, Temperature bodyHeatHigh, Duration reportTtl) {
        this(inputWindow, bodyHeatLow, bodyHeatHigh, reportTtl, DEFAULT_LINK_GRACE);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }

    /** Whether a body-contact reading means the terminal is being carried. */
    public boolean bodyHeat(Temperature temperature) {
        return temperature.compareTo(bodyHeatLow) >= 0 && temperature.compareTo(bodyHeatHigh) <= 0;
    }
}
