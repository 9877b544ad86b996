package org.mailpush.link;

import java.time.Instant;
import java.util.Optional;
import org.mailpush.device.DeviceId;
import org.mailpush.json.LinkJson;
import org.mailpush.protocol.ServerMessage;
import org.mailpush.user.UserId;

/**
 * One terminal connection: its channel, who it is once it said hello, and what it may still do
 * (rate, strikes). Sending on a session is serialised by the {@link Courier}.
 */
final class Session {
    /** The device and user a connection belongs to, from its token — never from a message field. */
    record Identity(DeviceId device, UserId user, String deviceName) {}

    private final Channel channel;
    private final RateLimit rate;
    private final Instant openedAt;
    private volatile Identity identity;
    private int strikes;
    private volatile long lastSent;
    private volatile long acknowledged;
    private volatile boolean unsettled;
    private volatile boolean closed;

    Session(Channel channel, LinkSettings settings, Instant now) {
        this.channel = channel;
        this.rate = new RateLimit(settings.messagesPerSecond(), settings.burst(), now);
        this.openedAt = now;
    }

    Optional<Identity> identity() {
        return Optional.ofNullable(identity);
    }

    void identify(Identity identity, long lastAck) {
        this.identity = identity;
        this.lastSent = lastAck;
        this.acknowledged = lastAck;
    }

    Instant openedAt() {
        return openedAt;
    }

    synchronized boolean allow(Instant now) {
        return rate.tryTake(now);
    }

    synchronized int strike() {
        return ++strikes;
    }

    /** The highest sequence number sent on this connection. */
    long lastSent() {
        return lastSent;
    }

    void sentUpTo(long seq) {
        lastSent = Math.max(lastSent, seq);
    }

    /** The terminal acknowledged {@code seq} and everything before it. */
    synchronized void acknowledged(long seq) {
        acknowledged = Math.max(acknowledged, seq);
    }

    /** A send to it failed part way: what is left is tried again by the resend timer. */
    void unsettled(boolean unsettled) {
        this.unsettled = unsettled;
    }

    /**
     * Whether something sent on this connection still waits for its acknowledgement (or a send
     * failed): only such sessions need the resend timer. Idle terminals cost it nothing.
     */
    boolean awaitsAcknowledgement() {
        return unsettled || lastSent > acknowledged;
    }

    /** Queues the message; false when the session is closed, or was just dropped for reading too slowly. */
    boolean send(ServerMessage message) {
        if (!closed && !channel.send(LinkJson.write(message), message.sequence())) {
            closed = true;
        }
        return !closed;
    }

    /** Whether the delivery {@code seq} is queued on this connection and not yet written: sending it again would only pile up. */
    boolean unwritten(long seq) {
        return channel.unwritten(seq);
    }

    void close(Closing why) {
        if (!closed) {
            closed = true;
            channel.close(why.code(), why.reason());
        }
    }

    boolean closed() {
        return closed;
    }

    /** Marks the session closed after its channel was closed by the other side. */
    void closedByPeer() {
        closed = true;
    }
}
