package org.mailpush.route;

import java.util.Comparator;
import org.mailpush.device.Device;
import org.mailpush.device.DeviceId;
import org.mailpush.presence.Evidence;
import org.mailpush.presence.Presence;
import org.mailpush.presence.UsageState;

/** A terminal with its inferred presence, during one routing decision. */
record Candidate(Device device, Presence presence) {

    /** Likeliest to reach the user first: in use, idle, unknown, asleep, off; then by id. */
    static final Comparator<Candidate> LIKELIEST_FIRST =
            Comparator.comparingInt((Candidate c) -> rank(c.state()))
                    .thenComparing(Candidate::id);

    /**
     * Most clearly in use first: the most recent input, then a proximity sensor that detects the
     * user, then body heat; then by id.
     */
    static final Comparator<Candidate> MOST_CLEARLY_IN_USE =
            Comparator.comparingLong(Candidate::inUseRank).thenComparing(Candidate::id);

    private long inUseRank() {
        long rank = Long.MAX_VALUE;
        for (Evidence evidence : presence.evidence()) {
            long r = switch (evidence) {
                case Evidence.RecentInput input -> input.ago().toMillis();
                case Evidence.ProximityDetected proximity -> Long.MAX_VALUE - 2;
                case Evidence.BodyHeat heat -> Long.MAX_VALUE - 1;
                default -> Long.MAX_VALUE;
            };
            rank = Math.min(rank, r);
        }
        return rank;
    }

    private static int rank(UsageState state) {
        return switch (state) {
            case IN_USE -> 0;
            case IDLE -> 1;
            case UNKNOWN -> 2;
            case ASLEEP -> 3;
            case OFF -> 4;
        };
    }

    DeviceId id() {
        return device.id();
    }

    /**
     * A candidate stands for its device within one decision, where device ids are unique (the
     * router checks): comparing ids spares comparing whole devices and presences, which the
     * selections' lists and maps would otherwise do for every lookup.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Candidate c && c.device.id().equals(device.id());
    }

    @Override
    public int hashCode() {
        return device.id().hashCode();
    }

    String name() {
        return device.name();
    }

    UsageState state() {
        return presence.state();
    }

    boolean receives() {
        return device.type().receivesMail();
    }

    boolean on() {
        return presence.state().on();
    }

    /** Whether the server can reach the terminal now (its link, or a push channel). */
    boolean reachable() {
        return presence.reachable();
    }
}
