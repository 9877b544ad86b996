package org.mailpush.link;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.mailpush.device.DeviceId;
import org.mailpush.presence.Reachability;
import org.mailpush.user.UserId;

/**
 * The terminals connected right now, at most one session per device, and since when each other
 * terminal is not: when its last session ended, or, for one that has not connected since, when the
 * server started. In a cluster, a terminal another node holds counts as connected, and the other
 * nodes learn of each terminal this node holds ({@link Peers}).
 */
final class Terminals {
    private final Map<DeviceId, Session> sessions = new ConcurrentHashMap<>();
    private final Set<Session> unidentified = ConcurrentHashMap.newKeySet();
    /** When each device's last session ended; one entry per device that connected since the start. */
    private final Map<DeviceId, Instant> lost = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final Instant started;
    private final Consumer<DeviceId> attached;
    private final Peers peers;

    /** @param attached told of each device that says hello, after its session is registered */
    Terminals(InstantSource clock, Consumer<DeviceId> attached, Peers peers) {
        this.clock = clock;
        this.started = clock.instant();
        this.attached = attached;
        this.peers = peers;
    }


    /** Tracks a new connection until it says hello. */
    void opened(Session session) {
        unidentified.add(session);
    }

    /** Closes the connections that have not said hello since before {@code cutoff}. */
    void closeSilentSince(Instant cutoff) {
        for (Session session : unidentified) {
            if (session.openedAt().isBefore(cutoff)) {
                unidentified.remove(session);
                session.close(Closing.NO_HELLO);
            }
        }
    }

    /** Registers an identified session; a session the device had before is closed. */
    void attach(Session session) {
        unidentified.remove(session);
        DeviceId device = session.identity().orElseThrow().device();
        Session previous = sessions.put(device, session);
        if (previous != null && previous != session) {
            previous.close(Closing.REPLACED);
        }
        peers.attached(device);
        attached.accept(device);
    }

    void detach(Session session) {
        unidentified.remove(session);
        session.identity().ifPresent(identity -> {
            if (sessions.remove(identity.device(), session)) {
                lost.put(identity.device(), clock.instant());
                peers.detached(identity.device());
            }
        });
    }

    /** The device's link as evidence: connected, or not since when; with its working push channels. */
    Reachability reachability(DeviceId device, List<String> channels) {
        if (sessions.containsKey(device)) {
            return Reachability.connected(channels);
        }
        Instant lostHere = lost.get(device);
        return switch (peers.elsewhere(device).orElse(null)) {
            case null -> Reachability.notConnectedSince(lostHere == null ? started : lostHere, channels);
            case Peers.Elsewhere.Held held -> Reachability.connected(channels);
            // Lost on another node: since then, or since it was lost here, whichever is later.
            case Peers.Elsewhere.Ended ended -> Reachability.notConnectedSince(
                    lostHere == null || ended.at().isAfter(lostHere) ? ended.at() : lostHere, channels);
        };
    }

    Optional<Session> session(DeviceId device) {
        return Optional.ofNullable(sessions.get(device));
    }

    List<Session> ofUser(UserId user) {
        return sessions.values().stream()
                .filter(s -> s.identity().map(i -> i.user().equals(user)).orElse(false))
                .toList();
    }

    /** How many connections have not said hello yet. */
    int unidentifiedCount() {
        return unidentified.size();
    }

    List<Session> all() {
        return List.copyOf(sessions.values());
    }

    boolean connected(DeviceId device) {
        return sessions.containsKey(device);
    }

    /** Closes the device's connection at once, e.g. when it is revoked. */
    void disconnect(DeviceId device, Closing why) {
        Session session = sessions.remove(device);
        if (session != null) {
            peers.detached(device);
            session.close(why);
        }
    }
}
