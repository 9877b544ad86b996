package org.mailpush.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mailpush.presence.Temperature;

/**
 * Which sensors are on and how they read (SPEC T2); a sensor that is off is empty.
 *
 * @param interval       how often the agent looks at its sensors; it reports only what changed
 * @param commandTimeout how long a sensor's command may take
 */
public record SensingConfig(Duration interval, Duration commandTimeout, Optional<Input> input, Optional<Heat> temperature,
        Optional<List<String>> proximity, Optional<LocationSource> location, Optional<Power> power) {

    public SensingConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(temperature, "temperature");
        proximity = proximity.map(List::copyOf);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(power, "power");
    }

    /**
     * The input sensor.
     *
     * @param window input at most this long ago means "in use" (match the server's presence.input-window)
     */
    public record Input(InputSource source, Duration window) {
        public Input {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(window, "window");
        }
    }

    /**
     * The body-contact temperature sensor: a file in millidegrees Celsius and the band that means
     * "carried" (match the server's presence.body-heat-low/high).
     */
    public record Heat(Path file, Temperature low, Temperature high) {
        public Heat {
            Objects.requireNonNull(file, "file");
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("the band's low end " + low + " is above its high end " + high);
            }
        }

        public boolean carried(Temperature temperature) {
            return temperature.compareTo(low) >= 0 && temperature.compareTo(high) <= 0;
        }
    }

    /**
     * The power sensor.
     *
     * @param monitor   prints logind's PrepareForSleep/PrepareForShutdown signals ({@code gdbus monitor})
     * @param inhibitor holds a sleep delay lock while it runs, so the "asleep" report gets out first
     */
    public record Power(List<String> monitor, Optional<List<String>> inhibitor) {
        public Power {
            monitor = List.copyOf(monitor);
            inhibitor = inhibitor.map(List::copyOf);
        }
    }
}
