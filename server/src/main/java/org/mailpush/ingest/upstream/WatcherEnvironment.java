package org.mailpush.ingest.upstream;

import java.time.InstantSource;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * What every watcher needs besides its account and the intake: its settings, the clock that stamps
 * statuses and mails, the way it waits, and the randomness that jitters its reconnects.
 *
 * @param random shared by all watchers, so it must be safe for concurrent use
 */
public record WatcherEnvironment(UpstreamSettings settings, InstantSource clock, Pause pause, RandomGenerator random) {

    public WatcherEnvironment {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(random, "random");
    }

    /** The system clock, real waits and a thread-safe {@link Random}. */
    public static WatcherEnvironment system(UpstreamSettings settings) {
        return new WatcherEnvironment(settings, InstantSource.system(), Pause.real(), new Random());
    }
}
