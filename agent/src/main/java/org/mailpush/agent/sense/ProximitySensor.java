package org.mailpush.agent.sense;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.presence.Proximity;

/**
 * Proximity from a command the user configures — a Bluetooth or infrared presence script — that
 * prints {@code near} or {@code away} (also {@code yes}/{@code no}, {@code 1}/{@code 0}).
 */
public final class ProximitySensor implements Sensor {
    private final ExternalCommand command;

    public ProximitySensor(ExternalCommand command) {
        this.command = command;
    }

    @Override
    public String name() {
        return "proximity (" + command.program() + ")";
    }

    @Override
    public Optional<Reading> read(Instant now) {
        return command.output().flatMap(ProximitySensor::parse);
    }

    static Optional<Reading> parse(String text) {
        String word = text.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return switch (word) {
            case "near", "yes", "1", "true" -> Optional.of(new Reading.Nearby(Proximity.NEAR));
            case "away", "no", "0", "false" -> Optional.of(new Reading.Nearby(Proximity.AWAY));
            default -> Optional.empty();
        };
    }
}
