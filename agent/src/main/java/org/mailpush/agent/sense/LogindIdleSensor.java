package org.mailpush.agent.sense;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.mailpush.agent.command.ExternalCommand;

/**
 * Last input from the session manager: {@code loginctl show-session SESSION -p IdleHint -p
 * IdleSinceHint} prints {@code IdleHint=no} while the desktop says the user is active (last input:
 * now) and {@code IdleHint=yes} with {@code IdleSinceHint=}microseconds since the epoch once it
 * declared the session idle (last input: then).
 */
public final class LogindIdleSensor implements Sensor {
    private final ExternalCommand command;

    public LogindIdleSensor(ExternalCommand command) {
        this.command = command;
    }

    @Override
    public String name() {
        return "input (logind idle hint)";
    }

    @Override
    public Optional<Reading> read(Instant now) {
        return command.output().flatMap(text -> parse(text, now));
    }

    static Optional<Reading> parse(String text, Instant now) {
        String hint = null;
        long since = 0;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("IdleHint=")) {
                hint = trimmed.substring("IdleHint=".length());
            } else if (trimmed.startsWith("IdleSinceHint=")) {
                try {
                    since = Long.parseLong(trimmed.substring("IdleSinceHint=".length()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        if ("no".equals(hint)) {
            return Optional.of(new Reading.LastInput(now));
        }
        if ("yes".equals(hint) && since > 0) {
            Instant idleSince = Instant.EPOCH.plus(since, ChronoUnit.MICROS);
            return Optional.of(new Reading.LastInput(idleSince.isAfter(now) ? now : idleSince));
        }
        return Optional.empty();
    }
}
