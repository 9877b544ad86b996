package org.mailpush.agent.sense;

import java.time.Instant;
import java.util.Objects;
import org.mailpush.presence.Location;
import org.mailpush.presence.Proximity;
import org.mailpush.presence.Temperature;

/** What one sensor read. */
public sealed interface Reading {

    /** The user last gave input at this moment. */
    record LastInput(Instant at) implements Reading {
        public LastInput {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The proximity sensor sees the user, or sees nobody. */
    record Nearby(Proximity proximity) implements Reading {
        public Nearby {
            Objects.requireNonNull(proximity, "proximity");
        }
    }

    /** The body-contact thermometer's reading. */
    record Heat(Temperature temperature) implements Reading {
        public Heat {
            Objects.requireNonNull(temperature, "temperature");
        }
    }

    /** Where the machine is. */
    record Place(Location location) implements Reading {
        public Place {
            Objects.requireNonNull(location, "location");
        }
    }
}
