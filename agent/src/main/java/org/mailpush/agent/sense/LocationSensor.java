package org.mailpush.agent.sense;

import java.time.Instant;
import java.util.Optional;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.presence.Location;

/** Where the machine is: fixed coordinates for a desk machine, or a command that prints {@code LAT LON [ACCURACY]}. */
public final class LocationSensor implements Sensor {
    private final Optional<Location> fixed;
    private final Optional<ExternalCommand> command;

    private LocationSensor(Optional<Location> fixed, Optional<ExternalCommand> command) {
        this.fixed = fixed;
        this.command = command;
    }

    public static LocationSensor fixed(Location location) {
        return new LocationSensor(Optional.of(location), Optional.empty());
    }

    public static LocationSensor command(ExternalCommand command) {
        return new LocationSensor(Optional.empty(), Optional.of(command));
    }

    @Override
    public String name() {
        return command.map(c -> "location (" + c.program() + ")").orElse("location (fixed)");
    }

    @Override
    public Optional<Reading> read(Instant now) {
        if (fixed.isPresent()) {
            return fixed.map(Reading.Place::new);
        }
        return command.orElseThrow().output().flatMap(LocationSensor::parse);
    }

    static Optional<Reading> parse(String text) {
        String[] parts = text.strip().split("[,\\s]+");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            double accuracy = parts.length >= 3 ? Double.parseDouble(parts[2]) : 0;
            return Optional.of(new Reading.Place(new Location(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), accuracy)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
