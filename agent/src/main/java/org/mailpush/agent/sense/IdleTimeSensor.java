package org.mailpush.agent.sense;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.mailpush.agent.command.ExternalCommand;

/** Last input from a command that prints the idle time in milliseconds, such as X11's {@code xprintidle}. */
public final class IdleTimeSensor implements Sensor {
    private final ExternalCommand command;

    public IdleTimeSensor(ExternalCommand command) {
        this.command = command;
    }

    @Override
    public String name() {
        return "input (" + command.program() + ")";
    }

    @Override
    public Optional<Reading> read(Instant now) {
        return command.output().flatMap(text -> parse(text, now));
    }

    static Optional<Reading> parse(String text, Instant now) {
        try {
            long millis = Long.parseLong(text.strip());
            return millis < 0 ? Optional.empty() : Optional.of(new Reading.LastInput(now.minus(Duration.ofMillis(millis))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
