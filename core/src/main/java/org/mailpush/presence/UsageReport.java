package org.mailpush.presence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a terminal reported about its use at one moment (SPEC T1–T3).
 *
 * @param reportedAt  when the terminal took these readings
 * @param power       its power state
 * @param lastInput   when the user last gave input (key, pointer, touch, accessory), if known
 * @param proximity   what its proximity sensor says
 * @param temperature the reading of its body-contact temperature sensor, if it has one
 * @param location    where it is, if it knows
 */
public record UsageReport(
        Instant reportedAt,
        PowerState power,
        Optional<Instant> lastInput,
        Proximity proximity,
        Optional<Temperature> temperature,
        Optional<Location> location) {

    public UsageReport {
        Objects.requireNonNull(reportedAt, "reportedAt");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(lastInput, "lastInput");
        Objects.requireNonNull(proximity, "proximity");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(location, "location");
    }

    /** A report of a terminal that is on and sensed nothing else. */
    public static UsageReport on(Instant reportedAt) {
        return new UsageReport(reportedAt, PowerState.ON, Optional.empty(), Proximity.NOT_SENSED, Optional.empty(), Optional.empty());
    }

    public UsageReport withPower(PowerState power) {
        return new UsageReport(reportedAt, power, lastInput, proximity, temperature, location);
    }

    public UsageReport withLastInput(Instant at) {
        return new UsageReport(reportedAt, power, Optional.of(at), proximity, temperature, location);
    }

    public UsageReport withProximity(Proximity proximity) {
        return new UsageReport(reportedAt, power, lastInput, proximity, temperature, location);
    }

    public UsageReport withTemperature(Temperature temperature) {
        return new UsageReport(reportedAt, power, lastInput, proximity, Optional.of(temperature), location);
    }

    public UsageReport withLocation(Location location) {
        return new UsageReport(reportedAt, power, lastInput, proximity, temperature, Optional.of(location));
    }
}
