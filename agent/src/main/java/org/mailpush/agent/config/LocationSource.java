package org.mailpush.agent.config;

import java.util.List;
import java.util.Objects;
import org.mailpush.presence.Location;

/** Where the location sensor learns where the machine is. */
public sealed interface LocationSource {

    /** A desk machine that never moves. */
    record Fixed(Location location) implements LocationSource {
        public Fixed {
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A command that prints {@code LAT LON [ACCURACY]} (or with commas); a move of at least
     * {@code minimumMove} metres is a change worth reporting.
     */
    record Command(List<String> command, double minimumMove) implements LocationSource {
        public Command {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("the command must not be empty");
            }
            if (!(minimumMove >= 0)) {
                throw new IllegalArgumentException("the minimum move must be a non-negative number of metres");
            }
        }
    }
}
