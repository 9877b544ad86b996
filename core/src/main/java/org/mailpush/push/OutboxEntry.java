package org.mailpush.push;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.mailpush.device.DeviceId;

/**
 * One delivery to one terminal: its per-device sequence number, what it carries, and when it was
 * queued, last sent and acknowledged (SPEC X1, X4).
 *
 * @param attempts how often it was sent
 * @param failure  why the last push through the terminal's push channels failed, until it is sent or acknowledged
 */
public record OutboxEntry(
        DeviceId device, long seq, Payload payload, Instant queuedAt, Optional<Instant> sentAt, Optional<Instant> ackedAt, int attempts,
        Optional<String> failure) {

    public OutboxEntry {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(ackedAt, "ackedAt");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, got " + seq);
        }
    }

    /** An entry with no failure on record. */
    public OutboxEntry(
            DeviceId device, long seq, Payload payload, Instant queuedAt, Optional<Instant> sentAt, Optional<Instant> ackedAt, int attempts) {
        this(device, seq, payload, queuedAt, sentAt, ackedAt, attempts, Optional.empty());
    }

    public boolean acknowledged() {
        return ackedAt.isPresent();
    }

    /** Addressed to one device, before it has a sequence number. */
    public record Addressed(DeviceId device, Payload payload) {
        public Addressed {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
