package org.mailpush.agent.sense;

import java.time.Instant;
import java.util.Optional;

/** One source of usage evidence (SPEC T2), read whenever the agent looks. */
public interface Sensor {
    /** A short name for logs and {@code agent status}. */
    String name();

    /** What it senses now; empty when it cannot tell (the tool is missing, the file unreadable). */
    Optional<Reading> read(Instant now);
}
