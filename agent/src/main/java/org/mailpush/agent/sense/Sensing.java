package org.mailpush.agent.sense;

import java.time.Instant;
import java.util.List;
import org.mailpush.presence.PowerState;
import org.mailpush.presence.UsageReport;

/** The sensors that are on, read together into one usage report (SPEC T1). */
public final class Sensing {
    private final List<Sensor> sensors;

    public Sensing(List<Sensor> sensors) {
        this.sensors = List.copyOf(sensors);
    }

    public List<Sensor> sensors() {
        return sensors;
    }

    /** Reads every sensor now; what a sensor cannot tell stays out of the report. */
    public UsageReport read(Instant now, PowerState power) {
        UsageReport report = UsageReport.on(now).withPower(power);
        for (Sensor sensor : sensors) {
            var reading = sensor.read(now);
            if (reading.isPresent()) {
                report = switch (reading.get()) {
                    case Reading.LastInput input -> report.withLastInput(input.at());
                    case Reading.Nearby nearby -> report.withProximity(nearby.proximity());
                    case Reading.Heat heat -> report.withTemperature(heat.temperature());
                    case Reading.Place place -> report.withLocation(place.location());
                };
            }
        }
        return report;
    }
}
