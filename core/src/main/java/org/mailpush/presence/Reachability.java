package org.mailpush.presence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How the server can reach a terminal, besides what the terminal reports of itself (SPEC M1, X2):
 * its link, and the push channels that need no open connection (Web Push, UnifiedPush). A terminal
 * that stopped talking is not "on": {@link PresenceInference} turns a link lost longer than the grace,
 * with no push channel, into an unreachable terminal.
 *
 * @param link     the terminal link: connected, not connected since an instant, or not known
 * @param channels the working push channels, by the words people use for them ("Web Push")
 */
public record Reachability(Link link, List<String> channels) {
    /** Nothing known of the link and no push channel, as in a scenario that does not say. */
    public static final Reachability UNKNOWN = new Reachability(new Link.Unknown(), List.of());

    public Reachability {
        Objects.requireNonNull(link, "link");
        channels = List.copyOf(channels);
    }

    public static Reachability connected(List<String> channels) {
        return new Reachability(new Link.Connected(), channels);
    }

    public static Reachability notConnectedSince(Instant since, List<String> channels) {
        return new Reachability(new Link.NotConnected(since), channels);
    }

    /** The terminal link's state. */
    public sealed interface Link {
        /** Connected right now. */
        record Connected() implements Link {}

        /** Not connected since this instant: when the link was lost, or when the server started. */
        record NotConnected(Instant since) implements Link {
            public NotConnected {
                Objects.requireNonNull(since, "since");
            }
        }

        /** Not known. */
        record Unknown() implements Link {}
    }
}
