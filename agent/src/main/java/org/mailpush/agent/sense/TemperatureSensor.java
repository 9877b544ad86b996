package org.mailpush.agent.sense;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.mailpush.presence.Temperature;

/**
 * A body-contact thermometer exposed by the kernel: a {@code /sys/class/hwmon/hwmon*}{@code
 * /temp*_input} or {@code /sys/class/thermal/thermal_zone*}{@code /temp} file, in millidegrees Celsius.
 */
public final class TemperatureSensor implements Sensor {
    private final Path file;

    public TemperatureSensor(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "temperature (" + file + ")";
    }

    @Override
    public Optional<Reading> read(Instant now) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Reading> parse(String text) {
        try {
            double celsius = Long.parseLong(text.strip()) / 1000.0;
            return Optional.of(new Reading.Heat(Temperature.celsius(celsius)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
